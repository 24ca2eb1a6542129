import Foundation
import Logging
import Metrics
import NIOCore
import PostgresKit
import PostgresNIO
import SQLKit
import SQLiteKit
import ServiceLifecycle

/// The one door to SQL: an SQLite file or a PostgreSQL pool, both seen as SQLKit databases.
///
/// `Database` is a `Service`: add it to the application's `ServiceGroup` so the PostgreSQL pool
/// runs for the life of the server and every connection is closed at shutdown, after the HTTP
/// server has finished its in-flight requests.
public final class Database: Service, Sendable {
    /// The engine behind this database.
    public let engine: DatabaseEngine
    /// Where the data lives, safe to log.
    public let location: StorageLocation
    private let backend: Backend
    private let logger: Logger

    private enum Backend: Sendable {
        case sqlite(SQLiteConnectionPool)
        /// The pool, and how to open a connection of its own (the versions' listening).
        case postgres(PostgresClient, PostgresConnection.Configuration)
    }

    /// Prepares a database for `location`. No connection is opened until first use, so this never
    /// fails because a server is down; `ping()` and `/health/ready` tell that.
    /// Seals personal fields at rest (emails, consent records, private notes); nil: stored plain.
    public let cipher: FieldCipher?
    /// The writes this process commits, for its caches (`withRecordedWrite`).
    public let changes = BaseChangeFeed()
    /// The bases' versions, known from memory while `run` follows them.
    public let versions: BaseVersions
    /// Changes to accounts and tokens, followed with the versions (`AccessChecks` keeps answers by it).
    public let accounts: AccountChanges
    /// Access checks' answers kept while `accounts` stands still.
    let accessChecks = AccessChecks()

    public init(location: StorageLocation, logger: Logger, cipher: FieldCipher? = nil) throws(DatabaseError) {
        self.cipher = cipher
        self.location = location
        let accounts = AccountChanges()
        self.accounts = accounts
        self.versions = BaseVersions(accounts: accounts)
        self.engine = location.engine
        // The drivers log each statement with its bound values at debug and trace level: password
        // hashes, tokens' ids, personal data of living persons. They get a logger that never goes
        // below info, whatever GENEWEB_LOG_LEVEL says (migrations and imports log on their own loggers).
        var driverLogger = logger
        driverLogger.logLevel = max(logger.logLevel, .info)
        self.logger = driverLogger
        switch location {
        case .sqlite(let path):
            self.backend = .sqlite(SQLiteConnectionPool(path: path, size: 4, logger: driverLogger))
        case .postgres(let url):
            guard let sqlConfiguration = try? SQLPostgresConfiguration(url: url) else {
                throw .configuration("cannot read the PostgreSQL URL \(location)")
            }
            let clientConfiguration = try Self.clientConfiguration(from: sqlConfiguration.coreConfiguration)
            self.backend = .postgres(PostgresClient(configuration: clientConfiguration, backgroundLogger: driverLogger), sqlConfiguration.coreConfiguration)
        }
    }

    /// Runs the connection pool until graceful shutdown, then closes every connection.
    public func run() async throws {
        switch backend {
        case .postgres(let client, let connection):
            // PostgresClient.run returns when its task is cancelled; graceful shutdown cancels it
            // only after the services started after us (the HTTP server) have stopped. The
            // versions are followed on a connection outside the pool, closed by `listen` itself.
            await cancelWhenGracefulShutdown {
                await withDiscardingTaskGroup { group in
                    group.addTask { await client.run() }
                    group.addTask { await self.versions.listen(connection, changes: self.changes, logger: self.logger) }
                }
            }
        case .sqlite(let pool):
            let polling = Task { await versions.poll(self) }
            try? await gracefulShutdown()
            polling.cancel()
            await polling.value
            // An unstructured task: closing must happen even when we got here by cancellation,
            // and SQLiteNIO refuses work from a cancelled task.
            await Task { await pool.close() }.value
        }
    }

    /// Runs `body` while the pool runs, for tools that use the database outside the server's
    /// `ServiceGroup` (`geneweb migrate`, tests); the pool is closed when `body` returns.
    @discardableResult
    public func whileRunning<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await self.run()
                return nil
            }
            defer { group.cancelAll() }
            return try await body()
        }
    }

    /// Runs `body` with one connection leased from the pool.
    public func withConnection<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await withRawConnection { sql, _ in try await body(sql) }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    /// SQLite takes the write lock at the start (`BEGIN IMMEDIATE`) so two writers wait for each
    /// other instead of failing half-way with `SQLITE_BUSY`.
    public func withTransaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await withBulkTransaction { sql, _ in try await body(sql) }
    }

    /// A transaction whose body also gets the engine's bulk path for many rows (imports): plain
    /// binds straight to SQLite, `COPY` on PostgreSQL, on the transaction's connection.
    /// `recordingEdits`: its steps record what they change in the graph (`withRecordedWrite`).
    func withBulkTransaction<T: Sendable>(
        recordingEdits: Bool = false, _ body: @Sendable (any SQLDatabase, any BulkRowSink) async throws -> T
    ) async throws -> T {
        let begin = engine == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN"
        Counter(label: "geneweb_database_operations_total", dimensions: [("operation", "transaction")]).increment()
        let record = WriteRecord(recordsEdits: recordingEdits)
        return try await serializingWrites {
            try await withRawConnection { sql, sink in
                try await sql.raw(SQLQueryString(begin)).run()
                do {
                    let result = try await WriteRecord.$current.withValue(record) { try await body(sql, sink) }
                    try await notifyOthers(of: record, on: sql)
                    try await sql.raw("COMMIT").run()
                    // Still holding SQLite's write turn: the next writer starts from this version.
                    committed(record)
                    // Any write may have touched accounts or tokens (the triggers tell other
                    // processes; this one must know before the write returns).
                    accounts.changed()
                    return result
                } catch {
                    // In a task of its own: a cancelled import (its HTTP client gone) must still roll
                    // back, and SQLite's driver refuses work in a cancelled task, which would leave
                    // the transaction open on a pooled connection.
                    await Task { try? await sql.raw("ROLLBACK").run() }.value
                    throw error
                }
            }
        }
    }

    /// One leased connection seen both through SQLKit and through the engine's bulk path.
    private func withRawConnection<T: Sendable>(_ body: @Sendable (any SQLDatabase, any BulkRowSink) async throws -> T) async throws -> T {
        Counter(label: "geneweb_database_operations_total", dimensions: [("operation", "connection")]).increment()
        switch backend {
        case .sqlite(let pool):
            do {
                return try await pool.withConnection { connection in
                    try await body(connection.sql(queryLogLevel: nil), SQLiteRowSink(connection: connection))
                }
            } catch let error as SQLiteError where DatabaseBusy.reasons.contains(error.reason) {
                throw DatabaseBusy()
            }
        case .postgres(let client, _):
            return try await client.withConnection { connection in
                try await body(connection.sql(queryLogLevel: nil, logger: self.logger), PostgresCopySink(connection: connection, logger: self.logger))
            }
        }
    }

    /// Runs `body` as this process's only writer on SQLite (writers wait their turn without
    /// blocking a thread); on PostgreSQL, which handles concurrent writers itself, just runs it.
    /// Never nest: a writer that waits for itself waits forever.
    func serializingWrites<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        switch backend {
        case .sqlite(let pool): try await pool.writeGate.run(body)
        case .postgres: try await body()
        }
    }

    /// Round-trips a trivial query and returns how long it took.
    public func ping() async throws -> Duration {
        let clock = ContinuousClock()
        let start = clock.now
        try await withConnection { sql in try await sql.raw("SELECT 1").run() }
        return clock.now - start
    }

    private static func clientConfiguration(
        from configuration: PostgresConnection.Configuration
    ) throws(DatabaseError) -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS
        switch (configuration.tls.isEnforced, configuration.tls.isAllowed) {
        case (true, _):
            guard let context = configuration.tls.sslContext else { throw .configuration("TLS required but not configured") }
            tls = .require(context.configuration)
        case (_, true):
            guard let context = configuration.tls.sslContext else { throw .configuration("TLS allowed but not configured") }
            tls = .prefer(context.configuration)
        default:
            tls = .disable
        }
        var result: PostgresClient.Configuration
        if let host = configuration.host, let port = configuration.port {
            result = .init(
                host: host, port: port, username: configuration.username,
                password: configuration.password, database: configuration.database, tls: tls
            )
        } else if let socket = configuration.unixSocketPath {
            result = .init(
                unixSocketPath: socket, username: configuration.username,
                password: configuration.password, database: configuration.database
            )
        } else {
            throw .configuration("the PostgreSQL URL names neither a host nor a socket")
        }
        result.options.minimumConnections = 0
        result.options.maximumConnections = 20
        result.options.connectionIdleTimeout = .seconds(60)
        return result
    }
}

/// Another process held SQLite's write lock for longer than `busy_timeout` (10 s): typically a
/// `geneweb import` into the same file. Reads go on meanwhile (WAL); writes must wait for it.
public struct DatabaseBusy: Error, CustomStringConvertible {
    static let reasons: [SQLiteError.Reason] = [.busy, .locked, .busyTimeout, .busyInRecovery, .busyInSnapshot]

    public init() {}

    public var description: String {
        "another process is writing this SQLite database (an import?); reads go on, writes wait until it ends"
    }
}

/// Failures of the storage layer that a user or operator can act on.
public enum DatabaseError: Error, CustomStringConvertible {
    case configuration(String)
    case migrationFailed(version: Int, name: String, underlying: String)

    public var description: String {
        switch self {
        case .configuration(let message): "database configuration: \(message)"
        case .migrationFailed(let version, let name, let underlying):
            "migration \(version) (\(name)) failed: \(underlying)"
        }
    }
}
