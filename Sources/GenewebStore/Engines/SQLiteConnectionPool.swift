import Foundation
import Logging
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO

/// A small pool of connections to one SQLite file.
///
/// SQLite in WAL mode lets readers run beside one writer, so a few connections serve concurrent
/// requests. Writers of this process queue on `writeGate` (an async wait that blocks no thread);
/// `busy_timeout` only covers other processes on the same file. The calls into libsqlite3 run on
/// a thread pool of our own, so a query waiting on a lock never starves the rest of the server.
/// Connections are opened lazily, configured once (WAL, foreign keys, busy timeout) and reused.
actor SQLiteConnectionPool {
    private let path: String
    private let size: Int
    private let logger: Logger
    private let threadPool: NIOThreadPool
    /// Serialises this process's write transactions.
    nonisolated let writeGate = WriteGate()
    private var idle: [SQLiteConnection] = []
    private var opened = 0
    private var waiters: [CheckedContinuation<SQLiteConnection, any Error>] = []
    private var closed = false

    init(path: String, size: Int, logger: Logger) {
        self.path = path
        self.size = max(1, size)
        self.logger = logger
        self.threadPool = NIOThreadPool(numberOfThreads: self.size)
        self.threadPool.start()
    }

    /// Leases a connection for the duration of `body`.
    nonisolated func withConnection<T: Sendable>(
        _ body: @Sendable (SQLiteConnection) async throws -> T
    ) async throws -> T {
        let connection = try await lease()
        do {
            let result = try await body(connection)
            await release(connection)
            return result
        } catch {
            await release(connection)
            throw error
        }
    }

    /// Closes every idle connection and refuses new leases. Connections leased now are closed
    /// when they come back; the thread pool stops once the last one is closed (a connection
    /// closes on that pool, and SQLiteNIO asserts when one is dropped unclosed).
    func close() async {
        closed = true
        for waiter in waiters { waiter.resume(throwing: SQLitePoolError.closed) }
        waiters.removeAll()
        let closing = idle
        idle.removeAll()
        for connection in closing { await closeForGood(connection) }
        await stopThreadPoolIfUnused()
    }

    private func closeForGood(_ connection: SQLiteConnection) async {
        // In a task of its own: the caller may be cancelled, and SQLiteNIO refuses work then.
        await Task { try? await connection.close() }.value
        opened -= 1
    }

    private func stopThreadPoolIfUnused() async {
        guard closed, opened == 0 else { return }
        try? await threadPool.shutdownGracefully()
    }

    private func lease() async throws -> SQLiteConnection {
        if closed { throw SQLitePoolError.closed }
        if let connection = idle.popLast() { return connection }
        if opened < size {
            opened += 1
            do {
                return try await open()
            } catch {
                opened -= 1
                await stopThreadPoolIfUnused()
                throw error
            }
        }
        return try await withCheckedThrowingContinuation { waiters.append($0) }
    }

    private func release(_ connection: SQLiteConnection) async {
        if closed {
            await closeForGood(connection)
            await stopThreadPoolIfUnused()
            return
        }
        if !waiters.isEmpty {
            waiters.removeFirst().resume(returning: connection)
        } else {
            idle.append(connection)
        }
    }

    private func open() async throws -> SQLiteConnection {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let connection = try await SQLiteConnection.open(
            storage: .file(path: path), threadPool: threadPool, logger: logger,
            on: MultiThreadedEventLoopGroup.singleton.any()
        )
        do {
            try await configure(connection.sql())
        } catch {
            // A connection must be closed before it is released (SQLiteNIO asserts it), also when
            // configuring it failed: a cancelled task (SQLiteNIO refuses its work, so the close
            // runs in a task of its own) or a new file switched to WAL by two processes at once.
            await Task { try? await connection.close() }.value
            throw error
        }
        return connection
    }

    private func configure(_ sql: any SQLDatabase) async throws {
        // The timeout first: switching to WAL itself needs the lock another process may hold.
        try await sql.raw("PRAGMA busy_timeout = 10000").run()
        // WAL: readers never block the writer; NORMAL sync is safe with WAL and much faster.
        try await sql.raw("PRAGMA journal_mode = WAL").run()
        try await sql.raw("PRAGMA synchronous = NORMAL").run()
        try await sql.raw("PRAGMA foreign_keys = ON").run()
        // Statement journals and sort space in memory, and a 64 MB page cache: large imports
        // otherwise spend their time in temporary-file I/O.
        try await sql.raw("PRAGMA temp_store = MEMORY").run()
        try await sql.raw("PRAGMA cache_size = -65536").run()
    }
}

enum SQLitePoolError: Error, CustomStringConvertible {
    case closed
    var description: String { "the SQLite database is closed (server shutting down)" }
}

/// A first-come, first-served async lock: one holder at a time, waiters suspended, no thread blocked.
actor WriteGate {
    private var held = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// Runs `body` while holding the gate.
    nonisolated func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await acquire()
        do {
            let result = try await body()
            await release()
            return result
        } catch {
            await release()
            throw error
        }
    }

    private func acquire() async {
        guard held else {
            held = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    private func release() {
        if waiters.isEmpty {
            held = false
        } else {
            waiters.removeFirst().resume()
        }
    }
}
