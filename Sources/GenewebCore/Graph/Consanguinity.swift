/// Coefficients of kinship and inbreeding (Wright's F, by Malécot's recursion), exact with
/// implex: φ(x, x) = (1 + F(x)) / 2, F(x) = φ(father, mother), and φ(x, y) = (φ(father(x), y) +
/// φ(mother(x), y)) / 2 where x is the one further from the founders (so never an ancestor of y).
/// Unknown parents contribute 0. GeneWeb's `consang` computes the same quantity.
public struct KinshipCalculator {
    public let graph: GenealogyGraph
    private var memo: [UInt64: Double] = [:]
    private var depths: [Int32]

    public init(graph: GenealogyGraph) {
        self.graph = graph
        self.depths = [Int32](repeating: -1, count: graph.count)
    }

    /// Generations between the person and their most remote known ancestor (founders: 0).
    /// A pedigree loop (a person recorded as their own ancestor) is cut where it closes.
    mutating func depth(_ person: GenealogyGraph.Index) -> Int32 {
        let slot = Int(person)
        if depths[slot] >= 0 { return depths[slot] }
        if depths[slot] == -2 { return 0 }
        depths[slot] = -2
        let (father, mother) = graph.parents(of: person)
        let result = 1 + max(father.map { depth($0) } ?? -1, mother.map { depth($0) } ?? -1)
        depths[slot] = result
        return result
    }

    /// Inbreeding coefficient F of a person: the kinship of their parents.
    public mutating func inbreeding(of person: GenealogyGraph.Index) -> Double {
        let (father, mother) = graph.parents(of: person)
        guard let father, let mother else { return 0 }
        return kinship(father, mother)
    }

    /// Probability that an allele drawn from each of the two is identical by descent.
    public mutating func kinship(_ a: GenealogyGraph.Index, _ b: GenealogyGraph.Index) -> Double {
        if a == b { return (1 + inbreeding(of: a)) / 2 }
        let key = a < b ? UInt64(UInt32(a)) << 32 | UInt64(UInt32(b)) : UInt64(UInt32(b)) << 32 | UInt64(UInt32(a))
        if let known = memo[key] { return known }
        // Expand the deeper of the two; its parents are strictly shallower (loops are cut).
        let (deep, other) = depth(a) >= depth(b) ? (a, b) : (b, a)
        let (father, mother) = graph.parents(of: deep)
        let deepDepth = depth(deep)
        var sum = 0.0
        for parent in [father, mother] {
            guard let parent, depth(parent) < deepDepth else { continue }
            sum += kinship(parent, other)
        }
        let value = sum / 2
        memo[key] = value
        return value
    }
}

/// Implex: how many distinct ancestors a pedigree has in each generation, against the 2^g
/// places it would have with no common ancestry.
extension GenealogyGraph {
    public struct ImplexGeneration: Sendable, Equatable {
        public let generation: Int
        /// Places in the generation (2^g).
        public let places: UInt64
        /// Places filled by a known person.
        public let known: Int
        /// Distinct persons among them.
        public let distinct: Int

        /// 1 - distinct/known: the share of known places taken by someone already counted.
        public var implexRatio: Double { known == 0 ? 0 : 1 - Double(distinct) / Double(known) }
    }

    public func implex(of root: Index, maxGenerations: Int) -> [ImplexGeneration] {
        let (ancestors, _) = self.ancestors(of: root, maxGenerations: maxGenerations)
        var known: [Int: Int] = [:]
        var distinct: [Int: Set<Index>] = [:]
        for ancestor in ancestors {
            for number in ancestor.sosaNumbers {
                let generation = 63 - number.leadingZeroBitCount
                known[generation, default: 0] += 1
                distinct[generation, default: []].insert(ancestor.person)
            }
        }
        return known.keys.sorted().filter { $0 > 0 }.map { generation in
            ImplexGeneration(generation: generation, places: 1 << UInt64(generation), known: known[generation] ?? 0, distinct: distinct[generation]?.count ?? 0)
        }
    }
}
