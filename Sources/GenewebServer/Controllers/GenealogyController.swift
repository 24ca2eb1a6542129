import Foundation
import GenewebCore
import GenewebStore
import Hummingbird

/// `/api/v1/genealogy/*` (and per base): every genealogy route. Here, about one person:
/// ancestors with Sosa numbers, descendants with d'Aboville numbers, nested trees, Sosa lookup,
/// relationships, consanguinity and implex, computed on the base's in-memory graph; in
/// `GenealogyController+BaseFigures.swift`, figures over the whole base.
///
/// Persons come out through the privacy policy, read once per request after the computation;
/// a person the caller may not see cannot be the starting point of a computation (404), so a
/// living person's lineage is not shown around them. The query is checked before the person is
/// looked up, so a bad parameter answers the same 422 whether the person exists, is hidden or
/// is unknown.
struct GenealogyController {
    let graphs: GraphCache
    let persons: PersonRepository
    let statistics: StatisticsRepository
    let anniversaries: AnniversaryRepository
    let names: NameIndexRepository
    let consanguinityCache: ConsanguinityCache
    let answers: ResponseCache
    /// The answers of the routes about persons, kept for the base's version and the day.
    let kept: GenealogyAnswerCache
    let scope: BaseScope

    func addRoutes(to router: Router<AppRequestContext>, catalog: RouteCatalog) {
        for prefix in BaseScope.paths("/genealogy") {
            router.route(.get, "\(prefix)/ancestors/:person_id", access: .publicRead, in: catalog, use: ancestors)
            router.route(.get, "\(prefix)/descendants/:person_id", access: .publicRead, in: catalog, use: descendants)
            router.route(.get, "\(prefix)/tree/:person_id", access: .publicRead, in: catalog, use: tree)
            router.route(.get, "\(prefix)/sosa/:sosa_number", access: .publicRead, in: catalog, use: sosa)
            router.route(.get, "\(prefix)/relationship/:person_id/:other_id", access: .publicRead, in: catalog, use: relationship)
            router.route(.get, "\(prefix)/consanguinity/:person_id", access: .publicRead, in: catalog, use: consanguinity)
            router.route(.get, "\(prefix)/implex/:person_id", access: .publicRead, in: catalog, use: implex)
            router.route(.get, "\(prefix)/stats", access: .publicRead, in: catalog, use: stats)
            router.route(.get, "\(prefix)/anniversaries", access: .publicRead, in: catalog, use: anniversariesOfDay)
            router.route(.get, "\(prefix)/consanguinity", access: .publicRead, in: catalog, use: baseConsanguinity)
        }
    }

    // MARK: Routes

    @Sendable func ancestors(_ request: Request, context: AppRequestContext) async throws -> Response {
        let generations = try Self.read(GenealogyQuery.generations, from: request)
        return try await keeping(request, context) { base in
            let (entry, root) = try await start(base, context)
            let graph = entry.graph
            let timer = ServerTiming()
            let (found, truncated) = graph.ancestors(of: root, maxGenerations: generations)
            let timing = timer.header("graph")
            let views = try await present(found.map(\.person), seeing: [root], graph: graph, base: base, context: context)
            let items = found.dropFirst().compactMap { ancestor in
                views[ancestor.person].map { AncestorsPayload.Ancestor(generation: ancestor.generation, sosaNumbers: ancestor.sosaNumbers, person: $0) }
            }
            return try .init(
                AncestorsPayload(
                    personID: graph.ids[Int(root)].uuidString.lowercased(), maxGenerations: generations, truncated: truncated, total: items.count,
                    ancestors: items),
                version: entry.version, headers: timing)
        }
    }

    @Sendable func descendants(_ request: Request, context: AppRequestContext) async throws -> Response {
        let generations = try Self.read(GenealogyQuery.generations, from: request)
        return try await keeping(request, context) { base in
            let (entry, root) = try await start(base, context)
            let graph = entry.graph
            let found = graph.descendants(of: root, maxGenerations: generations)
            let views = try await present(found.map(\.person), seeing: [root], graph: graph, base: base, context: context)
            let items = found.dropFirst().compactMap { item in
                views[item.person].map { DescendantsPayload.Descendant(generation: item.generation, label: item.label, person: $0) }
            }
            return try .init(
                DescendantsPayload(personID: graph.ids[Int(root)].uuidString.lowercased(), maxGenerations: generations, total: items.count, descendants: items),
                version: entry.version)
        }
    }

    /// A nested tree: `tree_type` (or `direction`) `ancestors`, `descendants` or `full` (both).
    @Sendable func tree(_ request: Request, context: AppRequestContext) async throws -> Response {
        var parameters = QueryParameters(request)
        let generations = parameters.integerOrFallback(GenealogyQuery.generations)
        let type = parameters.choice(GenealogyQuery.treeType) ?? "full"
        try parameters.validate()
        return try await keeping(request, context) { base in
            let (entry, root) = try await start(base, context)
            let graph = entry.graph
            var needed = [root]
            if type != "descendants" { needed += graph.ancestors(of: root, maxGenerations: generations).ancestors.map(\.person) }
            if type != "ancestors" { needed += graph.descendants(of: root, maxGenerations: generations).map(\.person) }
            let views = try await present(needed, seeing: [root], graph: graph, base: base, context: context)
            func up(_ person: GenealogyGraph.Index, _ generation: Int) -> TreeNodePayload? {
                guard let view = views[person] else { return nil }
                let (father, mother) = graph.parents(of: person)
                let parents = generation < generations ? [father, mother].compactMap { $0 }.compactMap { up($0, generation + 1) } : []
                return TreeNodePayload(person: view, parents: parents, children: nil)
            }
            func down(_ person: GenealogyGraph.Index, _ generation: Int) -> TreeNodePayload? {
                guard let view = views[person] else { return nil }
                let children = generation < generations ? graph.children[Int(person)].compactMap { down($0, generation + 1) } : []
                return TreeNodePayload(person: view, parents: nil, children: children)
            }
            let ancestorsTree = type == "descendants" ? nil : up(root, 0)
            let descendantsTree = type == "ancestors" ? nil : down(root, 0)
            let node = TreeNodePayload(person: views[root]!, parents: ancestorsTree?.parents, children: descendantsTree?.children)
            return try .init(node, version: entry.version)
        }
    }

    @Sendable func sosa(_ request: Request, context: AppRequestContext) async throws -> Response {
        let number = try Self.sosaNumber(try context.parameters.require("sosa_number"))
        var parameters = QueryParameters(request)
        let rootText = parameters.text(GenealogyQuery.rootPerson)
        try parameters.validate()
        guard let rootText else { throw APIError.validation([FieldError(field: "root_person_id", message: "is required")]) }
        return try await keeping(request, context) { base in
            let entry = try await graphs.entry(for: base.id)
            let graph = entry.graph
            let root = try Self.index(rootText, in: graph)
            let found = graph.person(sosa: number, root: root)
            let views = try await present([root] + (found.map { [$0] } ?? []), seeing: [root], graph: graph, base: base, context: context)
            guard let found else { throw APIError.notFound("No known ancestor with Sosa number \(number)") }
            return try .init(
                SosaPayload(
                    sosaNumber: number, generation: 63 - number.leadingZeroBitCount,
                    rootPersonID: graph.ids[Int(root)].uuidString.lowercased(), person: views[found]!),
                version: entry.version)
        }
    }

    /// Computed first, then every person the answer names (both ends, the common ancestors, the
    /// spouse it goes through) is read through the privacy policy at once; either end hidden
    /// from the caller is a 404, as if the computation had never run.
    @Sendable func relationship(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await keeping(request, context) { base in
            let entry = try await graphs.entry(for: base.id)
            let graph = entry.graph
            let first = try Self.index(try context.parameters.require("person_id"), in: graph)
            let second = try Self.index(try context.parameters.require("other_id"), in: graph)
            let timer = ServerTiming()
            let relation = graph.relationship(first, second, maxGenerations: GenealogyQuery.maximumGenerations)
            let timing = timer.header("graph")
            let involved = relation.links.flatMap(\.ancestors) + (relation.through.map { [$0] } ?? [])
            let views = try await present([first, second] + involved, seeing: [first, second], graph: graph, base: base, context: context)
            let links = relation.links.map { link in
                RelationshipPayload.Link(
                    generationsFromFirst: link.up, generationsFromSecond: link.down, english: link.english, french: link.french,
                    commonAncestors: link.ancestors.compactMap { views[$0] })
            }
            return try .init(
                RelationshipPayload(
                    personID: graph.ids[Int(first)].uuidString.lowercased(), otherID: graph.ids[Int(second)].uuidString.lowercased(),
                    kind: relation.kind.rawValue, english: relation.english, french: relation.french, links: links,
                    through: relation.through.flatMap { views[$0] }
                ), version: entry.version, headers: timing)
        }
    }

    @Sendable func consanguinity(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await keeping(request, context) { base in
            let (entry, person) = try await start(base, context, checkingVisibility: true)
            let graph = entry.graph
            let timer = ServerTiming()
            var calculator = KinshipCalculator(graph: graph)
            let coefficient = calculator.inbreeding(of: person)
            let timing = timer.header("graph")
            return try .init(
                InbreedingPayload(personID: graph.ids[Int(person)].uuidString.lowercased(), coefficient: coefficient, percent: coefficient * 100),
                version: entry.version, headers: timing)
        }
    }

    @Sendable func implex(_ request: Request, context: AppRequestContext) async throws -> Response {
        let generations = try Self.read(GenealogyQuery.implexGenerations, from: request)
        return try await keeping(request, context) { base in
            let (entry, person) = try await start(base, context, checkingVisibility: true)
            let graph = entry.graph
            let rows = graph.implex(of: person, maxGenerations: generations).map {
                ImplexPayload.Generation(generation: $0.generation, places: $0.places, known: $0.known, distinct: $0.distinct, implexRatio: $0.implexRatio)
            }
            return try .init(ImplexPayload(personID: graph.ids[Int(person)].uuidString.lowercased(), generations: rows), version: entry.version)
        }
    }

    // MARK: Helpers

    /// The base's graph (with the version it was read at) and the starting person
    /// (`person_id`). With `checkingVisibility`, the person must be visible to the caller (routes
    /// that show nobody else); otherwise the route checks it in its one privacy read
    /// (`present(_:seeing:...)`).
    private func start(_ base: ResolvedBase, _ context: AppRequestContext, checkingVisibility: Bool = false) async throws -> (
        GraphCache.Entry, GenealogyGraph.Index
    ) {
        let entry = try await graphs.entry(for: base.id)
        let index = try Self.index(try context.parameters.require("person_id"), in: entry.graph)
        if checkingVisibility { _ = try await present([index], seeing: [index], graph: entry.graph, base: base, context: context) }
        return (entry, index)
    }

    /// The graph index of a person id from the path or query (404 when not in the base).
    private static func index(_ raw: String, in graph: GenealogyGraph) throws -> GenealogyGraph.Index {
        guard let id = UUID(uuidString: raw), let index = graph.index(of: id) else { throw APIError.notFound("Person not found") }
        return index
    }

    /// The persons as the caller may see them, by graph index, in one read; a person of
    /// `seeing` (the ones the caller asked about) not fully visible is a 404, so a computation
    /// never shows the lineage around a living person.
    private func present(
        _ indexes: [GenealogyGraph.Index], seeing: [GenealogyGraph.Index], graph: GenealogyGraph, base: ResolvedBase, context: AppRequestContext
    ) async throws -> [GenealogyGraph.Index: VisiblePerson] {
        let views = try await PrivacyPolicy(role: context.role, base: base).present(ids: indexes.map { graph.ids[Int($0)] }, base: base.id, persons: persons)
        var byIndex: [GenealogyGraph.Index: VisiblePerson] = [:]
        for index in Set(indexes) { byIndex[index] = views[graph.ids[Int(index)]] }
        for index in seeing {
            guard case .full = byIndex[index] else { throw APIError.notFound("Person not found") }
        }
        return byIndex
    }

    /// A route's one number parameter (`max_generations`), checked.
    static func read(_ parameter: QueryParameter, from request: Request) throws -> Int {
        var parameters = QueryParameters(request)
        let value = parameters.integerOrFallback(parameter)
        try parameters.validate()
        return value
    }

    /// A Sosa number from the path: a whole number from 1 (the root) to `Int.max`, 62
    /// generations up, more than any lineage has.
    static func sosaNumber(_ raw: String) throws -> UInt64 {
        guard raw.utf8.count <= 20, let number = Int(raw), number >= 1 else {
            throw APIError.validation([FieldError(field: "sosa_number", message: "must be a whole number from 1 to \(Int.max)")])
        }
        return UInt64(number)
    }
}
