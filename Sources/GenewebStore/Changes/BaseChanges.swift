import Foundation
import GenewebCore
import SQLKit
import Synchronization

/// A committed write, as this process's caches hear of it: the base's versions before and after
/// (a write raises it once, `BaseVersion.bump`) and what changed in the base's graph.
public struct BaseChange: Sendable {
    public let base: Int
    /// The version the write started from, and the one it left.
    public let from: Int
    public let to: Int
    /// What changed in the graph; nil when the write did not record it (imports), and whoever
    /// keeps a graph must read the base again.
    public let graphEdits: [GraphEdit]?
}

/// Who hears of the writes this process commits (the graph cache). Writes made elsewhere (another
/// instance, the command line) are not heard: the caches see them by the base's version
/// (`BaseVersions`).
public final class BaseChangeFeed: Sendable {
    private let listeners = Mutex<[@Sendable (BaseChange) -> Void]>([])

    public init() {}

    public func listen(_ listener: @escaping @Sendable (BaseChange) -> Void) {
        listeners.withLock { $0.append(listener) }
    }

    func post(_ change: BaseChange) {
        for listener in listeners.withLock({ $0 }) { listener(change) }
    }
}

/// What one write transaction changed, recorded by `BaseVersion.bump` and, in transactions run
/// through `Database.withRecordedWrite`, by the steps that change persons' sexes and families'
/// members (`PersonRepository`, `FamilyRepository`, `PersonMerge`). The other transactions
/// (imports) tell only that the version moved, and the caches read the base again.
final class WriteRecord: Sendable {
    private struct State {
        var base: Int?
        var from: Int?
        var to: Int?
        var edits: [GraphEdit] = []
        /// Two bases in one write: nobody can say what each version holds.
        var unclear = false
    }

    private let state = Mutex(State())
    /// The steps of this transaction record their graph edits.
    let recordsEdits: Bool

    init(recordsEdits: Bool) {
        self.recordsEdits = recordsEdits
    }

    /// The write transaction in progress in this task, if any.
    @TaskLocal static var current: WriteRecord?

    func edit(_ edit: GraphEdit) {
        guard recordsEdits else { return }
        state.withLock { $0.edits.append(edit) }
    }

    func bumped(_ base: Int, to version: Int) {
        state.withLock { state in
            if let known = state.base, known != base { state.unclear = true }
            state.base = base
            if state.from == nil { state.from = version - 1 }
            state.to = version
        }
    }

    var change: BaseChange? {
        state.withLock { state in
            guard !state.unclear, let base = state.base, let from = state.from, let to = state.to else { return nil }
            return BaseChange(base: base, from: from, to: to, graphEdits: recordsEdits ? state.edits : nil)
        }
    }
}

extension Database {
    /// A write transaction whose graph edits are told to `changes` once it has committed: a
    /// write that fails or rolls back tells nothing.
    func withRecordedWrite<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await withBulkTransaction(recordingEdits: true) { sql, _ in try await body(sql) }
    }

    /// After a transaction committed: its listeners hear the change first (the graph takes it in
    /// place), then the version moves in `versions`, so no request sees the new version with a
    /// graph that does not hold the write yet.
    func committed(_ record: WriteRecord) {
        guard let change = record.change else { return }
        changes.post(change)
        versions.raise(change.base, to: change.to)
    }

    /// Before a transaction commits, on PostgreSQL: tells the other instances what it changes
    /// (`ChangeNotice`). PostgreSQL delivers it at commit, in commit order, and drops it if the
    /// transaction rolls back.
    func notifyOthers(of record: WriteRecord, on sql: any SQLDatabase) async throws {
        guard engine == .postgres, let change = record.change else { return }
        let payload = ChangeNotice.payload(change, sender: versions.instance)
        try await sql.raw("SELECT pg_notify(\(bind: BaseVersions.channel), \(bind: payload))").run()
    }
}

/// Raises a base's version inside a write's transaction.
enum BaseVersion {
    static func bump(_ base: Int, on sql: any SQLDatabase) async throws {
        let row = try await sql.raw("UPDATE bases SET version = version + 1 WHERE id = \(bind: base) RETURNING version").first()
        if let version = try row?.decode(column: "version", as: Int.self) { WriteRecord.current?.bumped(base, to: version) }
    }
}
