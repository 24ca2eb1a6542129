import Foundation
import GenewebCore
@testable import GenewebServer
import Testing

@Suite("Whole-base consanguinity in the background")
struct ConsanguinityCacheTests {
    @Test("a request that cannot wait is told to come back; the computation goes on and its result is kept for the version")
    func background() async throws {
        // Parents who are siblings: their child has F = 1/4.
        let ids = (0..<5).map { _ in UUID() }
        let graph = GenealogyGraph(
            persons: [(ids[0], .male), (ids[1], .female), (ids[2], .male), (ids[3], .female), (ids[4], .male)],
            families: [.init(parents: [ids[0], ids[1]], children: [ids[2], ids[3]]), .init(parents: [ids[2], ids[3]], children: [ids[4]])]
        )
        let entry = GraphCache.Entry(version: 7, graph: graph, buildSeconds: 0)
        let impatient = ConsanguinityCache(wait: .zero)
        #expect(await impatient.coefficients(base: 1, graph: entry) == nil)
        var found: [Double]?
        for _ in 0..<100 where found == nil {
            try await Task.sleep(for: .milliseconds(20))
            found = await impatient.coefficients(base: 1, graph: entry)
        }
        #expect(found?[Int(graph.index(of: ids[4])!)] == 0.25)
        let patient = ConsanguinityCache(wait: .seconds(5))
        #expect(await patient.coefficients(base: 1, graph: entry)?[Int(graph.index(of: ids[4])!)] == 0.25)
    }
}
