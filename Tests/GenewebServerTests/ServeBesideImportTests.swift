import Foundation
import GenewebTestSupport
import Testing

/// A server started on an SQLite file that `geneweb import` is writing: it starts, serves reads
/// (WAL), and answers writes that cannot wait with 503 and `Retry-After`, not a crash or a 500.
@Suite("Serving beside a running import", .enabled(if: TestEnvironment.runsBinaryTests, "needs the built binary: run scripts/test"))
struct ServeBesideImportTests {
    static let secret = "serve-beside-import-secret-key-of-32-bytes"

    @Test("serve starts and reads while an import holds the write lock; a write answers 503; import progress lines arrive as they happen")
    func serveDuringImport() async throws {
        let directory = TemporaryDirectory()
        let data = ["--data-dir", directory.path]
        let env = ["GENEWEB_AUTH_BCRYPT_COST": "4", "GENEWEB_DEBUG": "true", "GENEWEB_SECURITY_SECRET_KEY": Self.secret]
        let file = directory.url.appendingPathComponent("large.ged").path
        #expect(try await runGeneweb(["generate", "--persons", "100000", "--output", file]).status == 0)
        #expect(
            try await runGeneweb(
                ["user", "create", "archivist", "--role", "admin"] + data, environment: env,
                standardInput: "the archivist's long passphrase\n"
            ).status == 0)
        // A token from a first server: signing in writes (last login), which must wait during the import.
        let first = try ServerProcess(arguments: ["serve"] + data, environment: env)
        try await first.waitUntilHealthy()
        let (loginStatus, login) = try await HTTP.postJSON(
            first.baseURL.appendingPathComponent("auth/login"),
            ["username": "archivist", "password": "the archivist's long passphrase"])
        #expect(loginStatus == 200)
        let token = try #require(login["access_token"] as? String)
        first.signal(SIGTERM)
        #expect(try await first.waitForExit() == 0)

        // The import's output goes to a pipe: each progress line must arrive while it runs.
        let importing = try ServerProcess(arguments: ["import", file, "--base", "large"] + data, environment: env)
        defer { importing.signal(SIGKILL) }
        let deadline = ContinuousClock.now + .seconds(300)
        while importing.process.isRunning, !importing.log.contains("written "), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        try #require(importing.process.isRunning, "the import ended before a progress line was seen: \(importing.log)")
        #expect(importing.log.contains("reading "))

        let server = try ServerProcess(arguments: ["serve"] + data, environment: env)
        try await server.waitUntilHealthy()
        let (listStatus, _) = try await HTTP.get(server.baseURL.appendingPathComponent("api/v1/persons"))
        #expect(listStatus == 200)
        let write = try await HTTP.send(
            "POST", server.baseURL.appendingPathComponent("api/v1/persons"),
            headers: ["Content-Type": "application/json", "Authorization": "Bearer \(token)"],
            body: Data(#"{"first_name": "Waiting", "surname": "Writer"}"#.utf8), timeout: 60
        )
        if importing.process.isRunning {
            #expect(write.status == 503)
            #expect(write.headers["retry-after"] == "10")
            let body = (try? JSONSerialization.jsonObject(with: write.body)) as? [String: Any]
            #expect(body?["error_code"] as? String == "SERVICE_UNAVAILABLE")
            #expect((body?["detail"] as? String)?.contains("busy") == true)
        } else {
            Issue.record("the import finished before the write could be tried; the file should be larger")
        }
        server.signal(SIGTERM)
        #expect(try await server.waitForExit() == 0)
        #expect(!server.log.contains("database is locked"))
    }
}
