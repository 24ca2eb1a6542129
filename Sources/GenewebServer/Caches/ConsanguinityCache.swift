import Dispatch
import Foundation
import GenewebCore

/// Every person's inbreeding coefficient per base, computed once per version of the base's graph
/// (`OncePerVersion`: callers at the same time await one computation, and one who cannot wait
/// `wait` long is told to come back while it goes on).
///
/// The one-pass computation walks every couple's ancestries: seconds for 100,000 persons, but
/// minutes for a million with deep pedigrees. It runs on a dispatch queue, never on the
/// server's cooperative threads.
struct ConsanguinityCache: Sendable {
    private let computations: OncePerVersion<Int, Int, [Double]>
    private let queue = DispatchQueue(label: "geneweb.consanguinity", qos: .utility)

    init(wait: Duration = .seconds(10), clock: any Clock<Duration> = ContinuousClock()) {
        computations = OncePerVersion(wait: wait, clock: clock)
    }

    /// The coefficients, or nil when they are still being computed after `wait` (or the request
    /// went away meanwhile).
    func coefficients(base: Int, graph entry: GraphCache.Entry) async -> [Double]? {
        let queue = self.queue
        let coefficients = try? await computations.value(for: base, version: entry.version) {
            await withCheckedContinuation { continuation in
                queue.async {
                    var computation = BaseConsanguinity(graph: entry.graph)
                    continuation.resume(returning: computation.computeAll())
                }
            }
        }
        return coefficients ?? nil
    }

    /// Drops the base's coefficients.
    func forget(base: Int) {
        computations.forget { $0 == base }
    }
}
