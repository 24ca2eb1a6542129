import Foundation
import GenewebCore
import GenewebStore
import Hummingbird

/// `/api/v1/genealogy/*` (and per base): ancestors with Sosa numbers, descendants with d'Aboville
/// numbers, nested trees, Sosa lookup, relationships, consanguinity and implex, computed on the
/// base's in-memory graph. Persons come out through the privacy policy; a person the caller may
/// not see cannot be the starting point of a computation (404), so a living person's lineage
/// is not shown around them.
struct GenealogyController {
    let graphs: GraphCache
    let persons: PersonRepository
    let scope: BaseScope

    static let defaultGenerations = 5
    static let maximumGenerations = 50

    func addRoutes(to router: Router<AppRequestContext>, catalog: RouteCatalog) {
        for prefix in BaseScope.paths("/genealogy") {
            router.route(.get, "\(prefix)/ancestors/:person_id", access: .publicRead, in: catalog, use: ancestors)
            router.route(.get, "\(prefix)/descendants/:person_id", access: .publicRead, in: catalog, use: descendants)
            router.route(.get, "\(prefix)/tree/:person_id", access: .publicRead, in: catalog, use: tree)
            router.route(.get, "\(prefix)/sosa/:sosa_number", access: .publicRead, in: catalog, use: sosa)
            router.route(.get, "\(prefix)/relationship/:person_id/:other_id", access: .publicRead, in: catalog, use: relationship)
            router.route(.get, "\(prefix)/consanguinity/:person_id", access: .publicRead, in: catalog, use: consanguinity)
            router.route(.get, "\(prefix)/implex/:person_id", access: .publicRead, in: catalog, use: implex)
        }
    }

    // MARK: Routes

    @Sendable func ancestors(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (base, graph, root) = try await start(request, context)
        let generations = try Self.generations(request)
        let timer = ServerTiming()
        let (found, truncated) = graph.ancestors(of: root, maxGenerations: generations)
        let timing = timer.header("graph")
        let views = try await present(found.map(\.person), graph: graph, base: base, context: context)
        struct Item: Encodable {
            let generation: Int
            let sosaNumbers: [UInt64]
            let person: VisiblePerson
            enum CodingKeys: String, CodingKey {
                case generation, person
                case sosaNumbers = "sosa_numbers"
            }
        }
        struct Body: Encodable {
            let personID: String
            let maxGenerations: Int
            let truncated: Bool
            let total: Int
            let ancestors: [Item]
            enum CodingKeys: String, CodingKey {
                case truncated, total, ancestors
                case personID = "person_id"
                case maxGenerations = "max_generations"
            }
        }
        let items = found.dropFirst().compactMap { ancestor in
            views[ancestor.person].map { Item(generation: ancestor.generation, sosaNumbers: ancestor.sosaNumbers, person: $0) }
        }
        return try JSONResponse.encode(
            Body(
                personID: graph.ids[Int(root)].uuidString.lowercased(), maxGenerations: generations, truncated: truncated, total: items.count, ancestors: items),
            headers: timing)
    }

    @Sendable func descendants(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (base, graph, root) = try await start(request, context)
        let generations = try Self.generations(request)
        let found = graph.descendants(of: root, maxGenerations: generations)
        let views = try await present(found.map(\.person), graph: graph, base: base, context: context)
        struct Item: Encodable {
            let generation: Int
            let label: String
            let person: VisiblePerson
        }
        struct Body: Encodable {
            let personID: String
            let maxGenerations: Int
            let total: Int
            let descendants: [Item]
            enum CodingKeys: String, CodingKey {
                case total, descendants
                case personID = "person_id"
                case maxGenerations = "max_generations"
            }
        }
        let items = found.dropFirst().compactMap { item in views[item.person].map { Item(generation: item.generation, label: item.label, person: $0) } }
        return try JSONResponse.encode(
            Body(personID: graph.ids[Int(root)].uuidString.lowercased(), maxGenerations: generations, total: items.count, descendants: items))
    }

    /// A nested tree: `tree_type` (or `direction`) `ancestors`, `descendants` or `full` (both).
    @Sendable func tree(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (base, graph, root) = try await start(request, context)
        var parameters = QueryParameters(request)
        let generations = parameters.integer("max_generations", in: 1...Self.maximumGenerations) ?? Self.defaultGenerations
        let type = parameters.choice("tree_type", "direction", among: ["full", "both", "ancestors", "descendants"]) ?? "full"
        try parameters.validate()
        var needed = [root]
        if type != "descendants" { needed += graph.ancestors(of: root, maxGenerations: generations).ancestors.map(\.person) }
        if type != "ancestors" { needed += graph.descendants(of: root, maxGenerations: generations).map(\.person) }
        let views = try await present(needed, graph: graph, base: base, context: context)
        func up(_ person: GenealogyGraph.Index, _ generation: Int) -> TreeNode? {
            guard let view = views[person] else { return nil }
            let (father, mother) = graph.parents(of: person)
            let parents = generation < generations ? [father, mother].compactMap { $0 }.compactMap { up($0, generation + 1) } : []
            return TreeNode(person: view, parents: parents, children: nil)
        }
        func down(_ person: GenealogyGraph.Index, _ generation: Int) -> TreeNode? {
            guard let view = views[person] else { return nil }
            let children = generation < generations ? graph.children[Int(person)].compactMap { down($0, generation + 1) } : []
            return TreeNode(person: view, parents: nil, children: children)
        }
        let ancestorsTree = type == "descendants" ? nil : up(root, 0)
        let descendantsTree = type == "ancestors" ? nil : down(root, 0)
        let node = TreeNode(person: views[root]!, parents: ancestorsTree?.parents, children: descendantsTree?.children)
        return try JSONResponse.encode(node)
    }

    final class TreeNode: Encodable {
        let person: VisiblePerson
        let parents: [TreeNode]?
        let children: [TreeNode]?
        init(person: VisiblePerson, parents: [TreeNode]?, children: [TreeNode]?) {
            self.person = person
            self.parents = parents
            self.children = children
        }
    }

    @Sendable func sosa(_ request: Request, context: AppRequestContext) async throws -> Response {
        let base = try await scope.resolve(request, context)
        let number = try Self.sosaNumber(try context.parameters.require("sosa_number"))
        var parameters = QueryParameters(request)
        let rootText = parameters.text("root_person_id", maxLength: 100)
        try parameters.validate()
        guard let rootText else { throw APIError.validation([FieldError(field: "root_person_id", message: "is required")]) }
        let graph = try await graphs.graph(for: base.id)
        let root = try await visibleIndex(rootText, graph: graph, base: base, context: context)
        guard let found = graph.person(sosa: number, root: root) else { throw APIError.notFound("No known ancestor with Sosa number \(number)") }
        let views = try await present([found], graph: graph, base: base, context: context)
        struct Body: Encodable {
            let sosaNumber: UInt64
            let generation: Int
            let rootPersonID: String
            let person: VisiblePerson
            enum CodingKeys: String, CodingKey {
                case generation, person
                case sosaNumber = "sosa_number"
                case rootPersonID = "root_person_id"
            }
        }
        return try JSONResponse.encode(
            Body(
                sosaNumber: number, generation: 63 - number.leadingZeroBitCount,
                rootPersonID: graph.ids[Int(root)].uuidString.lowercased(), person: views[found]!))
    }

    @Sendable func relationship(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (base, graph, first) = try await start(request, context)
        let second = try await visibleIndex(try context.parameters.require("other_id"), graph: graph, base: base, context: context)
        let timer = ServerTiming()
        let relation = graph.relationship(first, second, maxGenerations: Self.maximumGenerations)
        let timing = timer.header("graph")
        let involved = relation.links.flatMap(\.ancestors) + (relation.through.map { [$0] } ?? [])
        let views = try await present(involved, graph: graph, base: base, context: context)
        struct Link: Encodable {
            let generationsFromFirst: Int
            let generationsFromSecond: Int
            let english: String
            let french: String
            let commonAncestors: [VisiblePerson]
            enum CodingKeys: String, CodingKey {
                case english, french
                case generationsFromFirst = "generations_from_first"
                case generationsFromSecond = "generations_from_second"
                case commonAncestors = "common_ancestors"
            }
        }
        struct Body: Encodable {
            let personID: String
            let otherID: String
            let kind: String
            let english: String
            let french: String
            let links: [Link]
            let through: VisiblePerson?
            enum CodingKeys: String, CodingKey {
                case kind, english, french, links, through
                case personID = "person_id"
                case otherID = "other_id"
            }
        }
        let links = relation.links.map { link in
            Link(
                generationsFromFirst: link.up, generationsFromSecond: link.down, english: link.english, french: link.french,
                commonAncestors: link.ancestors.compactMap { views[$0] })
        }
        return try JSONResponse.encode(
            Body(
                personID: graph.ids[Int(first)].uuidString.lowercased(), otherID: graph.ids[Int(second)].uuidString.lowercased(),
                kind: relation.kind.rawValue, english: relation.english, french: relation.french, links: links,
                through: relation.through.flatMap { views[$0] }
            ), headers: timing)
    }

    @Sendable func consanguinity(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, graph, person) = try await start(request, context)
        let timer = ServerTiming()
        var calculator = KinshipCalculator(graph: graph)
        let coefficient = calculator.inbreeding(of: person)
        let timing = timer.header("graph")
        struct Body: Encodable {
            let personID: String
            let coefficient: Double
            let percent: Double
            enum CodingKeys: String, CodingKey {
                case coefficient, percent
                case personID = "person_id"
            }
        }
        return try JSONResponse.encode(
            Body(personID: graph.ids[Int(person)].uuidString.lowercased(), coefficient: coefficient, percent: coefficient * 100), headers: timing)
    }

    @Sendable func implex(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, graph, person) = try await start(request, context)
        let generations = try Self.generations(request, default: 10)
        struct Generation: Encodable {
            let generation: Int
            let places: UInt64
            let known: Int
            let distinct: Int
            let implexRatio: Double
            enum CodingKeys: String, CodingKey {
                case generation, places, known, distinct
                case implexRatio = "implex_ratio"
            }
        }
        let rows = graph.implex(of: person, maxGenerations: generations).map {
            Generation(generation: $0.generation, places: $0.places, known: $0.known, distinct: $0.distinct, implexRatio: $0.implexRatio)
        }
        struct Body: Encodable {
            let personID: String
            let generations: [Generation]
            enum CodingKeys: String, CodingKey {
                case generations
                case personID = "person_id"
            }
        }
        return try JSONResponse.encode(Body(personID: graph.ids[Int(person)].uuidString.lowercased(), generations: rows))
    }

    // MARK: Helpers

    /// The base, its graph and the starting person (`person_id`), who must be visible to the caller.
    private func start(_ request: Request, _ context: AppRequestContext) async throws -> (ResolvedBase, GenealogyGraph, GenealogyGraph.Index) {
        let base = try await scope.resolve(request, context)
        let graph = try await graphs.graph(for: base.id)
        let index = try await visibleIndex(try context.parameters.require("person_id"), graph: graph, base: base, context: context)
        return (base, graph, index)
    }

    private func visibleIndex(_ raw: String, graph: GenealogyGraph, base: ResolvedBase, context: AppRequestContext) async throws -> GenealogyGraph.Index {
        guard let id = UUID(uuidString: raw), let index = graph.index(of: id) else { throw APIError.notFound("Person not found") }
        let views = try await present([index], graph: graph, base: base, context: context)
        guard case .full = views[index] else { throw APIError.notFound("Person not found") }
        return index
    }

    /// The persons as the caller may see them, by graph index.
    private func present(_ indexes: [GenealogyGraph.Index], graph: GenealogyGraph, base: ResolvedBase, context: AppRequestContext) async throws
        -> [GenealogyGraph.Index: VisiblePerson]
    {
        let views = try await PrivacyPolicy(role: context.role, base: base).present(ids: indexes.map { graph.ids[Int($0)] }, base: base.id, persons: persons)
        var byIndex: [GenealogyGraph.Index: VisiblePerson] = [:]
        for index in Set(indexes) { byIndex[index] = views[graph.ids[Int(index)]] }
        return byIndex
    }

    /// `?max_generations=` between 1 and `maximumGenerations`.
    static func generations(_ request: Request, default fallback: Int = defaultGenerations) throws -> Int {
        var parameters = QueryParameters(request)
        let generations = parameters.integer("max_generations", in: 1...maximumGenerations) ?? fallback
        try parameters.validate()
        return generations
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
