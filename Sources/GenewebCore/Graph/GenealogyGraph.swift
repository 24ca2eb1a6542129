import Foundation

/// The parent/child links of a base as compact integer arrays, for the genealogy computations.
///
/// Persons are numbered 0..<count; each has at most one father and one mother (from the first
/// family where they are a child and that has a parent, as GeneWeb's `parents`) and the families
/// where they are a parent. Families come in their stable order: file position, then id (the
/// order of exports and of a person's unions). A write changes the graph in place
/// (`GenealogyGraph+Edits.swift`): the families are kept for that, with each person's.
public struct GenealogyGraph: Sendable {
    /// A person's number in the graph.
    public typealias Index = Int32
    public static let none: Index = -1

    // Chunked, so that a write applied to a copy copies only what it changes (`ChunkedArray`).
    public internal(set) var ids: ChunkedArray<UUID>
    public internal(set) var sexes: ChunkedArray<Sex>
    public internal(set) var fathers: ChunkedArray<Index>
    public internal(set) var mothers: ChunkedArray<Index>
    /// Children of each person, in family then birth order.
    public internal(set) var children: ChunkedArray<[Index]>
    /// Partners of each person (the other parent of each of their families).
    public internal(set) var spouses: ChunkedArray<[Index]>
    var indexByID: OverlaidIndex
    /// The family each person takes their father and mother from (a slot of `families`), or -1.
    var birthFamily: ChunkedArray<Int32>
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

    /// `families` must come in the base's order (`FamilyTable.precedes`); a family without a
    /// position takes its place in this list.
    public init(persons: [(id: UUID, sex: Sex)], families: [FamilyLinks]) {
        var indexByID: [UUID: Index] = [:]
        indexByID.reserveCapacity(persons.count)
        for (offset, person) in persons.enumerated() { indexByID[person.id] = Index(offset) }
        self.ids = ChunkedArray(persons.map(\.id))
        self.sexes = ChunkedArray(persons.map(\.sex))
        self.indexByID = OverlaidIndex(indexByID)
        fathers = ChunkedArray(repeating: Self.none, count: persons.count)
        mothers = ChunkedArray(repeating: Self.none, count: persons.count)
        children = ChunkedArray(repeating: [], count: persons.count)
        spouses = ChunkedArray(repeating: [], count: persons.count)
        birthFamily = ChunkedArray(repeating: -1, count: persons.count)
        self.families = FamilyTable(persons: persons.count)
        for (offset, family) in families.enumerated() {
            let slot = self.families.append(
                id: family.id, position: family.position >= 0 ? family.position : offset,
                parents: family.parents.compactMap { indexByID[$0] }, children: family.children.compactMap { indexByID[$0] })
            let (father, mother) = fatherAndMother(of: slot)
            if father != Self.none, mother != Self.none {
                spouses[Int(father)].append(mother)
                spouses[Int(mother)].append(father)
            }
            for child in self.families.children[Int(slot)] where birthFamily[Int(child)] < 0 && (father != Self.none || mother != Self.none) {
                birthFamily[Int(child)] = slot
                fathers[Int(child)] = father
                mothers[Int(child)] = mother
                for parent in [father, mother] where parent != Self.none { children[Int(parent)].append(child) }
            }
        }
    }

    /// Numbers given, removed persons included (`removed`).
    public var count: Int { ids.count }

    /// Persons in the graph.
    public var personCount: Int { ids.count - removed.count }

    public func index(of id: UUID) -> Index? { indexByID[id] }

    public func parents(of person: Index) -> (father: Index?, mother: Index?) {
        let father = fathers[Int(person)]
        let mother = mothers[Int(person)]
        return (father == Self.none ? nil : father, mother == Self.none ? nil : mother)
    }

    /// Father and mother of a family by sex; when the sexes do not tell, by position.
    func fatherAndMother(of slot: Int32) -> (father: Index, mother: Index) {
        let parents = families.parents[Int(slot)]
        var father = parents.first { sexes[Int($0)] == .male } ?? Self.none
        var mother = parents.first { sexes[Int($0)] == .female } ?? Self.none
        for parent in parents where parent != father && parent != mother {
            if father == Self.none { father = parent } else if mother == Self.none { mother = parent }
        }
        return (father, mother)
    }

    /// Approximate memory of the graph, for `/health/detailed`: ids, sexes, parents and birth
    /// family (29 bytes a person), the lists of children, spouses and families (an allocation of
    /// about 48 bytes each when not empty, plus 4 bytes an entry), the id indexes (about 40 bytes
    /// an entry with their slack) and the families' ids, positions and member lists.
    public var approximateBytes: Int {
        func size(_ lists: ChunkedArray<[Int32]>) -> Int { lists.reduce(0) { $0 + ($1.isEmpty ? 8 : 48 + $1.count * 4) } }
        let personLists = size(children) + size(spouses) + size(families.asChild) + size(families.asParent)
        let familyLists = size(families.parents) + size(families.children)
        return count * (16 + 1 + 4 + 4 + 4 + 40) + personLists + families.ids.count * (16 + 8 + 40) + familyLists
    }
}

/// The families of a graph, numbered by slot in the order they were added, with each person's
/// families as a child and as a parent in the base's family order.
struct FamilyTable: Sendable {
    var ids = ChunkedArray<UUID>([])
    var positions = ChunkedArray<Int>([])
    /// Members present in the graph, in the family's order.
    var parents = ChunkedArray<[GenealogyGraph.Index]>([])
    var children = ChunkedArray<[GenealogyGraph.Index]>([])
    var slotByID = OverlaidIndex([:])
    /// Each person's families, in the base's family order.
    var asChild: ChunkedArray<[Int32]>
    var asParent: ChunkedArray<[Int32]>

    init(persons: Int) {
        asChild = ChunkedArray(repeating: [], count: persons)
        asParent = ChunkedArray(repeating: [], count: persons)
    }

    /// A new family, last in its members' lists (the initialiser's families come in order).
    mutating func append(id: UUID, position: Int, parents: [GenealogyGraph.Index], children: [GenealogyGraph.Index]) -> Int32 {
        let slot = Int32(ids.count)
        ids.append(id)
        positions.append(position)
        self.parents.append(parents)
        self.children.append(children)
        slotByID[id] = slot
        for parent in parents where asParent[Int(parent)].last != slot { asParent[Int(parent)].append(slot) }
        for child in children where asChild[Int(child)].last != slot { asChild[Int(child)].append(slot) }
        return slot
    }

    /// The base's family order: file position, then id (as `ORDER BY file_position, id`, the
    /// byte order of the UUIDs on both engines).
    func precedes(_ a: Int32, _ b: Int32) -> Bool {
        let (positionA, positionB) = (positions[Int(a)], positions[Int(b)])
        if positionA != positionB { return positionA < positionB }
        return FamilyOrder.precedes(ids[Int(a)], ids[Int(b)])
    }
}

/// The order of families with the same file position: their ids, compared as the databases
/// compare them (byte by byte; the same as their hexadecimal text).
public enum FamilyOrder {
    public static func precedes(_ a: UUID, _ b: UUID) -> Bool {
        withUnsafeBytes(of: a.uuid) { first in
            withUnsafeBytes(of: b.uuid) { second in
                for offset in 0..<16 where first[offset] != second[offset] { return first[offset] < second[offset] }
                return false
            }
        }
    }
}
