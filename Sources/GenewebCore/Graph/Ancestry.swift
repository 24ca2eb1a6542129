/// Ancestors with Sosa numbers and descendants with d'Aboville numbers.
extension GenealogyGraph {
    /// One ancestor: generation 1 is the root's parents. A person reached by several lines
    /// (implex) appears once with every Sosa number they hold.
    public struct Ancestor: Sendable, Equatable {
        public let person: Index
        public let generation: Int
        public var sosaNumbers: [UInt64]
    }

    /// Ancestors of `root` up to `maxGenerations` (at most 62, so Sosa numbers fit in 64 bits),
    /// in order of first appearance (generation, then Sosa number); the root is Sosa 1, generation 0.
    ///
    /// Every line is followed, so implex gives a person all their numbers; in pedigrees where the
    /// lines multiply (royal houses over 20+ generations) the numbers can outgrow any memory, so
    /// after `numberBudget` (person, number) pairs the walk stops and says it was cut short.
    public func ancestors(of root: Index, maxGenerations: Int, numberBudget: Int = 500_000) -> (ancestors: [Ancestor], truncated: Bool) {
        let limit = min(max(maxGenerations, 0), 62)
        var found: [Index: Ancestor] = [root: Ancestor(person: root, generation: 0, sosaNumbers: [1])]
        var order: [Index] = [root]
        var frontier: [(Index, UInt64)] = [(root, 1)]
        var generation = 0
        var pairs = 1
        var truncated = false
        walk: while !frontier.isEmpty, generation < limit {
            generation += 1
            var next: [(Index, UInt64)] = []
            for (person, sosa) in frontier {
                if pairs >= numberBudget {
                    truncated = true
                    break walk
                }
                let (father, mother) = parents(of: person)
                for (parent, number) in [(father, sosa * 2), (mother, sosa * 2 + 1)] {
                    guard let parent else { continue }
                    if found[parent] == nil {
                        found[parent] = Ancestor(person: parent, generation: generation, sosaNumbers: [number])
                        order.append(parent)
                    } else {
                        found[parent]?.sosaNumbers.append(number)
                    }
                    next.append((parent, number))
                    pairs += 1
                }
            }
            frontier = next
        }
        let ancestors = order.compactMap { found[$0] }.map { ancestor in
            var sorted = ancestor
            sorted.sosaNumbers.sort()
            return sorted
        }
        return (ancestors, truncated)
    }

    /// The person with Sosa number `sosa` relative to `root`, nil when the line is unknown.
    public func person(sosa: UInt64, root: Index) -> Index? {
        guard sosa >= 1 else { return nil }
        // The binary digits after the leading 1, read from the top: 0 = father, 1 = mother.
        let bits = 63 - sosa.leadingZeroBitCount
        var person = root
        for shift in stride(from: bits - 1, through: 0, by: -1) {
            let (father, mother) = parents(of: person)
            guard let next = (sosa >> UInt64(shift)) & 1 == 0 ? father : mother else { return nil }
            person = next
        }
        return person
    }

    /// One descendant: generation 1 is the root's children; `label` is the d'Aboville number
    /// (`1.2.1`: the first child of the second child of the root).
    public struct Descendant: Sendable, Equatable {
        public let person: Index
        public let generation: Int
        public let label: String
    }

    public func descendants(of root: Index, maxGenerations: Int) -> [Descendant] {
        var result = [Descendant(person: root, generation: 0, label: "1")]
        var frontier = result
        var generation = 0
        while !frontier.isEmpty, generation < maxGenerations {
            generation += 1
            var next: [Descendant] = []
            for parent in frontier {
                for (offset, child) in childList(of: parent.person).enumerated() {
                    next.append(Descendant(person: child, generation: generation, label: "\(parent.label).\(offset + 1)"))
                }
            }
            result += next
            frontier = next
        }
        return result
    }
}
