import Foundation
import GenewebServer
import GenewebStore
import GenewebTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// Backups from the server: started by an admin, on a schedule, listed, downloaded; never for
/// anyone else.
@Suite("Backups over HTTP")
struct BackupAPITests {
    /// Polls the list until no backup runs, and returns it.
    static func settled(_ client: any TestClientProtocol, token: String) async throws -> [String: Any] {
        for _ in 0..<600 {
            let list = try await client.request(.get, "/api/v1/backups", token: token).json
            if (list["status"] as? [String: Any])?["running"] as? Bool == false { return list }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestFailure("the backup never finished")
    }

    @Test("an admin starts a backup, lists it, downloads a sound archive; others get 401/403", arguments: serverEngines)
    func adminBackup(engine: DatabaseEngine) async throws {
        let folder = TemporaryDirectory()
        try await withAuthApp(engine) { client in
            let admin = try await client.loginAdmin()
            let viewer = try await client.makeUser("vera", role: .viewer, admin: admin)
            _ = try await client.request(.post, "/api/v1/persons", json: ["first_name": "Jeanne", "surname": "Archive"], token: admin.access)
            #expect(try await client.request(.get, "/api/v1/backups").status == .unauthorized)
            #expect(try await client.request(.get, "/api/v1/backups", token: viewer.access).status == .forbidden)
            #expect(try await client.request(.post, "/api/v1/backups", token: viewer.access).status == .forbidden)

            let started = try await client.request(.post, "/api/v1/backups", token: admin.access)
            #expect(started.status == .accepted)
            let list = try await Self.settled(client, token: admin.access)
            let status = try #require(list["status"] as? [String: Any])
            #expect(status["last_result"] as? String == "success")
            let archives = try #require(list["archives"] as? [[String: Any]])
            #expect(archives.count == 1)
            let name = try #require(archives.first?["name"] as? String)
            #expect(name.hasPrefix("geneweb-") && name.hasSuffix(".gwbackup"))

            #expect(try await client.request(.get, "/api/v1/backups/\(name)", token: viewer.access).status == .forbidden)
            #expect(try await client.request(.get, "/api/v1/backups/..%2Fgeneweb.sqlite", token: admin.access).status == .notFound)
            let download = try await client.request(.get, "/api/v1/backups/\(name)", token: admin.access)
            #expect(download.status == .ok)
            #expect(download.headers[.contentDisposition]?.contains(name) == true)
            let path = folder.url.appendingPathComponent(name).path
            try Data(buffer: download.body).write(to: URL(fileURLWithPath: path))
            let verified = try await BackupReader(path: path).verify()
            #expect(verified.manifest.counts["persons"] == 1)
            #expect(verified.manifest.counts["users"] == 2)

            let health = try await client.request(.get, "/health/detailed", token: admin.access).json
            #expect((health["backups"] as? [String: Any])?["last_archive"] as? String == name)
        }
    }

    @Test("scheduled backups run on their interval and keep the newest few; the last result is in /metrics")
    func scheduled() async throws {
        let keep = 2
        try await withAuthApp(configure: {
            $0.backups.interval = .milliseconds(300)
            $0.backups.keep = keep
        }) { client in
            let admin = try await client.loginAdmin()
            var seen = Set<String>()
            for _ in 0..<200 where seen.count < 4 {
                let list = try await client.request(.get, "/api/v1/backups", token: admin.access).json
                for archive in try list.objects("archives") { if let name = archive["name"] as? String { seen.insert(name) } }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(seen.count >= 4, "four scheduled backups were written")
            let list = try await Self.settled(client, token: admin.access)
            #expect((list["archives"] as? [[String: Any]])?.count ?? 0 <= keep + 1, "older archives are deleted")
            let metrics = String(buffer: try await client.request(.get, "/metrics").body)
            #expect(metrics.contains("geneweb_backup_last_result 1"))
            #expect(metrics.contains("geneweb_backups_total{result=\"success\"}"))
        }
    }
}
