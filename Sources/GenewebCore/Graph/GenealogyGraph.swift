import Foundation

/// The parent/child links of a base as compact integer arrays, for the genealogy computations.
///
/// Persons are numbered 0..<count; each has at most one father and one mother (from the first
/// family where they are a child, as GeneWeb's `parents`) and the families where they are a
/// parent. A million persons take a few tens of MB. Immutable: a base's change builds a new one.
public struct GenealogyGraph: Sendable {
    /// A person's number in the graph.
    public typealias Index = Int32
    public static let none: Index = -1

    public let ids: [UUID]
    public let sexes: [Sex]
    public let fathers: [Index]
    public let mothers: [Index]
    /// Children of each person, in family then birth order.
    public let children: [[Index]]
    /// Partners of each person (the other parent of each of their families).
    public let spouses: [[Index]]
    private let indexByID: [UUID: Index]

    public struct FamilyLinks: Sendable {
        public let parents: [UUID]
        public let children: [UUID]

        public init(parents: [UUID], children: [UUID]) {
            self.parents = parents
            self.children = children
        }
    }

    public init(persons: [(id: UUID, sex: Sex)], families: [FamilyLinks]) {
        var indexByID: [UUID: Index] = [:]
        indexByID.reserveCapacity(persons.count)
        for (offset, person) in persons.enumerated() { indexByID[person.id] = Index(offset) }
        var fathers = [Index](repeating: Self.none, count: persons.count)
        var mothers = [Index](repeating: Self.none, count: persons.count)
        var children = [[Index]](repeating: [], count: persons.count)
        var spouses = [[Index]](repeating: [], count: persons.count)
        let sexes = persons.map(\.sex)
        for family in families {
            let parents = family.parents.compactMap { indexByID[$0] }
            // Father and mother by sex; when the sexes do not tell, by position.
            var father = parents.first { sexes[Int($0)] == .male } ?? Self.none
            var mother = parents.first { sexes[Int($0)] == .female } ?? Self.none
            for parent in parents where parent != father && parent != mother {
                if father == Self.none { father = parent } else if mother == Self.none { mother = parent }
            }
            if father != Self.none, mother != Self.none {
                spouses[Int(father)].append(mother)
                spouses[Int(mother)].append(father)
            }
            for childID in family.children {
                guard let child = indexByID[childID] else { continue }
                let slot = Int(child)
                guard fathers[slot] == Self.none, mothers[slot] == Self.none else { continue }
                fathers[slot] = father
                mothers[slot] = mother
                for parent in [father, mother] where parent != Self.none { children[Int(parent)].append(child) }
            }
        }
        self.ids = persons.map(\.id)
        self.sexes = sexes
        self.fathers = fathers
        self.mothers = mothers
        self.children = children
        self.spouses = spouses
        self.indexByID = indexByID
    }

    public var count: Int { ids.count }

    public func index(of id: UUID) -> Index? { indexByID[id] }

    public func parents(of person: Index) -> (father: Index?, mother: Index?) {
        let father = fathers[Int(person)]
        let mother = mothers[Int(person)]
        return (father == Self.none ? nil : father, mother == Self.none ? nil : mother)
    }

    /// Approximate memory of the graph, for `/health/detailed`: ids, sexes and parents (25 bytes a
    /// person), the children and spouses lists (an allocation of about 48 bytes each when not
    /// empty, plus 4 bytes an entry) and the id index (about 40 bytes a person with its slack).
    public var approximateBytes: Int {
        let lists =
            children.reduce(0) { $0 + ($1.isEmpty ? 8 : 48 + $1.count * 4) }
            + spouses.reduce(0) { $0 + ($1.isEmpty ? 8 : 48 + $1.count * 4) }
        return count * (16 + 1 + 4 + 4) + lists + count * 40
    }
}
