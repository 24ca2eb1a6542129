import Foundation
import GenewebCore
import GenewebTestSupport
import Testing

@testable import GenewebServer
@testable import GenewebStore

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

    actor Overlap {
        var inside = 0
        var most = 0
        func enter() {
            inside += 1
            most = max(most, inside)
        }
        func leave() { inside -= 1 }
    }

    @Test("a newer version's computation waits for the older one still running; a kept value moves to a new version without computing")
    func oneComputationPerKeyAtATime() async throws {
        let clock = ManualClock()
        let cache = OncePerVersion<String, Int, String>(wait: .seconds(10), clock: clock)
        let (overlap, gate) = (Overlap(), Gate())
        async let older = cache.value(for: "graph", version: 1) {
            await overlap.enter()
            await gate.pass()
            await overlap.leave()
            return "one"
        }
        await clock.waitForSleepers(1)
        async let newer = cache.value(for: "graph", version: 2) {
            await overlap.enter()
            await overlap.leave()
            return "two"
        }
        // Time for the newer computation to start if nothing held it back (awaiting its caller's
        // timer instead would hang when it ends at once).
        for _ in 0..<500 { await Task.yield() }
        await gate.open()
        #expect(try await older == "one")
        #expect(try await newer == "two")
        #expect(await overlap.most == 1, "the two computations never ran at the same time")
        #expect(cache.advance("graph", from: 2, to: 3) { $0 + " changed" })
        #expect(cache.kept(for: "graph", version: 3) == "two changed")
        #expect(!cache.advance("graph", from: 2, to: 4) { $0 }, "nothing kept at version 2 any more")
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

@Suite("The graph of a base, built once per version, changed in place by this process's writes")
struct GraphCacheTests {
    static let audit = AuditEntry(occurredAt: 1, actorID: nil, actorName: "test", action: "test", entityType: "person")

    /// Runs `body` on a migrated database of `engine` and its default base.
    static func withBase(_ engine: DatabaseEngine, _ body: @escaping @Sendable (Database, Int, StorageLocation) async throws -> Void) async throws {
        let directory = TemporaryDirectory()
        var postgres: String?
        if engine == .postgres { postgres = try await TestPostgres.makeDatabase() }
        let location: StorageLocation = postgres.map { .postgres(url: $0) } ?? .sqlite(path: directory.url.appendingPathComponent("g.sqlite").path)
        let database = try Database(location: location, logger: testLogger)
        try await database.whileRunning {
            try await MigrationRunner(database: database, logger: testLogger).migrate()
            let base = try #require(try await BaseRepository(database: database).id(of: try BaseName("default")))
            try await body(database, base, location)
        }
        if let postgres { await TestPostgres.drop(postgres) }
    }

    /// Each person's sex, parents, children and spouses, by id: what the computations read.
    static func links(_ graph: GenealogyGraph) -> [UUID: String] {
        func id(_ index: GenealogyGraph.Index) -> String { index == GenealogyGraph.none ? "-" : graph.ids[Int(index)].uuidString }
        var links: [UUID: String] = [:]
        for index in 0..<graph.count where !graph.removed.contains(GenealogyGraph.Index(index)) {
            links[graph.ids[index]] =
                "\(graph.sexes[index]) \(id(graph.fathers[index])) \(id(graph.mothers[index])) "
                + "c=\(graph.children[index].map(id)) s=\(graph.spouses[index].map(id))"
        }
        return links
    }

    @Test("requests at the same time on a base share one build; a write made here changes the kept graph in place", arguments: serverEngines)
    func oneBuildAtATime(engine: DatabaseEngine) async throws {
        try await Self.withBase(engine) { database, base, _ in
            let persons = PersonRepository(database: database)
            _ = try await persons.insert(Person(firstName: "Anne", surname: "Graphe"), base: base, audit: Self.audit)
            let cache = GraphCache(repository: GraphRepository(database: database))
            // Eight callers at once: one build, so every entry carries the same measured build time.
            let first = try await withThrowingTaskGroup(of: GraphCache.Entry.self) { group in
                for _ in 0..<8 { group.addTask { try await cache.entry(for: base) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(first.count == 8 && Set(first.map(\.buildSeconds)).count == 1 && first.allSatisfy { $0.graph.count == 1 })
            #expect(try await cache.entry(for: base).buildSeconds == first[0].buildSeconds, "kept while the version stays")
            _ = try await persons.insert(Person(firstName: "Paul", surname: "Graphe"), base: base, audit: Self.audit)
            let after = try await cache.entry(for: base)
            #expect(after.graph.count == 2 && after.version > first[0].version)
            #expect(after.updates == 1 && after.buildSeconds == first[0].buildSeconds, "changed in place, not built again")
            #expect(cache.summary[base]?.persons == 2)
        }
    }

    @Test("every kind of write reaches the kept graph in place, which then links everyone as the base read again", arguments: serverEngines)
    func writesApplyInPlace(engine: DatabaseEngine) async throws {
        try await Self.withBase(engine) { database, base, _ in
            let persons = PersonRepository(database: database)
            let families = FamilyRepository(database: database)
            let graphs = GraphRepository(database: database)
            let cache = GraphCache(repository: graphs)
            func add(_ name: String, _ sex: Sex) async throws -> Stored<Person> {
                try await persons.insert(Person(firstName: name, surname: "Inplace", sex: sex), base: base, audit: Self.audit)
            }
            let (dad, mom, child, other) = (
                try await add("Jean", .male), try await add("Marie", .female), try await add("Luc", .male), try await add("Paul", .unknown)
            )
            let built = try await cache.entry(for: base)
            var updates = 0
            /// After each write: in place (one more update, same build), and equal to a fresh read.
            func check(_ what: String) async throws {
                updates += 1
                let entry = try await cache.entry(for: base)
                let fresh = try await graphs.load(base: base)
                #expect(entry.version == fresh.version, "\(what): version")
                #expect(entry.updates == updates && entry.buildSeconds == built.buildSeconds, "\(what): changed in place")
                #expect(Self.links(entry.graph) == Self.links(fresh.graph), "\(what): same links as a fresh read")
            }
            let union = try await FamilyActs(database: database).record(
                newPersons: [], family: Family(parents: [dad.value.id, mom.value.id], children: [child.value.id]), familyVersion: nil, base: base,
                audit: [Self.audit])
            try await check("a family with its parents and child")
            #expect(try await cache.graph(for: base).parents(of: try #require(cache.graph(for: base).index(of: child.value.id.uuid))).father != nil)
            var family = union.family.value
            family.children.append(other.value.id)
            _ = try await families.update(family, base: base, expectedVersion: union.family.version, audit: Self.audit)
            try await check("a child added to the family")
            var sexChanged = other.value
            sexChanged.sex = .female
            _ = try await persons.update(sexChanged, base: base, expectedVersion: other.version, audit: Self.audit)
            try await check("a person's sex")
            let stray = try await families.insert(Family(parents: [other.value.id], children: []), base: base, audit: Self.audit)
            try await check("a second family")
            let cousin = try await add("Léa", .female)
            try await check("a new person")
            _ = try await PersonMerge(database: database).merge(
                cousin.value, keptVersion: cousin.version, removed: other.value.id.uuid, removedVersion: other.version + 1, base: base, audit: [Self.audit])
            try await check("a merge")
            try await families.delete(stray.value.id.uuid, base: base, expectedVersion: nil, audit: Self.audit)
            try await check("a family deleted")
            try await persons.delete(mom.value.id.uuid, base: base, expectedVersion: nil, unlink: true, audit: Self.audit)
            try await check("a parent deleted with her links")
            #expect(try await cache.graph(for: base).personCount == 3)
        }
    }

    @Test(
        "a write made by another process reaches this one: in place on PostgreSQL (its notification carries the edits), by a new build on SQLite",
        arguments: serverEngines)
    func otherWritersRebuild(engine: DatabaseEngine) async throws {
        try await Self.withBase(engine) { database, base, location in
            let cache = GraphCache(repository: GraphRepository(database: database))
            _ = try await PersonRepository(database: database).insert(Person(firstName: "Anne", surname: "Ailleurs"), base: base, audit: Self.audit)
            // Listening (or polling) has started: a write before it is seen by the first read of
            // the versions, and the graph is built again.
            try await Self.waitUntil { database.versions.isFollowing }
            let first = try await cache.entry(for: base)
            let elsewhere = try Database(location: location, logger: testLogger)
            try await elsewhere.whileRunning {
                _ = try await PersonRepository(database: elsewhere).insert(Person(firstName: "Paul", surname: "Ailleurs"), base: base, audit: Self.audit)
            }
            // Another process is followed (notifications on PostgreSQL, polling on SQLite), not
            // asked about on every request: its write shows once this process has heard it.
            try await Self.waitUntil { try await database.versions.version(of: base, in: database) == first.version + 1 }
            let after = try await cache.entry(for: base)
            #expect(after.graph.personCount == 2 && after.version == first.version + 1)
            #expect(after.updates == (engine == .postgres ? 1 : 0))
            #expect(Self.links(after.graph) == Self.links(try await GraphRepository(database: database).load(base: base).graph))
        }
    }

    @Test("this process's own writes are seen by the very next request, with no wait", arguments: serverEngines)
    func ownWritesAtOnce(engine: DatabaseEngine) async throws {
        try await Self.withBase(engine) { database, base, _ in
            try await Self.waitUntil { database.versions.isFollowing }
            let persons = PersonRepository(database: database)
            for round in 1...20 {
                let before = try await database.versions.version(of: base, in: database)
                _ = try await persons.insert(Person(firstName: "Round\(round)", surname: "Ici"), base: base, audit: Self.audit)
                #expect(try await database.versions.version(of: base, in: database) == before + 1)
            }
        }
    }

    @Test("a change told to other instances reads back the same: base, versions, sender and graph edits")
    func changeNotices() throws {
        let (a, b, c) = (UUID(), UUID(), UUID())
        let edits: [GraphEdit] = [
            .person(id: a, sex: .female), .personRemoved(b), .family(id: c, position: nil, parents: [a], children: [b, c]),
            .family(id: b, position: 7, parents: [], children: []), .familyRemoved(a),
        ]
        let change = BaseChange(base: 3, from: 41, to: 42, graphEdits: edits)
        let read = try #require(ChangeNotice.parse(ChangeNotice.payload(change, sender: "me")))
        #expect(read.sender == "me" && read.change.base == 3 && read.change.from == 41 && read.change.to == 42)
        #expect(read.change.graphEdits == edits)
        // An import tells no edits; edits too long for a notification are left out: both rebuild.
        #expect(ChangeNotice.parse(ChangeNotice.payload(BaseChange(base: 3, from: 1, to: 3, graphEdits: nil), sender: "me"))?.change.graphEdits == nil)
        let many = BaseChange(base: 3, from: 1, to: 2, graphEdits: (0..<300).map { _ in .person(id: UUID(), sex: .male) })
        let long = ChangeNotice.payload(many, sender: "me")
        #expect(long.utf8.count <= 8_000 && ChangeNotice.parse(long)?.change.graphEdits == nil)
        #expect(ChangeNotice.parse("3:1:2:me:")?.change.graphEdits == [])
        // Not a change, or edits that cannot be read (then nil: read the base again).
        for bad in ["", "3", "3:1:2", "x:1:2:me", "3:2:2:me", "3:5:2:me", "99999999999999999999:1:2:me"] { #expect(ChangeNotice.parse(bad) == nil) }
        for bad in ["p,\(a),robot", "q,\(a)", "p,nope,male", "f,\(a),x,,", "f,\(a),,\(b) zz,", "x"] {
            #expect(try #require(ChangeNotice.parse("3:1:2:me:" + bad)).change.graphEdits == nil, "\(bad)")
        }
    }

    /// Waits up to five seconds for `condition` (another process's write reaches this one within
    /// 100 ms when the machine is not overloaded).
    static func waitUntil(_ condition: @Sendable () async throws -> Bool) async throws {
        for _ in 0..<500 {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("the condition did not become true within 5 s")
    }
}
