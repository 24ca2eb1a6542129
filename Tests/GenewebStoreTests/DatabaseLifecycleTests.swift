import Foundation
import GenewebStore
import GenewebTestSupport
import Logging
import Testing

/// A server stops many times in a test run, and a database started and stopped repeatedly must
/// give back what it opened: its connections, and the one that follows the bases' versions.
@Suite("Database start and stop")
struct DatabaseLifecycleTests {
    @Test("starting and stopping a database twenty times leaves no connection open", arguments: allEngines)
    func noConnectionLeft(engine: DatabaseEngine) async throws {
        let fixture = try await EngineFixture.make(engine)
        try await fixture.database.whileRunning { try await MigrationRunner(database: fixture.database, logger: Logger(label: "test.migrate")).migrate() }
        for _ in 0..<20 {
            // A server's database runs once: each start is a new one on the same storage.
            let database = try Database(location: fixture.database.location, logger: Logger(label: "test.store"))
            try await database.whileRunning {
                // Long enough for the versions to be followed (listening or polling).
                for _ in 0..<100 where !database.versions.isFollowing { try await Task.sleep(for: .milliseconds(10)) }
                #expect(database.versions.isFollowing)
                try await database.withConnection { sql in try await sql.raw("SELECT 1").run() }
            }
        }
        // A server process ends its session when it sees the socket closed: give it a moment.
        var open = -1
        for _ in 0..<30 {
            open = try await Self.openConnections(to: fixture.database)
            if open == 0 { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(open == 0)
        try await fixture.cleanupAfter()
    }

    /// Connections still open to the database's storage, from anyone but the counting one:
    /// descriptors of this process on the SQLite file, sessions on the PostgreSQL database.
    static func openConnections(to database: Database) async throws -> Int {
        switch database.location {
        case .sqlite(let path):
            #if os(Linux)
                let folder = "/proc/self/fd"
                return try FileManager.default.contentsOfDirectory(atPath: folder).filter { fd in
                    (try? FileManager.default.destinationOfSymbolicLink(atPath: "\(folder)/\(fd)"))?.hasPrefix(path) == true
                }.count
            #else
                return 0
            #endif
        case .postgres:
            // The counting database's own sessions (its query, its versions' listening) started
            // after `counting`.
            let counting = Date()
            let counter = try Database(location: database.location, logger: Logger(label: "test.count"))
            return try await counter.whileRunning {
                try await counter.withConnection { sql in
                    try await sql.raw("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND backend_start < \(bind: counting)")
                        .first()?.decode(column: "n", as: Int.self) ?? -1
                }
            }
        }
    }
}
