import Foundation
import GenewebCore
import Testing

@testable import GenewebServer

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
        for _ in 0..<500 where found == nil {
            try await Task.sleep(for: .milliseconds(20))
            found = await impatient.coefficients(base: 1, graph: entry)
        }
        #expect(found?[Int(graph.index(of: ids[4])!)] == 0.25)
        let patient = ConsanguinityCache(wait: .seconds(5))
        #expect(await patient.coefficients(base: 1, graph: entry)?[Int(graph.index(of: ids[4])!)] == 0.25)
    }
}

@Suite("Whole-base answers kept per base version")
struct ResponseCacheTests {
    @Test("computed once per version and day; a caller that cannot wait gets nil while it runs; failures reach the caller who started them")
    func keptAndBackground() async throws {
        let cache = ResponseCache(wait: .seconds(5))
        let runs = Counter()
        let first = try await cache.answer(for: "k", version: 1, day: 10) {
            await runs.add()
            return Data("one".utf8)
        }
        let again = try await cache.answer(for: "k", version: 1, day: 10) {
            await runs.add()
            return Data("two".utf8)
        }
        let countAfterTwo = await runs.value
        #expect(first == Data("one".utf8) && again == first && countAfterTwo == 1)
        let newer = try await cache.answer(for: "k", version: 2, day: 10) {
            await runs.add()
            return Data("three".utf8)
        }
        let countAfterNewer = await runs.value
        #expect(newer == Data("three".utf8) && countAfterNewer == 2)

        let impatient = ResponseCache(wait: .zero)
        #expect(
            try await impatient.answer(for: "slow", version: 1, day: 1) {
                try await Task.sleep(for: .milliseconds(100))
                return Data("late".utf8)
            } == nil)
        // The computation goes on without the caller; under a loaded test run it may take a while.
        var kept: Data?
        for _ in 0..<500 where kept == nil {
            try await Task.sleep(for: .milliseconds(20))
            kept = impatient.body(for: "slow", version: 1, day: 1)
        }
        #expect(kept == Data("late".utf8))

        struct Broken: Error {}
        await #expect(throws: Broken.self) { _ = try await cache.answer(for: "bad", version: 1, day: 1) { throw Broken() } }
    }

    actor Counter {
        var value = 0
        func add() { value += 1 }
    }
}
