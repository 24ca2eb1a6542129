import Foundation
import Synchronization

/// Encoded answers of whole-base computations (statistics), kept while the base's version and
/// the day stay the same: each is a scan of the whole base, and the base changes far less often
/// than it is looked at. Keys say who asked (the privacy view) and with which parameters.
final class ResponseCache: Sendable {
    private struct Entry: Sendable {
        let version: Int
        let day: Int
        let body: Data
    }

    private let entries = Mutex<[String: Entry]>([:])
    /// Most answers kept; the oldest insertion goes first beyond it.
    private let capacity = 64

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
