import Foundation
import Synchronization

/// Encoded answers of whole-base computations (statistics), kept while the base's version and
/// the day stay the same: each is a scan of the whole base, and the base changes far less often
/// than it is looked at. Keys say who asked (the privacy view) and with which parameters.
///
/// A computation runs in a task of its own: a request waits for it `wait` long at most, then is
/// told to come back (`nil`) while the computation finishes and its answer is kept. On a base of
/// a million persons the statistics take about a minute; no HTTP client should hang that long.
final class ResponseCache: Sendable {
    private struct Entry: Sendable {
        let version: Int
        let day: Int
        let body: Data
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let running = Mutex<Set<String>>([])
    /// Most answers kept; an arbitrary one goes beyond it.
    private let capacity = 64
    let wait: Duration

    init(wait: Duration = .seconds(10)) {
        self.wait = wait
    }

    /// The kept answer for `key` at this version and day, else the answer of `compute` if it
    /// comes within `wait`, else nil (it is still computing).
    func answer(for key: String, version: Int, day: Int, compute: @escaping @Sendable () async throws -> Data) async throws -> Data? {
        if let body = body(for: key, version: version, day: day) { return body }
        let runKey = "\(key)@\(version)@\(day)"
        let start = running.withLock { $0.insert(runKey).inserted }
        let task: Task<Data, any Error>? =
            start
            ? Task { [self] in
                defer { _ = running.withLock { $0.remove(runKey) } }
                let body = try await compute()
                store(body, for: key, version: version, day: day)
                return body
            } : nil
        let deadline = ContinuousClock.now + wait
        while ContinuousClock.now < deadline {
            if let body = body(for: key, version: version, day: day) { return body }
            let stillRunning = running.withLock { $0.contains(runKey) }
            if !stillRunning, let task { return try await task.value }  // finished, or failed: say why
            try await Task.sleep(for: .milliseconds(20))
        }
        return body(for: key, version: version, day: day)
    }

    func body(for key: String, version: Int, day: Int) -> Data? {
        entries.withLock { entries in
            guard let entry = entries[key], entry.version == version, entry.day == day else { return nil }
            return entry.body
        }
    }

    func store(_ body: Data, for key: String, version: Int, day: Int) {
        entries.withLock { entries in
            if entries.count >= capacity, entries[key] == nil, let victim = entries.keys.first { entries[victim] = nil }
            entries[key] = Entry(version: version, day: day, body: body)
        }
    }
}
