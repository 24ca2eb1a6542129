/// The blood relationship between two persons as GeneWeb's relationship page gives it: the
/// closest common ancestors, the generations from each person up to them, and the name of the
/// link in English and French; else a link through one marriage; else none.
extension GenealogyGraph {
    public struct RelationshipLink: Sendable, Equatable {
        /// The common ancestors this link goes through (one, or a couple: full siblings, cousins).
        public let ancestors: [Index]
        /// Generations from the first person up to them, and from the second.
        public let up: Int
        public let down: Int
        public let english: String
        public let french: String
    }

    public struct Relationship: Sendable, Equatable {
        public enum Kind: String, Sendable {
            case same, blood, marriage, none
        }

        public let kind: Kind
        /// Blood links, closest first (several when the two are related by several lines).
        public let links: [RelationshipLink]
        /// For `marriage`: the spouse through whom the link goes.
        public let through: Index?
        public let english: String
        public let french: String
    }

    /// Generations from `person` to each ancestor within `maxGenerations` (the shortest way).
    func ancestorDistances(of person: Index, maxGenerations: Int) -> [Index: Int] {
        var distances: [Index: Int] = [person: 0]
        var frontier = [person]
        var generation = 0
        while !frontier.isEmpty, generation < maxGenerations {
            generation += 1
            var next: [Index] = []
            for current in frontier {
                let (father, mother) = parents(of: current)
                for parent in [father, mother].compactMap({ $0 }) where distances[parent] == nil {
                    distances[parent] = generation
                    next.append(parent)
                }
            }
            frontier = next
        }
        return distances
    }

    /// What `a` is to `b`.
    public func relationship(_ a: Index, _ b: Index, maxGenerations: Int = 50) -> Relationship {
        if a == b { return Relationship(kind: .same, links: [], through: nil, english: "the same person", french: "la même personne") }
        let links = bloodLinks(a, b, maxGenerations: maxGenerations)
        if let closest = links.first {
            return Relationship(kind: .blood, links: links, through: nil, english: closest.english, french: closest.french)
        }
        // One marriage: a's spouse, or a's spouse's relative, or a relative's spouse.
        if spouseList(of: a).contains(b) {
            let (english, french) = RelationshipNames.spouse(sexes[Int(a)])
            return Relationship(kind: .marriage, links: [], through: b, english: english, french: french)
        }
        for spouse in spouseList(of: a) {
            if let link = bloodLinks(spouse, b, maxGenerations: maxGenerations).first {
                let (english, french) = RelationshipNames.inLaw(spouseIs: link, sex: sexes[Int(a)], viaOwnSpouse: true)
                return Relationship(kind: .marriage, links: [link], through: spouse, english: english, french: french)
            }
        }
        for spouse in spouseList(of: b) {
            if let link = bloodLinks(a, spouse, maxGenerations: maxGenerations).first {
                let (english, french) = RelationshipNames.inLaw(spouseIs: link, sex: sexes[Int(a)], viaOwnSpouse: false)
                return Relationship(kind: .marriage, links: [link], through: spouse, english: english, french: french)
            }
        }
        return Relationship(kind: .none, links: [], through: nil, english: "no blood relationship", french: "pas de lien de parenté")
    }

    /// Links through the lowest common ancestors (none of whose children is also a common
    /// ancestor), grouped by generations, closest first.
    func bloodLinks(_ a: Index, _ b: Index, maxGenerations: Int) -> [RelationshipLink] {
        let fromA = ancestorDistances(of: a, maxGenerations: maxGenerations)
        let fromB = ancestorDistances(of: b, maxGenerations: maxGenerations)
        let common = Set(fromA.keys).intersection(fromB.keys)
        guard !common.isEmpty else { return [] }
        let lowest = common.filter { ancestor in !childList(of: ancestor).contains { common.contains($0) } }
        var groups: [[Int]: [Index]] = [:]
        for ancestor in lowest {
            groups[[fromA[ancestor]!, fromB[ancestor]!], default: []].append(ancestor)
        }
        return groups.sorted { ($0.key[0] + $0.key[1], $0.key[0]) < ($1.key[0] + $1.key[1], $1.key[0]) }.map { key, ancestors in
            let up = key[0]
            let down = key[1]
            // Siblings (or cousins) through one parent only are "half".
            let half = up >= 1 && down >= 1 && ancestors.count == 1 && isHalf(a, b, up: up, down: down, through: ancestors[0])
            let (english, french) = RelationshipNames.blood(up: up, down: down, sex: sexes[Int(a)], half: half)
            return RelationshipLink(ancestors: ancestors.sorted(), up: up, down: down, english: english, french: french)
        }
    }

    /// True when the common ancestor's partner is not also a common ancestor at the same place:
    /// for siblings, one shared parent instead of two.
    private func isHalf(_ a: Index, _ b: Index, up: Int, down: Int, through ancestor: Index) -> Bool {
        guard up == 1, down == 1 else { return false }
        let pa = parents(of: a)
        let pb = parents(of: b)
        let shared = [pa.father, pa.mother].compactMap { $0 }.filter { $0 == pb.father || $0 == pb.mother }
        return shared.count == 1
    }
}
