import Foundation
import Synchronization

/// Values that cost a whole-base computation, kept per key while their version stays the same
/// and computed once per key and version however many callers ask at once: the first caller
/// starts the computation in a task of its own, every other caller awaits that same task.
///
/// A caller waits `wait` at most (on `clock`, which tests drive by hand), then is told to come
/// back (`nil`) while the computation goes on and its value is kept: on a base of a million
/// persons the statistics take about a minute, and no HTTP client should hang that long. A
/// failed computation reaches every caller awaiting it and is forgotten, so the next one tries
/// again.
final class OncePerVersion<Key: Hashable & Sendable, Version: Equatable & Sendable, Value: Sendable>: Sendable {
    private struct Slot: Sendable {
        let version: Version
        /// Tells this slot's computation from a later one under the same key.
        let serial: Int
        let computation: Task<Value, any Error>
        var value: Value?
    }

    private struct State: Sendable {
        var slots: [Key: Slot] = [:]
        var serial = 0
    }

    private let state = Mutex(State())
    /// Most keys kept; an arbitrary one goes beyond it.
    let capacity: Int
    let wait: Duration
    private let clock: any Clock<Duration>

    init(wait: Duration, capacity: Int = 64, clock: any Clock<Duration> = ContinuousClock()) {
        self.wait = wait
        self.capacity = capacity
        self.clock = clock
    }

    /// The value kept for `key` at `version`, else the value of the computation for them (started
    /// by this call when none runs yet) if it ends within `wait`, else nil.
    func value(for key: Key, version: Version, compute: @escaping @Sendable () async throws -> Value) async throws -> Value? {
        let (kept, computation) = slot(for: key, version: version, compute: compute)
        if let kept { return kept }
        let (clock, wait) = (self.clock, self.wait)
        // Not a task group: leaving one awaits its children, and awaiting a task's value cannot be
        // cancelled, so a caller would wait for the computation after all. Whichever of the
        // computation and the clock ends first answers; the other is left to end on its own.
        let answer = Answer()
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Value?, any Error>) in
            let timer = Task {
                guard (try? await clock.sleep(for: wait)) != nil else { return }
                answer.give(.success(nil), to: continuation)
            }
            Task {
                let result = await computation.result
                timer.cancel()
                answer.give(result.map { $0 }, to: continuation)
            }
        }
    }

    /// Resumes a caller once, with the first of the computation and the clock to end.
    private final class Answer: Sendable {
        private let given = Mutex(false)

        func give(_ result: Result<Value?, any Error>, to continuation: CheckedContinuation<Value?, any Error>) {
            let first = given.withLock { given in
                defer { given = true }
                return !given
            }
            if first { continuation.resume(with: result) }
        }
    }

    /// The value kept for `key` at `version`, if any; never starts a computation.
    func kept(for key: Key, version: Version) -> Value? {
        state.withLock { state in
            guard let slot = state.slots[key], slot.version == version else { return nil }
            return slot.value
        }
    }

    /// Every value kept, whatever its version.
    var keptValues: [Key: Value] {
        state.withLock { state in state.slots.compactMapValues(\.value) }
    }

    /// Moves the value kept for `key` at `version` to `newVersion`, through `update`, with no
    /// computation: what a write changed, applied to what was kept. False when the key holds no
    /// value at `version` (none yet, an older one, or a computation running) or `update` refuses
    /// the value (nil).
    func advance(_ key: Key, from version: Version, to newVersion: Version, _ update: (Value) -> Value?) -> Bool {
        let current = state.withLock { state -> (Value, Int)? in
            guard let slot = state.slots[key], slot.version == version, let value = slot.value else { return nil }
            return (value, slot.serial)
        }
        guard let (value, serial) = current else { return false }
        // Outside the lock: on a large base the update copies arrays for a few milliseconds.
        guard let updated = update(value) else { return false }
        return state.withLock { state in
            guard let slot = state.slots[key], slot.serial == serial, slot.version == version else { return false }
            state.serial += 1
            state.slots[key] = Slot(version: newVersion, serial: state.serial, computation: Task { updated }, value: updated)
            return true
        }
    }

    /// Drops the values (and forgets the computations) of every key `matching` says: their memory
    /// goes back, and the next caller computes again.
    func forget(where matching: (Key) -> Bool) {
        state.withLock { state in state.slots = state.slots.filter { !matching($0.key) } }
    }

    /// The kept value, or the computation to await: the one running for this key and version,
    /// else a new one, which replaces whatever the key held.
    private func slot(for key: Key, version: Version, compute: @escaping @Sendable () async throws -> Value) -> (Value?, Task<Value, any Error>) {
        state.withLock { state in
            if let slot = state.slots[key], slot.version == version { return (slot.value, slot.computation) }
            if state.slots.count >= capacity, state.slots[key] == nil, let victim = state.slots.keys.first { state.slots[victim] = nil }
            state.serial += 1
            let serial = state.serial
            // Never two computations of one key at once (two graphs of a million persons would
            // double the memory): one for an older version still running is awaited first.
            let running = state.slots[key].flatMap { $0.value == nil ? $0.computation : nil }
            let computation = Task { [self] in
                _ = await running?.result
                do {
                    let value = try await compute()
                    settle(key, serial: serial, value: value)
                    return value
                } catch {
                    settle(key, serial: serial, value: nil)
                    throw error
                }
            }
            state.slots[key] = Slot(version: version, serial: serial, computation: computation)
            return (nil, computation)
        }
    }

    /// Keeps the value of a computation that ended (nil: it failed, and is forgotten), unless a
    /// newer one took its key meanwhile.
    private func settle(_ key: Key, serial: Int, value: Value?) {
        state.withLock { state in
            guard state.slots[key]?.serial == serial else { return }
            if let value { state.slots[key]?.value = value } else { state.slots[key] = nil }
        }
    }
}
