import Foundation
import GenewebStore
import GenewebTestSupport
import Logging

/// One database per test on the requested engine, removed afterwards.
struct EngineFixture {
    let database: Database
    private let cleanup: @Sendable () async -> Void
    private let directory: TemporaryDirectory?

    static func make(_ engine: DatabaseEngine, cipher: FieldCipher? = nil) async throws -> EngineFixture {
        let logger = Logger(label: "test.store")
        switch engine {
        case .sqlite:
            let directory = TemporaryDirectory()
            let database = try Database(location: .sqlite(path: directory.url.appendingPathComponent("geneweb.sqlite").path), logger: logger, cipher: cipher)
            return EngineFixture(database: database, cleanup: {}, directory: directory)
        case .postgres:
            let url = try await TestPostgres.makeDatabase()
            let database = try Database(location: .postgres(url: url), logger: logger, cipher: cipher)
            return EngineFixture(database: database, cleanup: { await TestPostgres.drop(url) }, directory: nil)
        }
    }

    /// Removes the database (PostgreSQL) or keeps the folder until now (SQLite), for tests that
    /// open several `Database` values on the same storage.
    func cleanupAfter() async throws {
        await cleanup()
        _ = directory
    }

    /// Runs `body` with the database's pool running, then removes the database.
    static func with(_ engine: DatabaseEngine, _ body: @escaping @Sendable (Database) async throws -> Void) async throws {
        let fixture = try await make(engine)
        do {
            try await fixture.database.whileRunning { try await body(fixture.database) }
        } catch {
            await fixture.cleanup()
            throw error
        }
        await fixture.cleanup()
        _ = fixture.directory
    }
}

/// The engines a storage test runs on: SQLite always, PostgreSQL when the test server is there
/// (and always under CI, where its absence fails the test).
let allEngines: [DatabaseEngine] = TestEnvironment.runsPostgresTests ? [.sqlite, .postgres] : [.sqlite]
