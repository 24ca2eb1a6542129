import Foundation
import GenewebTestSupport
import Testing

/// Exports and imports through the real binary and real sockets: a client that goes away
/// frees its export, cancels its import (nothing written), and the bounds answer 429.
@Suite("Export and import limits in the geneweb binary", .enabled(if: TestEnvironment.runsBinaryTests, "needs the built binary: run scripts/test"))
struct TransferLimitsServerProcessTests {
    static func start(_ directory: TemporaryDirectory, _ extra: [String: String]) async throws -> (ServerProcess, String) {
        let env = AuthServerProcessTests.environment(["GENEWEB_DATA_DIR": directory.path, "GENEWEB_SECURITY_RATE_LIMIT_PER_MINUTE": "0"])
            .merging(extra) { _, new in new }
        let server = try ServerProcess(arguments: ["serve"], environment: env)
        try await server.waitUntilHealthy()
        return (server, try await AuthServerProcessTests.login(server).access)
    }

    static func importFile(_ server: ServerProcess, _ token: String, base: String, _ text: String) async throws -> (
        status: Int, headers: [String: String], body: Data
    ) {
        try await HTTP.send(
            "POST", server.baseURL.appendingPathComponent("api/v1/bases/\(base)/import"),
            headers: ["Authorization": "Bearer \(token)"], body: Data(text.utf8), timeout: 120)
    }

    static func json(_ data: Data) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }

    /// Waits (a bounded number of times) until `condition` holds.
    static func eventually(_ attempts: Int = 240, _ condition: () async throws -> Bool) async throws -> Bool {
        for _ in 0..<attempts {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(250))
        }
        return false
    }

    @Test("an import whose client goes away is cancelled with nothing written; meanwhile a second import gets 429")
    func importCancelledOnDisconnect() async throws {
        let directory = TemporaryDirectory()
        let file = directory.url.appendingPathComponent("generated.ged").path
        let generated = try await runGeneweb(["generate", "--persons", "30000", "--output", file])
        #expect(generated.status == 0)
        let body = try Array(Data(contentsOf: URL(fileURLWithPath: file)))
        let (server, token) = try await Self.start(directory, ["GENEWEB_IMPORT_MAX_CONCURRENT": "1"])

        let upload = try RawHTTPConnection(port: server.port)
        try upload.send(
            RawHTTPConnection.head(
                "POST", "/api/v1/bases/gone/import",
                headers: [
                    "Authorization": "Bearer \(token)", "Content-Length": String(body.count), "Content-Type": "application/x-gedcom",
                ]))
        try upload.send(body.prefix(body.count / 2))
        // The first import holds the only place while its body comes in.
        let refused = try await Self.importFile(server, token, base: "small", ImportExportAPITests.gedcom)
        #expect(refused.status == 429)
        #expect(refused.headers["retry-after"] == "5")
        #expect(Self.json(refused.body)["error_code"] as? String == "RATE_LIMIT_EXCEEDED")
        #expect(Self.json(refused.body)["retry_after"] as? Int == 5)

        // The whole file, then the client goes away before the answer.
        try upload.send(body.dropFirst(body.count / 2))
        upload.close()
        #expect(try await Self.eventually { server.log.contains("import into gone cancelled") }, "\(server.log.suffix(2000))")
        let persons = try await HTTP.send(
            "GET", server.baseURL.appendingPathComponent("api/v1/bases/gone/persons"), headers: ["Authorization": "Bearer \(token)"])
        #expect(persons.status == 404, "the cancelled import created nothing: \(String(decoding: persons.body, as: UTF8.self))")

        // The place is free again and the database is not left locked.
        let accepted = try await Self.importFile(server, token, base: "small", ImportExportAPITests.gedcom)
        #expect(accepted.status == 201, "\(String(decoding: accepted.body, as: UTF8.self))")
        server.signal(SIGTERM)
        #expect(try await server.waitForExit() == 0)
    }

    @Test("an upload that once trapped the reader is read with a warning, an unreadable one is refused with 422, and the server keeps serving")
    func readerFaultIsolated() async throws {
        let directory = TemporaryDirectory()
        let (server, token) = try await Self.start(directory, [:])
        // A 20-digit level: once an overflow trap in the GEDCOM line reader that ended the server.
        // The digits are counted before any arithmetic: the line is kept as text, with a warning.
        let trap = try await Self.importFile(
            server, token, base: "trap", "0 HEAD\n1 CHAR UTF-8\n0 @I1@ INDI\n1 NAME Jean /Dupont/\n99999999999999999999 X\n0 TRLR\n")
        #expect(trap.status == 201, "\(String(decoding: trap.body, as: UTF8.self))")
        #expect(Self.json(trap.body)["persons"] as? Int == 1)
        let warnings = Self.json(trap.body)["warnings"] as? [String] ?? []
        #expect(warnings.contains { $0.contains("line 5") && $0.contains("without level number") }, "\(warnings)")
        // Bytes that are no text file: the reader refuses them, cleanly.
        let junk = String(decoding: (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7) }, as: UTF8.self)
        let refused = try await Self.importFile(server, token, base: "junk", junk)
        #expect(refused.status == 422, "\(String(decoding: refused.body, as: UTF8.self))")
        #expect(Self.json(refused.body)["error_code"] as? String != nil)
        #expect(server.process.isRunning)
        #expect(try await HTTP.get(server.baseURL.appendingPathComponent("health/")).0 == 200)
        #expect(try await Self.importFile(server, token, base: "small", ImportExportAPITests.gedcom).status == 201)
        server.signal(SIGTERM)
        #expect(try await server.waitForExit() == 0)
    }

    @Test("a client holding an export gets 429 for a second one; going away frees its place")
    func exportPlaceFreedOnDisconnect() async throws {
        let directory = TemporaryDirectory()
        let (server, token) = try await Self.start(directory, ["GENEWEB_EXPORT_MAX_PER_CLIENT": "1"])
        // 6,000 dead persons with 2 KB notes: 12 MB of export, more than sockets buffer.
        var text = "0 HEAD\n1 GEDC\n2 VERS 5.5.1\n1 CHAR UTF-8\n"
        let note = String(repeating: "lorem ipsum ", count: 170)
        for index in 1...6000 {
            text += "0 @I\(index)@ INDI\n1 NAME Long\(index) /Note/\n1 DEAT Y\n1 NOTE " + note + "\n"
        }
        text += "0 TRLR\n"
        #expect(try await Self.importFile(server, token, base: "notes", text).status == 201)
        let exportURL = server.baseURL.appendingPathComponent("api/v1/bases/notes/export")

        let slow = try RawHTTPConnection(port: server.port, receiveBuffer: 4096)
        try slow.send(RawHTTPConnection.head("GET", "/api/v1/bases/notes/export"))
        #expect(try slow.readHead().hasPrefix("HTTP/1.1 200"))
        // It reads no further: its export waits on the socket, holding the client's one place.
        let refused = try await HTTP.send("GET", exportURL)
        #expect(refused.status == 429)
        #expect(refused.headers["retry-after"] == "5")
        #expect(Self.json(refused.body)["error_code"] as? String == "RATE_LIMIT_EXCEEDED")

        slow.close()
        var exported = 0
        #expect(
            try await Self.eventually {
                let answer = try await HTTP.send("GET", exportURL, timeout: 120)
                exported = answer.body.count
                return answer.status == 200
            })
        #expect(exported > 12_000_000)
        server.signal(SIGTERM)
        #expect(try await server.waitForExit() == 0)
    }
}
