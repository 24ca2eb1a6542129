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
        // Built in plain arrays, chunked once at the end: a million persons go through here.
        var indexByID: [UUID: Index] = [:]
        indexByID.reserveCapacity(persons.count)
        for (offset, person) in persons.enumerated() { indexByID[person.id] = Index(offset) }
        let sexes = persons.map(\.sex)
        var fathers = [Index](repeating: Self.none, count: persons.count)
        var mothers = [Index](repeating: Self.none, count: persons.count)
        var children = [[Index]](repeating: [], count: persons.count)
        var spouses = [[Index]](repeating: [], count: persons.count)
        var birthFamily = [Int32](repeating: -1, count: persons.count)
        var table = FamilyTable.Builder(persons: persons.count, families: families.count)
        for (offset, family) in families.enumerated() {
            let members = family.parents.compactMap { indexByID[$0] }
            let familyChildren = family.children.compactMap { indexByID[$0] }
            let slot = table.append(id: family.id, position: family.position >= 0 ? family.position : offset, parents: members, children: familyChildren)
            let (father, mother) = Self.fatherAndMother(members) { sexes[Int($0)] }
            if father != Self.none, mother != Self.none {
                spouses[Int(father)].append(mother)
                spouses[Int(mother)].append(father)
            }
            for child in familyChildren where birthFamily[Int(child)] < 0 && (father != Self.none || mother != Self.none) {
                birthFamily[Int(child)] = slot
                fathers[Int(child)] = father
                mothers[Int(child)] = mother
                for parent in [father, mother] where parent != Self.none { children[Int(parent)].append(child) }
            }
        }
        self.ids = ChunkedArray(persons.map(\.id))
        self.sexes = ChunkedArray(sexes)
        self.indexByID = OverlaidIndex(indexByID)
        self.fathers = ChunkedArray(fathers)
        self.mothers = ChunkedArray(mothers)
        self.children = ChunkedArray(children)
        self.spouses = ChunkedArray(spouses)
        self.birthFamily = ChunkedArray(birthFamily)
        self.families = table.table
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
        Self.fatherAndMother(families.parents[Int(slot)]) { sexes[Int($0)] }
    }

    static func fatherAndMother(_ parents: [Index], sex: (Index) -> Sex) -> (father: Index, mother: Index) {
        var father = parents.first { sex($0) == .male } ?? Self.none
        var mother = parents.first { sex($0) == .female } ?? Self.none
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

    /// Collects the families of a new graph in plain arrays (they come in order).
    struct Builder {
        var ids: [UUID] = []
        var positions: [Int] = []
        var parents: [[GenealogyGraph.Index]] = []
        var children: [[GenealogyGraph.Index]] = []
        var slotByID: [UUID: Int32] = [:]
        var asChild: [[Int32]]
        var asParent: [[Int32]]

        init(persons: Int, families: Int) {
            asChild = [[Int32]](repeating: [], count: persons)
            asParent = [[Int32]](repeating: [], count: persons)
            slotByID.reserveCapacity(families)
        }

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

        var table: FamilyTable {
            var table = FamilyTable(persons: 0)
            table.ids = ChunkedArray(ids)
            table.positions = ChunkedArray(positions)
            table.parents = ChunkedArray(parents)
            table.children = ChunkedArray(children)
            table.slotByID = OverlaidIndex(slotByID)
            table.asChild = ChunkedArray(asChild)
            table.asParent = ChunkedArray(asParent)
            return table
        }
    }

    /// A new family without members yet (a write's: `GenealogyGraph.apply` then gives it its
    /// members, each person's list keeping the base's order).
    mutating func appendEmpty(id: UUID, position: Int) -> Int32 {
        let slot = Int32(ids.count)
        ids.append(id)
        positions.append(position)
        parents.append([])
        children.append([])
        slotByID[id] = slot
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
