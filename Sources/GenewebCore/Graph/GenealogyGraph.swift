import Foundation

/// The parent/child links of a base as compact integer arrays, for the genealogy computations.
///
/// Persons are numbered 0..<count; each has at most one father and one mother (from the first
/// family where they are a child and that has a parent, as GeneWeb's `parents`) and the families
/// where they are a parent. Families come in their stable order: file position, then id (the
/// order of exports and of a person's unions). A write changes the graph in place
/// (`GenealogyGraph+Edits.swift`): the families are kept for that, with each person's.
///
/// Children and spouses are not stored: they are read from a person's families as a parent
/// (`children`, `spouses`), which every person has anyway; a list per person would double the
/// graph's memory (an array costs some 50 bytes before its first element).
public struct GenealogyGraph: Sendable {
    /// A person's number in the graph.
    public typealias Index = Int32
    public static let none: Index = -1

    // Chunked, so that a write applied to a copy copies only what it changes (`ChunkedArray`).
    public internal(set) var ids: ChunkedArray<UUID>
    public internal(set) var sexes: ChunkedArray<Sex>
    public internal(set) var fathers: ChunkedArray<Index>
    public internal(set) var mothers: ChunkedArray<Index>
    /// The family each person takes their father and mother from (a slot of `families`), or -1.
    var birthFamily: ChunkedArray<Int32>
    var indexByID: IDTable
    var families: FamilyTable
    /// Persons removed in place: their number stays theirs (no other person's moves), empty.
    public internal(set) var removed: Set<Index> = []

    public struct FamilyLinks: Sendable {
        public let id: UUID
        /// Where the family stands in its file (0 for families written through the API): with
        /// the id, the family's place in the base's order.
        public let position: Int
        public let parents: [UUID]
        public let children: [UUID]

        /// `position` nil: the family's place in the list given to the graph.
        public init(id: UUID = UUID(), position: Int? = nil, parents: [UUID], children: [UUID]) {
            self.id = id
            self.position = position ?? -1
            self.parents = parents
            self.children = children
        }
    }

    /// A graph of persons without families yet (`GraphLoader` adds them); `index`, when given,
    /// numbers `ids` already.
    init(ids: ChunkedArray<UUID>, sexes: ChunkedArray<Sex>, index: IDTable? = nil, families: Int) {
        self.ids = ids
        self.sexes = sexes
        fathers = ChunkedArray(repeating: Self.none, count: ids.count)
        mothers = ChunkedArray(repeating: Self.none, count: ids.count)
        birthFamily = ChunkedArray(repeating: -1, count: ids.count)
        indexByID = index ?? IDTable(numbering: ids)
        self.families = FamilyTable(persons: ids.count, families: families)
    }

    /// `families` must come in the base's order (`FamilyTable.precedes`); a family without a
    /// position takes its place in this list.
    public init(persons: [(id: UUID, sex: Sex)], families: [FamilyLinks]) {
        self.init(ids: ChunkedArray(persons.map(\.id)), sexes: ChunkedArray(persons.map(\.sex)), families: families.count)
        for (offset, family) in families.enumerated() {
            appendFamily(
                id: family.id, position: family.position >= 0 ? family.position : offset,
                parents: family.parents.compactMap { index(of: $0) }, children: family.children.compactMap { index(of: $0) })
        }
    }

    /// Adds a family after all those added so far (they come in the base's order when a graph is
    /// built): its children who have no parents yet take theirs from it.
    mutating func appendFamily(id: UUID, position: Int, parents: [Index], children: [Index]) {
        let slot = families.append(id: id, position: position)
        families.setMembers(of: slot, parents: parents, children: children)
        for parent in parents { families.asParent.append(slot, to: parent) }
        for child in children { families.asChild.append(slot, to: child) }
        let (father, mother) = fatherAndMother(of: slot)
        guard father != Self.none || mother != Self.none else { return }
        for child in children where birthFamily[Int(child)] < 0 {
            birthFamily[Int(child)] = slot
            fathers[Int(child)] = father
            mothers[Int(child)] = mother
        }
    }

    /// Numbers given, removed persons included (`removed`).
    public var count: Int { ids.count }

    /// Persons in the graph.
    public var personCount: Int { ids.count - removed.count }

    public func index(of id: UUID) -> Index? { indexByID.find(id, in: ids) }

    public func parents(of person: Index) -> (father: Index?, mother: Index?) {
        let father = fathers[Int(person)]
        let mother = mothers[Int(person)]
        return (father == Self.none ? nil : father, mother == Self.none ? nil : mother)
    }

    /// Father and mother of a family by sex; when the sexes do not tell, by position.
    func fatherAndMother(of slot: Int32) -> (father: Index, mother: Index) {
        let (pair, more) = families.parentPair(of: slot)
        if more { return Self.fatherAndMother(families.parents(of: slot)) { sexes[Int($0)] } }
        guard pair.first != Self.none else { return (Self.none, Self.none) }
        guard pair.second != Self.none else { return sexes[Int(pair.first)] == .female ? (Self.none, pair.first) : (pair.first, Self.none) }
        let (first, second) = (sexes[Int(pair.first)], sexes[Int(pair.second)])
        // As the general rule below, for two parents without an array.
        if pair.first == pair.second { return first == .female ? (Self.none, pair.first) : (pair.first, Self.none) }
        if first == .female || first == .unknown && second == .male { return (pair.second, pair.first) }
        return (pair.first, pair.second)
    }

    static func fatherAndMother(_ parents: [Index], sex: (Index) -> Sex) -> (father: Index, mother: Index) {
        var father = parents.first { sex($0) == .male } ?? Self.none
        var mother = parents.first { sex($0) == .female } ?? Self.none
        for parent in parents where parent != father && parent != mother {
            if father == Self.none { father = parent } else if mother == Self.none { mother = parent }
        }
        return (father, mother)
    }

    /// Children of a person, in family then birth order: through their families as a parent,
    /// in the base's order, the children who take their parents from that family.
    func childList(of parent: Index) -> [Index] {
        var children: [Index] = []
        for slot in families.asParent[parent] {
            let (father, mother) = fatherAndMother(of: slot)
            guard parent == father || parent == mother else { continue }
            let first = children.count
            for child in families.children(of: slot) where birthFamily[Int(child)] == slot && !children[first...].contains(child) {
                children.append(child)
            }
        }
        return children
    }

    /// Partners of a person: the other parent of each of their families that has two.
    func spouseList(of person: Index) -> [Index] {
        var spouses: [Index] = []
        for slot in families.asParent[person] {
            let (father, mother) = fatherAndMother(of: slot)
            guard father != Self.none, mother != Self.none else { continue }
            if person == father { spouses.append(mother) } else if person == mother { spouses.append(father) }
        }
        return spouses
    }

    /// Children of each person, in family then birth order: `graph.children[person]`.
    public var children: PersonLists { PersonLists(graph: self, spouses: false) }

    /// Partners of each person (the other parent of each of their families).
    public var spouses: PersonLists { PersonLists(graph: self, spouses: true) }

    /// A list per person, worked out from the person's families when asked for.
    public struct PersonLists: Sendable {
        let graph: GenealogyGraph
        let spouses: Bool

        public subscript(person: Int) -> [Index] {
            spouses ? graph.spouseList(of: Index(person)) : graph.childList(of: Index(person))
        }
    }

    /// Approximate memory of the graph, for `/health/detailed`: the chunks of its arrays as
    /// allocated (ids, sexes, parents, birth families; the families' ids, positions, members and
    /// children; each person's families), its two id tables, and the few longer lists.
    public var approximateBytes: Int {
        ids.allocatedBytes + sexes.allocatedBytes + fathers.allocatedBytes + mothers.allocatedBytes + birthFamily.allocatedBytes
            + indexByID.allocatedBytes + families.allocatedBytes + removed.count * 8
    }
}
