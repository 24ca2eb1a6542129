import Synchronization

/// What this process knows of changes to accounts and tokens: a generation that moves whenever
/// anything an access check reads may have changed, so answers kept in memory (`AccessChecks`)
/// are used only while it stands still.
///
/// It moves when this process commits any write transaction (before the write returns, so a
/// logout is refused on the next request), when another process's change is heard
/// (`BaseVersions` follows both: PostgreSQL notifies `accounts`, SQLite counts changes in
/// `account_changes`), and whenever following starts again (what happened meanwhile is unknown).
/// While nothing follows, `generation` is nil: every check goes to the database.
public final class AccountChanges: Sendable {
    private struct State {
        var generation = 0
        var live = false
        /// SQLite: the last `account_changes.version` read.
        var counted: Int?
    }

    private let state = Mutex(State())

    init() {}

    /// The generation to tag an answer with, or nil when changes are not followed (keep nothing).
    public var generation: Int? {
        state.withLock { $0.live ? $0.generation : nil }
    }

    /// Something may have changed: every answer kept so far is stale.
    func changed() {
        state.withLock { $0.generation &+= 1 }
    }

    /// Following starts or stops. Starting again moves the generation: changes made while nobody
    /// listened were not heard.
    func following(_ live: Bool) {
        state.withLock { state in
            if live && !state.live { state.generation &+= 1 }
            if !live { state.counted = nil }
            state.live = live
        }
    }

    /// SQLite's change count as just read: moves the generation when it differs from the last.
    func counted(_ version: Int) {
        state.withLock { state in
            if state.counted != version { state.generation &+= 1 }
            state.counted = version
        }
    }
}
