import Foundation
import GenewebCore
import Synchronization

/// Every person's inbreeding coefficient per base, computed once per version of the base's graph
/// (a one-pass computation over the whole base is too long to repeat on each request of a large base).
final class ConsanguinityCache: Sendable {
    private struct Entry: Sendable {
        let version: Int
        let coefficients: [Double]
    }

    private let entries = Mutex<[Int: Entry]>([:])

    func coefficients(base: Int, graph entry: GraphCache.Entry) -> [Double] {
        if let cached = entries.withLock({ $0[base] }), cached.version == entry.version { return cached.coefficients }
        var computation = BaseConsanguinity(graph: entry.graph)
        let coefficients = computation.computeAll()
        entries.withLock { $0[base] = Entry(version: entry.version, coefficients: coefficients) }
        return coefficients
    }
}
