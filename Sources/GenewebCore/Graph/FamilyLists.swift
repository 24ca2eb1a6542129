/// The families of each person on one side (those where they are a child, or a parent), in the
/// base's family order. Nearly everyone has one family or none on each side, so a person's only
/// family sits in one slot of 4 bytes; the rare longer lists (second marriages, a child in two
/// families) are kept apart, in dictionaries of 1,024 persons each, so that a write applied to a
/// copy copies the dictionary of its persons only. A list in an array per person cost about 50
/// bytes each, empty lists included.
struct FamilyLists: Sendable {
    /// -1: no family; -2: several, in `longer`; else the one family's slot.
    private var single = ChunkedArray<Int32>()
    private var longer: [[Int32: [Int32]]] = []
    private static let none: Int32 = -1
    private static let several: Int32 = -2

    init(persons: Int = 0) {
        single = ChunkedArray(repeating: Self.none, count: persons)
        longer = Array(repeating: [:], count: (persons >> 10) + 1)
    }

    /// Room for one more person, without families.
    mutating func appendPerson() {
        single.append(Self.none)
        if single.count >> 10 >= longer.count { longer.append([:]) }
    }

    subscript(person: Int32) -> FamilySlots {
        get {
            let first = single[Int(person)]
            if first == Self.several { return FamilySlots(list: longer[Int(person) >> 10][person] ?? []) }
            return FamilySlots(only: first)
        }
        set {
            let previous = single[Int(person)]
            switch newValue.count {
            case 0, 1:
                single[Int(person)] = newValue.first ?? Self.none
                if previous == Self.several { longer[Int(person) >> 10][person] = nil }
            default:
                single[Int(person)] = Self.several
                longer[Int(person) >> 10][person] = Array(newValue)
            }
        }
    }

    /// Adds a family at the end of the person's list, unless it is already last (a person named
    /// twice in one family counts once): families are added in the base's order when a graph is
    /// built.
    mutating func append(_ slot: Int32, to person: Int32) {
        let first = single[Int(person)]
        if first == Self.none {
            single[Int(person)] = slot
        } else if first == Self.several {
            if longer[Int(person) >> 10][person]?.last != slot { longer[Int(person) >> 10][person]?.append(slot) }
        } else if first != slot {
            single[Int(person)] = Self.several
            longer[Int(person) >> 10][person] = [first, slot]
        }
    }

    /// Persons with more than one family, and the slots of their lists.
    var longLists: (persons: Int, slots: Int) {
        longer.reduce((0, 0)) { total, shard in (total.0 + shard.count, total.1 + shard.values.reduce(0) { $0 + $1.count }) }
    }

    var allocatedBytes: Int {
        let (persons, slots) = longLists
        // A dictionary entry and an array of its own for each longer list.
        return single.allocatedBytes + longer.count * 8 + persons * (12 + 48) + slots * 4
    }
}

/// One person's families on one side: one slot, or a list (without an allocation for the
/// common case of one family or none).
struct FamilySlots: RandomAccessCollection, Sendable {
    private let only: Int32
    private let list: [Int32]

    init(only: Int32) {
        self.only = only
        list = []
    }

    init(list: [Int32]) {
        only = -1
        self.list = list
    }

    init<Slots: Collection<Int32>>(_ slots: Slots) {
        if slots.count == 1 { self.init(only: slots.first!) } else { self.init(list: Array(slots)) }
    }

    var startIndex: Int { 0 }
    var endIndex: Int { only >= 0 ? 1 : list.count }
    subscript(position: Int) -> Int32 { only >= 0 ? only : list[position] }
}
