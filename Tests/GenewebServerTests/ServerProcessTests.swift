import Foundation
import GenewebStore
import GenewebTestSupport
import Testing

/// The built `geneweb` binary over a real socket: start-up, configuration errors, signals.
@Suite("The geneweb binary", .enabled(if: TestEnvironment.runsBinaryTests, "needs the built binary: run scripts/test"))
struct ServerProcessTests {
    @Test("serve starts on the embedded default, answers /health/ and stops cleanly on SIGTERM")
    func startAndStop() async throws {
        let directory = TemporaryDirectory()
        let dataDirectory = directory.url.appendingPathComponent("data").path
        let server = try ServerProcess(arguments: ["serve"], environment: ["GENEWEB_DATA_DIR": dataDirectory])
        try await server.waitUntilHealthy()
        let (status, body) = try await HTTP.get(server.baseURL.appendingPathComponent("health/"))
        #expect(status == 200)
        #expect(String(decoding: body, as: UTF8.self).contains("\"healthy\""))
        #expect(FileManager.default.fileExists(atPath: dataDirectory + "/geneweb.sqlite"))
        server.signal(SIGTERM)
        #expect(try await server.waitForExit() == 0)
    }

    @Test("SIGINT also stops it with exit code 0")
    func sigint() async throws {
        let directory = TemporaryDirectory()
        let server = try ServerProcess(arguments: ["serve", "--data-dir", directory.path])
        try await server.waitUntilHealthy()
        server.signal(SIGINT)
        #expect(try await server.waitForExit() == 0)
    }

    @Test(
        "invalid configuration stops the start with one line naming the variable and exit code 2",
        arguments: [
            (["GENEWEB_API_PORT": "abc"], "GENEWEB_API_PORT"),
            (["GENEWEB_LOG_LEVEL": "loud"], "GENEWEB_LOG_LEVEL"),
            (["DATABASE_URL": "mysql://u:secret@h/db"], "DATABASE_URL"),
            (["GENEWEB_LOG_FORMAT": "yaml"], "GENEWEB_LOG_FORMAT"),
            (["GENEWEB_ADMIN_USERNAME": "ab", "GENEWEB_ADMIN_PASSWORD": "a long enough admin passphrase"], "GENEWEB_ADMIN_USERNAME"),
            (["GENEWEB_ADMIN_USERNAME": "anna", "GENEWEB_ADMIN_PASSWORD": "secret"], "GENEWEB_ADMIN_PASSWORD"),
        ])
    func configurationErrors(environment: [String: String], variable: String) async throws {
        let directory = TemporaryDirectory()
        var env = environment
        env["GENEWEB_DATA_DIR"] = directory.path
        let (status, output) = try await runGeneweb(["serve"], environment: env)
        #expect(status == 2)
        let lines = output.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains(variable) == true)
        #expect(!output.contains("secret"))
    }

    @Test("--port is validated like GENEWEB_API_PORT")
    func portFlag() async throws {
        let (status, output) = try await runGeneweb(["serve", "--port", "http"])
        #expect(status == 2)
        #expect(output.contains("--port"))
    }

    @Test("migrate applies the schema once; a second run has nothing to do")
    func migrateTwice() async throws {
        let directory = TemporaryDirectory()
        let first = try await runGeneweb(["migrate", "--data-dir", directory.path])
        #expect(first.status == 0)
        #expect(first.output.contains("applied migrations 1, 2, 3"))
        let second = try await runGeneweb(["migrate", "--data-dir", directory.path])
        #expect(second.status == 0)
        #expect(second.output.contains("schema up to date"))
        let status = try await runGeneweb(["migrate", "--status", "--data-dir", directory.path])
        #expect(status.output.contains("pending: none"))
    }

    @Test("import and export on the command line: a GEDCOM file in, GEDCOM 7 and .gw out; bad files refused with exit 1")
    func importExport() async throws {
        let directory = TemporaryDirectory()
        let file = directory.url.appendingPathComponent("family.ged").path
        try
            "0 HEAD\n1 CHAR UTF-8\n0 @I1@ INDI\n1 NAME Jean /Dupont/\n1 BIRT\n2 DATE 12 JAN 1850\n1 FAMS @F1@\n0 @I2@ INDI\n1 NAME Marie /Curie/\n1 FAMS @F1@\n0 @F1@ FAM\n1 HUSB @I1@\n1 WIFE @I2@\n0 TRLR\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try await runGeneweb(["import", file, "--base", "family", "--data-dir", directory.path])
        #expect(imported.status == 0)
        #expect(imported.output.contains("persons: 2") && imported.output.contains("families: 1"))
        let again = try await runGeneweb(["import", file, "--base", "family", "--data-dir", directory.path])
        #expect(again.status == 1)
        #expect(again.output.contains("--replace"))
        let out7 = directory.url.appendingPathComponent("out.ged").path
        #expect(try await runGeneweb(["export", "--base", "family", "--format", "gedcom7", "--output", out7, "--data-dir", directory.path]).status == 0)
        let exported = try String(contentsOfFile: out7, encoding: .utf8)
        #expect(exported.contains("2 VERS 7.0") && exported.contains("1 NAME Jean /Dupont/") && exported.contains("2 DATE 12 JAN 1850"))
        let outGw = directory.url.appendingPathComponent("out.gw").path
        #expect(try await runGeneweb(["export", "--base", "family", "--format", "gw", "--output", outGw, "--data-dir", directory.path]).status == 0)
        // `?`: not known whether he died (after a birth date, nothing would say "alive" to gwc).
        #expect(try String(contentsOfFile: outGw, encoding: .utf8).contains("fam Dupont Jean 12/1/1850 ? + Curie Marie 0"))
        let junk = directory.url.appendingPathComponent("junk.ged").path
        try Data([0, 1, 2, 3, 0xFF]).write(to: URL(fileURLWithPath: junk))
        let refused = try await runGeneweb(["import", junk, "--base", "other", "--data-dir", directory.path])
        #expect(refused.status == 1)
        #expect(refused.output.contains("binary"))
    }

    @Test("check reads a file like import, writes nothing, and reports counts and warnings")
    func check() async throws {
        let directory = TemporaryDirectory()
        let file = directory.url.appendingPathComponent("family.ged").path
        try "0 HEAD\n0 @I1@ INDI\n1 NAME Jean /Dupont/\n0 @I2@ INDI\n1 NAME Jean /Dupont/\n0 @F1@ FAM\n1 HUSB @I1@\n1 CHIL @I2@\n1 CHIL @I9@\n0 TRLR\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let checked = try await runGeneweb(["check", file], environment: ["GENEWEB_DATA_DIR": directory.path])
        #expect(checked.status == 0)
        #expect(checked.output.contains("gedcom") && checked.output.contains("MB/s"))
        #expect(checked.output.contains("persons: 2") && checked.output.contains("families: 1"))
        #expect(checked.output.contains("warnings: 1") && checked.output.contains("@I9@"))
        #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("geneweb.sqlite").path))
        let empty = directory.url.appendingPathComponent("empty.ged").path
        FileManager.default.createFile(atPath: empty, contents: Data())
        let refused = try await runGeneweb(["check", empty])
        #expect(refused.status == 1)
        #expect(refused.output.contains("empty"))
    }

    @Test("JSON logs: every line of a serving process is a JSON object")
    func jsonLogs() async throws {
        let directory = TemporaryDirectory()
        let server = try ServerProcess(arguments: ["serve", "--data-dir", directory.path], environment: ["GENEWEB_LOG_FORMAT": "json"])
        try await server.waitUntilHealthy()
        server.signal(SIGTERM)
        #expect(try await server.waitForExit() == 0)
        let lines = server.log.split(separator: "\n")
        #expect(lines.count >= 3)
        for line in lines {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) is [String: Any], "not JSON: \(line)")
        }
    }
}

@Suite(
    "The geneweb binary on PostgreSQL",
    .enabled(if: TestEnvironment.runsBinaryTests && TestEnvironment.runsPostgresTests, "needs the binary and PostgreSQL: run scripts/test")
)
struct ServerProcessPostgresTests {
    @Test("SIGTERM during a slow request lets it complete, then exits 0")
    func sigtermDuringSlowRequest() async throws {
        let url = try await TestPostgres.makeDatabase()
        defer { Task { await TestPostgres.drop(url) } }
        let directory = TemporaryDirectory()
        let server = try ServerProcess(
            arguments: ["serve", "--data-dir", directory.path, "--database-url", url],
            environment: ["GENEWEB_MONITORING_METRICS_TOKEN": "monitoring-token-for-the-binary"])
        try await server.waitUntilHealthy()

        // Another session holds an exclusive lock on `persons`, so /health/detailed, which counts
        // persons per base, waits inside its request until the test releases the lock.
        let locker = try Database(location: .postgres(url: url), logger: .init(label: "test.locker"))
        try await locker.whileRunning {
            try await withThrowingTaskGroup(of: Void.self) { group in
                let locked = AsyncStream<Void>.makeStream()
                let release = AsyncStream<Void>.makeStream()
                group.addTask {
                    try await locker.withTransaction { sql in
                        try await sql.raw("LOCK TABLE persons IN ACCESS EXCLUSIVE MODE").run()
                        locked.continuation.yield()
                        var waiting = release.stream.makeAsyncIterator()
                        await waiting.next()
                    }
                }
                var iterator = locked.stream.makeAsyncIterator()
                await iterator.next()
                async let slow = HTTP.send(
                    "GET", server.baseURL.appendingPathComponent("health/detailed"),
                    headers: ["Authorization": "Bearer monitoring-token-for-the-binary"], timeout: 120)
                // The request is in flight once its query waits on the lock.
                try await Self.waitUntil("the request's query waits on the lock") {
                    try await locker.withConnection { sql in
                        try await sql.raw("SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE '%persons%'")
                            .first()?.decode(column: "n", as: Int.self) ?? 0
                    } > 0
                }
                server.signal(SIGTERM)
                // Shutting down: new connections are refused while the request is still waiting.
                try await Self.waitUntil("the server stops accepting connections") {
                    (try? await HTTP.get(server.baseURL.appendingPathComponent("health/"), timeout: 2)) == nil
                }
                #expect(server.process.isRunning, "the server waits for its request in flight")
                release.continuation.yield()
                let (status, _, body) = try await slow
                #expect(status == 200)
                #expect(String(decoding: body, as: UTF8.self).contains("\"bases\""))
                try await group.waitForAll()
            }
        }
        #expect(try await server.waitForExit() == 0)
        #expect(server.log.contains("stopped"))
    }

    /// Polls `condition` every 50 ms for up to a minute.
    static func waitUntil(_ what: String, _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestSetupError.timeout("waited a minute for: \(what)")
    }
}
