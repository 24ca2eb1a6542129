import Foundation
import Logging
import PostgresNIO
import SQLKit
import Synchronization

/// The version of each base as this process knows it, so that the caches (graph, statistics,
/// name pages) are checked against memory instead of a query per request.
///
/// How it keeps up:
/// - Writes this process commits raise it once their transaction has committed, after the
///   caches have heard them (`Database.commitHeard`): a request sees the new version only when
///   the graph already holds the write.
/// - Writes of other processes: on PostgreSQL every write transaction notifies the channel
///   `geneweb_base_versions` with its graph edits (`ChangeNotice`, delivered at commit), which
///   `listen` hears: the caches take the edits in place, as for a write of this process. On
///   SQLite (another process is rare: an import on the command line) `poll` reads the versions
///   every `sqlitePoll`, and the caches read the base again. `Benchmarks/multi-instance.sh`
///   measures how soon another instance's write shows.
/// - While neither runs or the connection is lost, every question goes to the database, as
///   before: never an answer older than the storage's when nobody keeps up.
public final class BaseVersions: Sendable {
    static let channel = "geneweb_base_versions"
    /// The payload of PostgreSQL's notice that accounts or tokens changed (migration 16's trigger).
    static let accountsPayload = "accounts"
    /// Tells this process's own notifications from other instances' ones.
    let instance = UUID().uuidString.lowercased()
    static let sqlitePoll: Duration = .milliseconds(50)

    private struct State {
        var versions: [Int: Int] = [:]
        /// `follow` is listening (PostgreSQL) or polling (SQLite) and has read every base once.
        var live = false
    }

    private let state = Mutex(State())
    /// Followed by the same loops: the generation of accounts and tokens.
    let accounts: AccountChanges

    init(accounts: AccountChanges) {
        self.accounts = accounts
    }

    /// The base's version: from memory while `follow` keeps up, else read from `database`.
    public func version(of base: Int, in database: Database) async throws -> Int {
        if let known = state.withLock({ $0.live ? $0.versions[base] : nil }) { return known }
        let read = try await database.withConnection { sql in try await Self.read(base, on: sql) }
        raise(base, to: read)
        return read
    }

    /// Whether answers come from memory (for `/health/detailed` and tests).
    public var isFollowing: Bool { state.withLock { $0.live } }

    /// Versions only go up: a late notification or an old poll never moves one back.
    func raise(_ base: Int, to version: Int) {
        state.withLock { state in
            if version > state.versions[base] ?? Int.min { state.versions[base] = version }
        }
    }

    private func raiseAll(_ read: [(Int, Int)], live: Bool) {
        state.withLock { state in
            for (base, version) in read where version > state.versions[base] ?? Int.min { state.versions[base] = version }
            state.live = live
        }
    }

    private func stopFollowing() {
        state.withLock { $0.live = false }
        accounts.following(false)
    }

    static func read(_ base: Int, on sql: any SQLDatabase) async throws -> Int {
        try await sql.raw("SELECT version FROM bases WHERE id = \(bind: base)").first()?.decode(column: "version", as: Int.self) ?? 0
    }

    static func readAll(on sql: any SQLDatabase) async throws -> [(Int, Int)] {
        try await sql.raw("SELECT id, version FROM bases").all().map { row in
            (try row.decode(column: "id", as: Int.self), try row.decode(column: "version", as: Int.self))
        }
    }

    // MARK: Following other processes

    /// SQLite: how many times accounts and tokens changed (migration 16's triggers count them).
    static func readAccountChanges(on sql: any SQLDatabase) async throws -> Int {
        try await sql.raw("SELECT version FROM account_changes WHERE id = 1").first()?.decode(column: "version", as: Int.self) ?? 0
    }

    /// SQLite: reads every base's version and the count of account changes every `sqlitePoll`
    /// until cancelled. A failed read (the tables not there yet, before migrations) sends
    /// questions to the database until the next one succeeds.
    func poll(_ database: Database) async {
        while !Task.isCancelled {
            do {
                let (read, accountChanges) = try await database.withConnection { sql in
                    (try await Self.readAll(on: sql), try await Self.readAccountChanges(on: sql))
                }
                accounts.counted(accountChanges)
                raiseAll(read, live: true)
                accounts.following(true)
            } catch {
                stopFollowing()
            }
            try? await Task.sleep(for: Self.sqlitePoll)
        }
        stopFollowing()
    }

    /// PostgreSQL: listens to `channel` on a connection of its own until cancelled, reading every
    /// version once the listening has started (what was raised before it is not missed); a lost
    /// connection sends questions to the database until listening starts again. The connection
    /// is not the pool's: closing it is up to this loop, whatever ends it.
    func listen(_ configuration: PostgresConnection.Configuration, changes: BaseChangeFeed, logger: Logger) async {
        var attempt = 0
        while !Task.isCancelled {
            attempt += 1
            var listened = false
            var failure: (any Error)?
            do {
                let connection = try await PostgresConnection.connect(configuration: configuration, id: attempt, logger: logger)
                do {
                    try await connection.listen(on: Self.channel) { notifications in
                        let sql = connection.sql()
                        // Before migration 16 nothing announces account changes: not followed yet.
                        guard try await Self.announcesAccountChanges(on: sql) else { throw NotMigrated() }
                        raiseAll(try await Self.readAll(on: sql), live: true)
                        accounts.following(true)
                        listened = true
                        for try await notification in notifications {
                            if notification.payload == Self.accountsPayload {
                                accounts.changed()
                                continue
                            }
                            // This process's own writes were heard when they committed.
                            guard let (change, sender) = ChangeNotice.parse(notification.payload), sender != instance else { continue }
                            changes.post(change)
                            raise(change.base, to: change.to)
                        }
                    }
                } catch {
                    failure = error
                }
                stopFollowing()
                try? await connection.close()
            } catch {
                failure = error
            }
            // Before the migrations (no `bases` yet) failing is expected; losing a connection that
            // listened is worth a line.
            if let failure, !Task.isCancelled {
                logger.log(level: listened ? .warning : .debug, "base versions: listening stopped (\(String(describing: failure))); retrying")
            }
            stopFollowing()
            try? await Task.sleep(for: .seconds(1))
        }
        stopFollowing()
    }

    /// PostgreSQL: whether migration 16's trigger function is there.
    static func announcesAccountChanges(on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw("SELECT to_regproc('geneweb_accounts_changed') IS NOT NULL AS present").first()?.decode(column: "present", as: Bool.self) ?? false
    }

    /// The schema is older than this build's: listening starts again once it is migrated.
    private struct NotMigrated: Error {}
}
