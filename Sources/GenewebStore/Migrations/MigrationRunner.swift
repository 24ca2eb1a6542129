import Foundation
import Logging
import SQLKit
import Synchronization

/// Applies the numbered migrations that a database lacks and reports where a database stands.
///
/// Each migration runs in its own transaction together with its row in `schema_migrations`, so a
/// failure leaves the schema at the previous version. On PostgreSQL the whole run holds an
/// advisory lock: when several instances start at once, one migrates and the others wait, then
/// find nothing left to do. On SQLite `BEGIN IMMEDIATE` serialises writers the same way.
public struct MigrationRunner: Sendable {
    /// Advisory lock key: "GWMIGRAT" as a 64-bit integer, unlikely to clash with anyone else's.
    static let advisoryLockKey: Int64 = 0x4757_4D49_4752_4154

    public let database: Database
    public let migrations: [Migration]
    let logger: Logger

    public init(database: Database, migrations: [Migration] = Migrations.all, logger: Logger) {
        self.database = database
        self.migrations = migrations
        self.logger = logger
    }

    /// Where the schema stands.
    public struct Status: Sendable, Equatable {
        /// Highest applied version, 0 for an empty database.
        public let currentVersion: Int
        /// Versions this build knows that the database lacks.
        public let pendingVersions: [Int]
        public var isUpToDate: Bool { pendingVersions.isEmpty }

        public init(currentVersion: Int, pendingVersions: [Int]) {
            self.currentVersion = currentVersion
            self.pendingVersions = pendingVersions
        }
    }

    /// Applies every pending migration; returns the versions applied (empty when already up to date).
    @discardableResult
    public func migrate() async throws -> [Int] {
        // SQLite has no advisory lock: processes migrating one file at once queue on its write
        // lock, each statement waiting at most `busy_timeout` (10 s). A loaded machine can keep
        // another migrator longer than that between our statements; waiting again is right (as
        // PostgreSQL's advisory lock waits), since every migration re-checks the ledger inside its
        // transaction and a finished migrator leaves nothing to do.
        // What this run applied, kept across attempts: an attempt that meets a busy database has
        // committed the migrations before it.
        let applied = AppliedVersions()
        let clock = ContinuousClock()
        let start = clock.now
        var attempt = 1
        while true {
            do {
                try await migrateOnce(recording: applied)
                return applied.versions
            } catch is DatabaseBusy where clock.now - start < Self.busyPatience {
                logger.info("database busy while migrating; waiting again", metadata: ["attempt": "\(attempt)"])
                attempt += 1
                try await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    /// How long a migration run keeps waiting for a busy SQLite database before it gives up:
    /// long enough for another process's migrations on a loaded machine, short enough that a
    /// server started beside a long import says why it cannot start.
    static let busyPatience: Duration = .seconds(300)

    private func migrateOnce(recording applied: AppliedVersions) async throws {
        // Nothing to apply is the usual start: answer it with a read, so a server can start beside
        // another process that holds the write lock (an import into the same SQLite file).
        if try await status().isUpToDate { return }
        try await database.serializingWrites {
            try await database.withConnection { sql in
                if database.engine == .postgres {
                    try await sql.raw("SELECT pg_advisory_lock(\(bind: Self.advisoryLockKey))").run()
                }
                do {
                    try await applyPending(on: sql, recording: applied)
                    if database.engine == .postgres {
                        try await sql.raw("SELECT pg_advisory_unlock(\(bind: Self.advisoryLockKey))").run()
                    }
                } catch {
                    if database.engine == .postgres {
                        try? await sql.raw("SELECT pg_advisory_unlock(\(bind: Self.advisoryLockKey))").run()
                    }
                    throw error
                }
            }
        }
    }

    /// Reads the applied versions without changing anything.
    public func status() async throws -> Status {
        let applied = try await database.withConnection { sql in
            try await appliedVersions(on: sql)
        }
        let known = migrations.map(\.version)
        return Status(
            currentVersion: applied.max() ?? 0,
            pendingVersions: known.filter { !applied.contains($0) }
        )
    }

    private func applyPending(on sql: any SQLDatabase, recording applied: AppliedVersions) async throws {
        try await sql.raw(SQLQueryString(createLedger)).run()
        for migration in migrations {
            let begin = database.engine == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN"
            try await sql.raw(SQLQueryString(begin)).run()
            do {
                // Checked inside the transaction: another process may have applied it meanwhile.
                if try await appliedVersions(on: sql).contains(migration.version) {
                    try await sql.raw("COMMIT").run()
                    continue
                }
                for statement in migration.statements(database.engine) {
                    try await sql.raw(SQLQueryString(statement)).run()
                }
                try await migration.backfill?(sql, database.engine)
                let now = ISO8601DateFormatter().string(from: Date())
                try await sql.raw(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: now))"
                ).run()
                try await sql.raw("COMMIT").run()
                applied.append(migration.version)
                logger.info("applied migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
            } catch {
                try? await sql.raw("ROLLBACK").run()
                throw DatabaseError.migrationFailed(
                    version: migration.version, name: migration.name, underlying: String(reflecting: error)
                )
            }
        }
    }

    private var createLedger: String {
        """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at TEXT NOT NULL
        )
        """
    }

    private func appliedVersions(on sql: any SQLDatabase) async throws -> Set<Int> {
        guard try await ledgerExists(on: sql) else { return [] }
        let rows = try await sql.raw("SELECT version FROM schema_migrations").all()
        return Set(try rows.map { try $0.decode(column: "version", as: Int.self) })
    }

    private func ledgerExists(on sql: any SQLDatabase) async throws -> Bool {
        let query: SQLQueryString =
            database.engine == .sqlite
            ? "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
            : "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_migrations'"
        let row = try await sql.raw(query).first()
        return try (row?.decode(column: "n", as: Int.self) ?? 0) > 0
    }
}

/// The versions one migration run applied, across its attempts.
final class AppliedVersions: Sendable {
    private let list = Mutex<[Int]>([])

    func append(_ version: Int) { list.withLock { $0.append(version) } }

    var versions: [Int] { list.withLock { $0 } }
}
