import Foundation
import Testing

@testable import GenewebCore

/// A base as the store holds it (persons with their sex, families with their position and
/// members), changed by random writes; after each one the graph changed in place must be the
/// graph read again from the base.
struct RandomGraphBase {
    var generator: GraphRandom
    var persons: [UUID: Sex] = [:]
    var personOrder: [UUID] = []
    var families: [UUID: (position: Int, parents: [UUID], children: [UUID])] = [:]

    init(seed: UInt64) { generator = GraphRandom(state: seed) }

    mutating func randomPerson() -> UUID? { personOrder.isEmpty ? nil : personOrder[Int(generator.next() % UInt64(personOrder.count))] }
    mutating func randomFamily() -> UUID? {
        let ids = families.keys.sorted { FamilyOrder.precedes($0, $1) }
        return ids.isEmpty ? nil : ids[Int(generator.next() % UInt64(ids.count))]
    }
    mutating func randomSex() -> Sex { [Sex.male, .female, .unknown][Int(generator.next() % 3)] }

    /// Up to two parents and four children, sometimes naming a person the base does not have
    /// (as a family whose parent was deleted elsewhere), sometimes a child twice.
    mutating func randomMembers() -> (parents: [UUID], children: [UUID]) {
        var parents: [UUID] = []
        var children: [UUID] = []
        for _ in 0..<Int(generator.next() % 3) { if let person = randomPerson(), !parents.contains(person) { parents.append(person) } }
        for _ in 0..<Int(generator.next() % 5) {
            if let person = randomPerson(), !parents.contains(person), !children.contains(person) { children.append(person) }
        }
        if generator.next() % 10 == 0 { children.append(UUID()) }
        return (parents, children)
    }

    /// One write: the edits it records, applied to this model.
    mutating func randomWrite() -> [GraphEdit] {
        switch generator.next() % 10 {
        case 0, 1:
            let id = UUID()
            let sex = randomSex()
            persons[id] = sex
            personOrder.append(id)
            return [.person(id: id, sex: sex)]
        case 2:
            guard let id = randomPerson() else { return [] }
            let sex = randomSex()
            persons[id] = sex
            return [.person(id: id, sex: sex)]
        case 3:
            // A person deleted with their links: their families lose them first.
            guard let id = randomPerson() else { return [] }
            var edits: [GraphEdit] = []
            for (familyID, family) in families.sorted(by: { FamilyOrder.precedes($0.key, $1.key) })
            where family.parents.contains(id) || family.children.contains(id) {
                let updated = (family.position, family.parents.filter { $0 != id }, family.children.filter { $0 != id })
                families[familyID] = updated
                edits.append(.family(id: familyID, position: nil, parents: updated.1, children: updated.2))
            }
            persons[id] = nil
            personOrder.removeAll { $0 == id }
            return edits + [.personRemoved(id)]
        case 4, 5, 6:
            let id = UUID()
            let members = randomMembers()
            // Most families come from a file (positions 1...), the others from the API (0).
            let position = generator.next() % 3 == 0 ? 0 : Int(generator.next() % 50) + 1
            families[id] = (position, members.parents, members.children)
            return [.family(id: id, position: position, parents: members.parents, children: members.children)]
        case 7, 8:
            guard let id = randomFamily(), let family = families[id] else { return [] }
            let members = randomMembers()
            families[id] = (family.position, members.parents, members.children)
            return [.family(id: id, position: nil, parents: members.parents, children: members.children)]
        default:
            guard let id = randomFamily() else { return [] }
            families[id] = nil
            return [.familyRemoved(id)]
        }
    }

    /// The graph as `GraphRepository` reads it: persons in id order, families by position and id.
    var readAgain: GenealogyGraph {
        let ordered = families.sorted { $0.value.position != $1.value.position ? $0.value.position < $1.value.position : FamilyOrder.precedes($0.key, $1.key) }
        return GenealogyGraph(
            persons: persons.keys.sorted { FamilyOrder.precedes($0, $1) }.map { ($0, persons[$0]!) },
            families: ordered.map { .init(id: $0.key, position: $0.value.position, parents: $0.value.parents, children: $0.value.children) })
    }
}

/// A small deterministic generator, so a failure names a seed that reproduces it.
struct GraphRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// What the computations see of a graph, by ids (numbers differ between the two graphs).
struct GraphLinks: Equatable, CustomStringConvertible {
    var sex: [UUID: Sex] = [:]
    var parents: [UUID: [UUID?]] = [:]
    var children: [UUID: [UUID]] = [:]
    var spouses: [UUID: [UUID]] = [:]

    init() {}

    init(_ graph: GenealogyGraph) {
        func id(_ index: GenealogyGraph.Index) -> UUID? { index == GenealogyGraph.none ? nil : graph.ids[Int(index)] }
        for index in 0..<graph.count where !graph.removed.contains(GenealogyGraph.Index(index)) {
            let person = graph.ids[index]
            sex[person] = graph.sexes[index]
            parents[person] = [id(graph.fathers[index]), id(graph.mothers[index])]
            children[person] = graph.children[index].map { graph.ids[Int($0)] }
            spouses[person] = graph.spouses[index].map { graph.ids[Int($0)] }
        }
    }

    var description: String { "\(sex.count) persons" }
}

@Suite("Genealogy graph changed in place by writes")
struct GraphEditTests {
    @Test("after each of 300 random writes, the graph changed in place links everyone as a graph read again", arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func editsMatchReadingAgain(seed: UInt64) {
        var base = RandomGraphBase(seed: seed)
        for _ in 0..<40 { _ = base.randomWrite() }
        var graph = base.readAgain
        for step in 0..<300 {
            let edits = base.randomWrite()
            graph.apply(edits)
            let expected = base.readAgain
            #expect(GraphLinks(graph) == GraphLinks(expected), "seed \(seed), write \(step): \(edits)")
            #expect(graph.personCount == expected.personCount)
            if GraphLinks(graph) != GraphLinks(expected) { return }
        }
    }

    @Test("a child whose earlier family gains parents takes them; the parents of the later one lose the child")
    func childMovesToEarlierFamily() {
        let (dad, mom, stepdad, child) = (UUID(), UUID(), UUID(), UUID())
        let early = UUID()
        let late = UUID()
        var graph = GenealogyGraph(
            persons: [(dad, .male), (mom, .female), (stepdad, .male), (child, .male)],
            families: [
                .init(id: early, position: 1, parents: [], children: [child]),
                .init(id: late, position: 2, parents: [stepdad], children: [child]),
            ])
        let (c, d, m, s) = (graph.index(of: child)!, graph.index(of: dad)!, graph.index(of: mom)!, graph.index(of: stepdad)!)
        #expect(graph.parents(of: c).father == s)
        #expect(graph.children[Int(s)] == [c])
        graph.apply([.family(id: early, position: nil, parents: [dad, mom], children: [child])])
        #expect(graph.parents(of: c).father == d)
        #expect(graph.parents(of: c).mother == m)
        #expect(graph.children[Int(s)].isEmpty)
        #expect(graph.children[Int(d)] == [c])
        #expect(graph.spouses[Int(d)] == [m])
    }

    @Test("a parent whose sex changes becomes the mother, and a removed person leaves their number empty")
    func sexChangeAndRemoval() {
        let (a, b, child) = (UUID(), UUID(), UUID())
        var graph = GenealogyGraph(persons: [(a, .unknown), (b, .unknown), (child, .female)], families: [.init(parents: [a, b], children: [child])])
        let c = graph.index(of: child)!
        #expect(graph.parents(of: c).father == graph.index(of: a))
        graph.apply([.person(id: a, sex: .female)])
        #expect(graph.parents(of: c).mother == graph.index(of: a))
        #expect(graph.parents(of: c).father == graph.index(of: b))
        let removedIndex = graph.index(of: b)!
        graph.apply([.personRemoved(b)])
        #expect(graph.index(of: b) == nil)
        #expect(graph.removed == [removedIndex])
        #expect(graph.personCount == 2)
        #expect(graph.parents(of: c).father == nil)
        #expect(graph.spouses[Int(graph.index(of: a)!)].isEmpty)
    }
}

@Suite("Chunked storage of the graph")
struct ChunkedStorageTests {
    @Test("a chunked array reads, writes and appends across chunk boundaries; a changed copy leaves the original as it was")
    func chunkedArray() {
        var numbers = ChunkedArray(Array(0..<2_500))
        #expect(numbers.count == 2_500 && numbers[1_023] == 1_023 && numbers[1_024] == 1_024 && numbers[2_499] == 2_499)
        let original = numbers
        numbers[1_500] = -1
        for value in 2_500..<3_100 { numbers.append(value) }
        #expect(numbers.count == 3_100 && numbers[3_071] == 3_071 && numbers[3_072] == 3_072 && numbers[1_500] == -1)
        #expect(original.count == 2_500 && original[1_500] == 1_500)
        #expect(Array(numbers.prefix(3)) == [0, 1, 2])
        var lists = ChunkedArray<[Int32]>(repeating: [], count: 2_000)
        let before = lists
        lists[1_999].append(7)
        #expect(lists[1_999] == [7] && before[1_999].isEmpty)
    }

    @Test("an id table finds, renumbers and removes ids, through its rehashes; a changed copy leaves the original as it was")
    func idTable() {
        var ids = ChunkedArray<UUID>()
        var table = IDTable()
        for number in 0..<5_000 {
            ids.append(UUID())
            table.set(ids[number], Int32(number), in: ids)
        }
        let kept = table
        #expect(table.count == 5_000 && table.find(ids[4_999], in: ids) == 4_999 && table.find(ids[0], in: ids) == 0)
        for number in stride(from: 0, to: 5_000, by: 2) { table.set(ids[number], nil, in: ids) }
        // Removed, then added again under a new number: the id finds the new one.
        ids.append(ids[10])
        table.set(ids[10], 5_000, in: ids)
        #expect(table.count == 2_501)
        #expect(table.find(ids[10], in: ids) == 5_000 && table.find(ids[12], in: ids) == nil && table.find(ids[13], in: ids) == 13)
        #expect(table.find(UUID(), in: ids) == nil)
        // Many removals and insertions: deleted marks fill the table until it is built again.
        for number in 5_001..<60_000 {
            ids.append(UUID())
            table.set(ids[number], Int32(number), in: ids)
            table.set(ids[number], nil, in: ids)
        }
        #expect(table.count == 2_501 && table.find(ids[4_999], in: ids) == 4_999 && table.find(ids[59_999], in: ids) == nil)
        #expect(kept.count == 5_000 && kept.find(ids[12], in: ids) == 12, "the copy taken before is unchanged")
    }

    @Test("a person's families: none, one in a slot, several apart; a changed copy leaves the original as it was")
    func familyLists() {
        var lists = FamilyLists(persons: 3_000)
        lists.append(7, to: 5)
        lists.append(7, to: 5)
        lists.append(9, to: 2_500)
        lists.append(3, to: 2_500)
        lists.append(3, to: 2_500)
        #expect(Array(lists[5]) == [7] && Array(lists[2_500]) == [9, 3] && lists[0].isEmpty)
        let kept = lists
        lists[2_500] = FamilySlots([3])
        lists[5] = FamilySlots([1, 7, 8])
        lists.appendPerson()
        lists.append(4, to: 3_000)
        #expect(Array(lists[2_500]) == [3] && Array(lists[5]) == [1, 7, 8] && Array(lists[3_000]) == [4])
        #expect(lists.longLists.persons == 1 && lists.longLists.slots == 3)
        #expect(Array(kept[2_500]) == [9, 3] && Array(kept[5]) == [7] && kept.longLists.persons == 1 && kept.longLists.slots == 2)
    }
}
