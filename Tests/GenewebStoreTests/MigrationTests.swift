import Foundation
import GenewebStore
import GenewebTestSupport
import Logging
import SQLKit
import Testing

@Suite("Schema migrations")
struct MigrationTests {
    let logger = Logger(label: "test.migrations")

    @Test("an empty database migrates to the latest version, and a second run is a no-op", arguments: allEngines)
    func idempotent(engine: DatabaseEngine) async throws {
        try await EngineFixture.with(engine) { database in
            let runner = MigrationRunner(database: database, logger: logger)
            #expect(try await runner.status() == .init(currentVersion: 0, pendingVersions: Migrations.all.map(\.version)))
            #expect(try await runner.migrate() == Migrations.all.map(\.version))
            #expect(try await runner.migrate() == [])
            let status = try await runner.status()
            #expect(status.currentVersion == Migrations.latestVersion)
            #expect(status.isUpToDate)
            let ledger = try await database.withConnection { sql in
                try await sql.raw("SELECT count(*) AS n FROM schema_migrations").first()!.decode(column: "n", as: Int.self)
            }
            #expect(ledger == Migrations.all.count)
        }
    }

    @Test("the first migration creates the default base", arguments: allEngines)
    func defaultBase(engine: DatabaseEngine) async throws {
        try await EngineFixture.with(engine) { database in
            try await MigrationRunner(database: database, logger: logger).migrate()
            let bases = try await BaseRepository(database: database).summaries()
            #expect(bases == [BaseSummary(name: "default", title: "Default base", persons: 0, families: 0)])
        }
    }

    @Test("migration 11 drops the two redundant person indexes; the GeneWeb key stays unique", arguments: allEngines)
    func leanerPersonIndexes(engine: DatabaseEngine) async throws {
        try await EngineFixture.with(engine) { database in
            try await MigrationRunner(database: database, logger: logger).migrate()
            let names = try await database.withConnection { sql in
                let query: SQLQueryString =
                    engine == .sqlite
                    ? "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'persons'"
                    : "SELECT indexname AS name FROM pg_indexes WHERE tablename = 'persons'"
                return try await sql.raw(query).all().map { try $0.decode(column: "name", as: String.self) }
            }
            #expect(!names.contains("persons_by_key"))
            #expect(!names.contains("persons_by_phonetic"))
            #expect(names.contains("persons_by_list_order"))
            // A new id each time: only the (base, first name, surname, occurrence) key can refuse the second.
            func insert(occurrence: Int) async throws {
                try await database.withConnection { sql in
                    try await sql.raw(
                        """
                        INSERT INTO persons (id, base_id, first_name, surname, occurrence, first_name_key, surname_key, sex)
                        VALUES (\(bind: UUID()), 1, 'Jean', 'Dupont', \(bind: occurrence), 'jean', 'dupont', 'male')
                        """
                    ).run()
                }
            }
            try await insert(occurrence: 0)
            await #expect(throws: (any Error).self) { try await insert(occurrence: 0) }
            try await insert(occurrence: 1)
        }
    }

    @Test("several servers migrating one database at once apply each migration exactly once", arguments: allEngines)
    func concurrentMigrations(engine: DatabaseEngine) async throws {
        try await EngineFixture.with(engine) { database in
            // Separate Database values: separate pools, as separate server processes would have.
            let others = try (0..<3).map { _ in try Database(location: database.location, logger: logger) }
            let applied = try await withThrowingTaskGroup(of: [Int].self) { group in
                for other in others + [database] {
                    group.addTask {
                        if other === database { return try await MigrationRunner(database: other, logger: logger).migrate() }
                        return try await other.whileRunning { try await MigrationRunner(database: other, logger: logger).migrate() }
                    }
                }
                return try await group.reduce(into: [Int]()) { $0 += $1 }
            }
            #expect(applied.sorted() == Migrations.all.map(\.version))
            let bases = try await BaseRepository(database: database).summaries()
            #expect(bases.count == 1)
        }
    }

    @Test("SQLite runs in WAL mode with foreign keys enforced")
    func sqlitePragmas() async throws {
        try await EngineFixture.with(.sqlite) { database in
            let (mode, foreignKeys) = try await database.withConnection { sql in
                (
                    try await sql.raw("PRAGMA journal_mode").first()!.decode(column: "journal_mode", as: String.self),
                    try await sql.raw("PRAGMA foreign_keys").first()!.decode(column: "foreign_keys", as: Int.self)
                )
            }
            #expect(mode == "wal")
            #expect(foreignKeys == 1)
        }
    }

    @Test("the SQLite file and its folder are created on first use")
    func sqliteFileCreated() async throws {
        let directory = TemporaryDirectory()
        let path = directory.url.appendingPathComponent("nested/deeper/geneweb.sqlite").path
        let database = try Database(location: .sqlite(path: path), logger: logger)
        try await database.whileRunning { try await MigrationRunner(database: database, logger: logger).migrate() }
        #expect(FileManager.default.fileExists(atPath: path))
    }
}
