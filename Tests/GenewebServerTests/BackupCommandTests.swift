import Foundation
import GenewebStore
import GenewebTestSupport
import Testing

/// `geneweb backup` and `geneweb restore` through the real binary: a restored server answers as
/// the original did, on SQLite and from SQLite into PostgreSQL; a killed backup leaves nothing
/// that looks complete.
@Suite("Backup and restore commands", .enabled(if: TestEnvironment.runsBinaryTests, "needs the built binary: run scripts/test"))
struct BackupCommandTests {
    static let env = [
        "GENEWEB_AUTH_BCRYPT_COST": "4", "GENEWEB_DEBUG": "true",
        "GENEWEB_SECURITY_SECRET_KEY": "backup-command-secret-key-of-32-bytes",
        "GENEWEB_SECURITY_ENCRYPTION_KEY": "backup-command-encryption-key-32-bytes",
    ]

    /// What a few routes answer: the same before a backup and after its restore.
    static func answers(_ server: ServerProcess) async throws -> [String] {
        var answers: [String] = []
        for path in [
            "api/v1/bases/family/persons?limit=100", "api/v1/bases/family/families", "api/v1/bases/family/search/surnames",
            "api/v1/bases/family/genealogy/stats",
        ] {
            let (status, body) = try await HTTP.get(URL(string: "\(server.baseURL)/\(path)")!)
            var json = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
            json["timestamp"] = nil
            json["request_id"] = nil
            answers.append("\(status) " + String(decoding: try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]), as: UTF8.self))
        }
        return answers
    }

    static func populate(_ directory: TemporaryDirectory) async throws {
        let file = directory.url.appendingPathComponent("family.ged").path
        try
            "0 HEAD\n1 CHAR UTF-8\n0 @I1@ INDI\n1 NAME Jean /Dupont/\n1 BIRT\n2 DATE 12 JAN 1850\n1 DEAT\n2 DATE 1920\n1 FAMS @F1@\n0 @I2@ INDI\n1 NAME Marie /Curie/\n1 DEAT\n2 DATE 1934\n1 FAMS @F1@\n0 @F1@ FAM\n1 HUSB @I1@\n1 WIFE @I2@\n1 MARR\n2 DATE 1875\n0 TRLR\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try await runGeneweb(["import", file, "--base", "family", "--data-dir", directory.path], environment: env).status == 0)
        #expect(
            try await runGeneweb(
                ["user", "create", "archivist", "--role", "admin", "--email", "a@example.org", "--data-dir", directory.path],
                environment: env, standardInput: "the archivist's long passphrase\n"
            ).status == 0)
    }

    @Test("backup, verify, restore into an empty data folder: the restored server answers the same; a second restore is refused")
    func roundTripOnSQLite() async throws {
        let original = TemporaryDirectory()
        try await Self.populate(original)
        let first = try ServerProcess(arguments: ["serve", "--data-dir", original.path], environment: Self.env)
        try await first.waitUntilHealthy()
        let before = try await Self.answers(first)
        // Online: the backup is taken while the server runs.
        let archive = original.url.appendingPathComponent("family.gwbackup").path
        let backup = try await runGeneweb(["backup", "--output", archive, "--data-dir", original.path], environment: Self.env)
        #expect(backup.status == 0, "\(backup.output)")
        #expect(backup.output.contains("persons: 2") && backup.output.contains("users: 1"))
        first.signal(SIGTERM)
        #expect(try await first.waitForExit() == 0)

        let verified = try await runGeneweb(["restore", archive, "--verify"], environment: Self.env)
        #expect(verified.status == 0 && verified.output.contains("sound archive"))
        // The wrong key is refused before anything is written.
        let wrongKey = Self.env.merging(["GENEWEB_SECURITY_ENCRYPTION_KEY": "another-encryption-key-of-32-bytes!!"]) { $1 }
        let restoredDir = TemporaryDirectory()
        let refusedKey = try await runGeneweb(["restore", archive, "--data-dir", restoredDir.path], environment: wrongKey)
        #expect(refusedKey.status == 1 && refusedKey.output.contains("cannot open"))

        let restored = try await runGeneweb(["restore", archive, "--data-dir", restoredDir.path], environment: Self.env)
        #expect(restored.status == 0, "\(restored.output)")
        let again = try await runGeneweb(["restore", archive, "--data-dir", restoredDir.path], environment: Self.env)
        #expect(again.status == 1 && again.output.contains("already holds data"))

        let second = try ServerProcess(arguments: ["serve", "--data-dir", restoredDir.path], environment: Self.env)
        try await second.waitUntilHealthy()
        #expect(try await Self.answers(second) == before)
        let (login, _) = try await HTTP.postJSON(
            second.baseURL.appendingPathComponent("auth/login"),
            ["username": "archivist", "password": "the archivist's long passphrase"])
        #expect(login == 200)
        second.signal(SIGTERM)
        #expect(try await second.waitForExit() == 0)
    }

    @Test(
        "moving from SQLite to PostgreSQL is a restore: the server on PostgreSQL answers the same",
        .enabled(if: TestEnvironment.runsPostgresTests, "needs PostgreSQL: run scripts/test"))
    func sqliteToPostgres() async throws {
        let original = TemporaryDirectory()
        try await Self.populate(original)
        let first = try ServerProcess(arguments: ["serve", "--data-dir", original.path], environment: Self.env)
        try await first.waitUntilHealthy()
        let before = try await Self.answers(first)
        first.signal(SIGTERM)
        #expect(try await first.waitForExit() == 0)
        let archive = original.url.appendingPathComponent("move.gwbackup").path
        #expect(try await runGeneweb(["backup", "--output", archive, "--data-dir", original.path], environment: Self.env).status == 0)
        let url = try await TestPostgres.makeDatabase()
        defer { Task { await TestPostgres.drop(url) } }
        let restored = try await runGeneweb(["restore", archive, "--database-url", url], environment: Self.env)
        #expect(restored.status == 0, "\(restored.output)")
        let moved = try ServerProcess(arguments: ["serve", "--data-dir", original.path, "--database-url", url], environment: Self.env)
        try await moved.waitUntilHealthy()
        #expect(try await Self.answers(moved) == before)
        moved.signal(SIGTERM)
        #expect(try await moved.waitForExit() == 0)
    }

    @Test("kill -9 during a backup leaves no file under the archive's name, and the partial file is refused")
    func killedBackup() async throws {
        let directory = TemporaryDirectory()
        let file = directory.url.appendingPathComponent("large.ged").path
        // Enough persons that the backup is still writing when it is killed; the debug build on a
        // loaded 2-core machine may take minutes to import them, hence the long limits.
        #expect(try await runGeneweb(["generate", "--persons", "30000", "--output", file], timeout: .seconds(600)).status == 0)
        #expect(try await runGeneweb(["import", file, "--data-dir", directory.path], environment: Self.env, timeout: .seconds(600)).status == 0)
        let archive = directory.url.appendingPathComponent("killed.gwbackup").path
        let backup = try ServerProcess(arguments: ["backup", "--output", archive, "--data-dir", directory.path], environment: Self.env)
        let deadline = ContinuousClock.now + .seconds(120)
        while backup.process.isRunning, ContinuousClock.now < deadline,
            ((try? FileManager.default.attributesOfItem(atPath: archive + ".partial")[.size] as? NSNumber)?.intValue ?? 0) < 200_000
        {
            try await Task.sleep(for: .milliseconds(20))
        }
        try #require(backup.process.isRunning, "the backup finished before it could be killed: \(backup.log)")
        backup.signal(SIGKILL)
        _ = try await backup.waitForExit()
        #expect(!FileManager.default.fileExists(atPath: archive))
        let partial = try await runGeneweb(["restore", archive + ".partial", "--verify"], environment: Self.env)
        #expect(partial.status == 1 && partial.output.contains("incomplete"))
    }
}
