import Foundation
import GenewebCore
import GenewebStore
import GenewebTestSupport
import Testing

@testable import GenewebServer

@Suite("Whole-base values computed once per version")
struct OncePerVersionTests {
    actor Runs {
        var count = 0
        func add() { count += 1 }
    }

    @Test("callers at the same time await one computation and all get its value")
    func concurrentCallersShareOneComputation() async throws {
        let clock = ManualClock()
        let cache = OncePerVersion<String, Int, String>(wait: .seconds(10), clock: clock)
        let (runs, gate) = (Runs(), Gate())
        let compute: @Sendable () async throws -> String = {
            await runs.add()
            await gate.pass()
            return "figures"
        }
        async let first = cache.value(for: "stats", version: 1, compute: compute)
        async let second = cache.value(for: "stats", version: 1, compute: compute)
        async let third = cache.value(for: "stats", version: 1, compute: compute)
        await clock.waitForSleepers(3)
        await gate.open()
        let answers = try await [first, second, third]
        #expect(answers == ["figures", "figures", "figures"])
        #expect(await runs.count == 1)
        #expect(try await cache.value(for: "stats", version: 1, compute: compute) == "figures")
        #expect(await runs.count == 1)
    }

    @Test("a caller that cannot wait is told to come back; the computation goes on and its value is kept for the version")
    func impatientCallerComesBack() async throws {
        let clock = ManualClock()
        let cache = OncePerVersion<String, Int, String>(wait: .seconds(10), clock: clock)
        let (runs, gate) = (Runs(), Gate())
        let compute: @Sendable () async throws -> String = {
            await runs.add()
            await gate.pass()
            return "late"
        }
        async let impatient = cache.value(for: "slow", version: 1, compute: compute)
        await clock.waitForSleepers(1)
        clock.advance(by: .seconds(10))
        #expect(try await impatient == nil)
        #expect(cache.kept(for: "slow", version: 1) == nil)
        await gate.open()
        // The next caller awaits the computation already under way instead of starting another.
        #expect(try await cache.value(for: "slow", version: 1, compute: compute) == "late")
        #expect(cache.kept(for: "slow", version: 1) == "late")
        #expect(await runs.count == 1)
    }

    @Test("a new version computes again; a failure reaches its callers and is forgotten; forget drops what it names")
    func versionsFailuresAndForgetting() async throws {
        let cache = OncePerVersion<Int, Int, String>(wait: .seconds(10), clock: ManualClock())
        let runs = Runs()
        #expect(
            try await cache.value(for: 1, version: 1) {
                await runs.add()
                return "one"
            } == "one")
        #expect(
            try await cache.value(for: 1, version: 2) {
                await runs.add()
                return "two"
            } == "two")
        #expect(cache.kept(for: 1, version: 1) == nil)
        struct Broken: Error {}
        await #expect(throws: Broken.self) { _ = try await cache.value(for: 2, version: 1) { throw Broken() } }
        #expect(try await cache.value(for: 2, version: 1) { "mended" } == "mended")
        cache.forget { $0 == 1 }
        #expect(cache.kept(for: 1, version: 2) == nil)
        #expect(cache.kept(for: 2, version: 1) == "mended")
        #expect(
            try await cache.value(for: 1, version: 2) {
                await runs.add()
                return "again"
            } == "again")
        #expect(await runs.count == 3)
    }
}

@Suite("Whole-base consanguinity in the background")
struct ConsanguinityCacheTests {
    @Test("every person's coefficient, computed once per graph version and kept until the base is forgotten")
    func coefficients() async throws {
        // Parents who are siblings: their child has F = 1/4.
        let ids = (0..<5).map { _ in UUID() }
        let graph = GenealogyGraph(
            persons: [(ids[0], .male), (ids[1], .female), (ids[2], .male), (ids[3], .female), (ids[4], .male)],
            families: [.init(parents: [ids[0], ids[1]], children: [ids[2], ids[3]]), .init(parents: [ids[2], ids[3]], children: [ids[4]])]
        )
        let entry = GraphCache.Entry(version: 7, graph: graph, buildSeconds: 0)
        // The clock never moves: the caller waits for the computation, however slow the machine.
        let cache = ConsanguinityCache(wait: .seconds(1), clock: ManualClock())
        let child = Int(graph.index(of: ids[4])!)
        #expect(await cache.coefficients(base: 1, graph: entry)?[child] == 0.25)
        #expect(await cache.coefficients(base: 1, graph: entry)?[child] == 0.25)
        cache.forget(base: 1)
        #expect(await cache.coefficients(base: 1, graph: entry)?[child] == 0.25)
    }
}

@Suite("Whole-base answers kept per base version")
struct ResponseCacheTests {
    @Test("kept per version and day; forgetting a base drops its answers only")
    func keptPerVersionAndDay() async throws {
        let cache = ResponseCache(wait: .seconds(1), clock: ManualClock())
        #expect(try await cache.answer(for: "k", base: 1, version: 1, day: 10) { Data("one".utf8) } == Data("one".utf8))
        #expect(try await cache.answer(for: "k", base: 1, version: 1, day: 10) { Data("two".utf8) } == Data("one".utf8))
        #expect(try await cache.answer(for: "k", base: 1, version: 1, day: 11) { Data("next day".utf8) } == Data("next day".utf8))
        #expect(try await cache.answer(for: "k", base: 2, version: 1, day: 11) { Data("other base".utf8) } == Data("other base".utf8))
        cache.forget(base: 1)
        #expect(cache.body(for: "k", base: 1, version: 1, day: 11) == nil)
        #expect(cache.body(for: "k", base: 2, version: 1, day: 11) == Data("other base".utf8))
    }
}

@Suite("The graph of a base, built once per version")
struct GraphCacheTests {
    @Test("requests at the same time on a base share one build; a write makes the next request build again", arguments: serverEngines)
    func oneBuildAtATime(engine: DatabaseEngine) async throws {
        let directory = TemporaryDirectory()
        var postgres: String?
        if engine == .postgres { postgres = try await TestPostgres.makeDatabase() }
        let location: StorageLocation = postgres.map { .postgres(url: $0) } ?? .sqlite(path: directory.url.appendingPathComponent("g.sqlite").path)
        let database = try Database(location: location, logger: testLogger)
        try await database.whileRunning {
            try await MigrationRunner(database: database, logger: testLogger).migrate()
            let base = try #require(try await BaseRepository(database: database).id(of: try BaseName("default")))
            let persons = PersonRepository(database: database)
            let audit = AuditEntry(occurredAt: 1, actorID: nil, actorName: "test", action: "test", entityType: "person")
            _ = try await persons.insert(Person(firstName: "Anne", surname: "Graphe"), base: base, audit: audit)
            let cache = GraphCache(repository: GraphRepository(database: database))
            // Eight callers at once: one build, so every entry carries the same measured build time.
            let first = try await withThrowingTaskGroup(of: GraphCache.Entry.self) { group in
                for _ in 0..<8 { group.addTask { try await cache.entry(for: base) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(first.count == 8 && Set(first.map(\.buildSeconds)).count == 1 && first.allSatisfy { $0.graph.count == 1 })
            #expect(try await cache.entry(for: base).buildSeconds == first[0].buildSeconds, "kept while the version stays")
            _ = try await persons.insert(Person(firstName: "Paul", surname: "Graphe"), base: base, audit: audit)
            let after = try await cache.entry(for: base)
            #expect(after.graph.count == 2 && after.version > first[0].version)
            #expect(cache.summary[base]?.persons == 2)
        }
        if let postgres { await TestPostgres.drop(postgres) }
    }
}
