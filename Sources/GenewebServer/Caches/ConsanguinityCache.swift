import Dispatch
import Foundation
import GenewebCore
import Synchronization

/// Every person's inbreeding coefficient per base, computed once per version of the base's graph.
///
/// The one-pass computation walks every couple's ancestries: seconds for 100,000 persons, but
/// minutes for a million with deep pedigrees. It runs on a dispatch queue, never on the
/// server's cooperative threads, and a request waits for it only `wait` long; after that it is
/// told to come back (`nil`), while the computation goes on and its result is kept.
final class ConsanguinityCache: Sendable {
    private struct Entry: Sendable {
        let version: Int
        let coefficients: [Double]
    }

    private let entries = Mutex<[Int: Entry]>([:])
    /// Computations under way, by base and version.
    private let running = Mutex<[String: Bool]>([:])
    private let queue = DispatchQueue(label: "geneweb.consanguinity", qos: .utility)
    let wait: Duration

    init(wait: Duration = .seconds(10)) {
        self.wait = wait
    }

    /// The coefficients, or nil when they are still being computed after `wait`.
    func coefficients(base: Int, graph entry: GraphCache.Entry) async -> [Double]? {
        if let cached = entries.withLock({ $0[base] }), cached.version == entry.version { return cached.coefficients }
        let key = "\(base)@\(entry.version)"
        let start = running.withLock { running in
            guard running[key] == nil else { return false }
            running[key] = true
            return true
        }
        if start {
            queue.async { [self] in
                var computation = BaseConsanguinity(graph: entry.graph)
                let coefficients = computation.computeAll()
                entries.withLock { entries in
                    if (entries[base]?.version ?? -1) <= entry.version { entries[base] = Entry(version: entry.version, coefficients: coefficients) }
                }
                running.withLock { $0[key] = nil }
            }
        }
        let deadline = ContinuousClock.now + wait
        while ContinuousClock.now < deadline {
            if let cached = entries.withLock({ $0[base] }), cached.version == entry.version { return cached.coefficients }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }
}
