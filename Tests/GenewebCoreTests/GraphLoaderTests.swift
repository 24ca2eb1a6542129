import Foundation
import Testing

@testable import GenewebCore

extension RandomGraphBase {
    /// The links as the graph defined them when it kept a list of children and of spouses per
    /// person, worked out here from the ids alone: families in the base's order; a child takes
    /// the father and mother of the first of its families that has one; each parent lists those
    /// children family after family; a couple are each other's spouse once per family.
    var expectedLinks: GraphLinks {
        var links = GraphLinks()
        func father(_ parents: [UUID]) -> (UUID?, UUID?) {
            var father = parents.first { persons[$0] == .male }
            var mother = parents.first { persons[$0] == .female }
            for parent in parents where parent != father && parent != mother {
                if father == nil { father = parent } else if mother == nil { mother = parent }
            }
            return (father, mother)
        }
        for (id, sex) in persons {
            links.sex[id] = sex
            links.parents[id] = [nil, nil]
            links.children[id] = []
            links.spouses[id] = []
        }
        let ordered = families.sorted { $0.value.position != $1.value.position ? $0.value.position < $1.value.position : FamilyOrder.precedes($0.key, $1.key) }
        var placed = Set<UUID>()
        for (_, family) in ordered {
            let (dad, mom) = father(family.parents.filter { persons[$0] != nil })
            if let dad, let mom {
                links.spouses[dad]!.append(mom)
                links.spouses[mom]!.append(dad)
            }
            guard dad != nil || mom != nil else { continue }
            for child in family.children where persons[child] != nil && !placed.contains(child) {
                placed.insert(child)
                links.parents[child] = [dad, mom]
                for parent in [dad, mom].compactMap({ $0 }) { links.children[parent]!.append(child) }
            }
        }
        return links
    }

    /// The base's rows as a database gives them: families and members in an order of their own,
    /// with members of families of another base and of persons no longer there.
    func loaded(shuffledWith seed: UInt64) -> GenealogyGraph {
        var random = GraphRandom(state: seed)
        func shuffled<T>(_ items: [T]) -> [T] {
            var items = items
            for index in items.indices.reversed() where index > 0 { items.swapAt(index, Int(random.next() % UInt64(index + 1))) }
            return items
        }
        var loader = GraphLoader()
        for id in persons.keys.sorted(by: { FamilyOrder.precedes($0, $1) }) { loader.person(id: id, sex: persons[id]!) }
        for (id, family) in shuffled(Array(families)) { loader.family(id: id, position: family.position) }
        var members: [(UUID, UUID, Bool, Int)] = []
        for (id, family) in families {
            members += family.parents.enumerated().map { (id, $0.element, true, $0.offset * 3) }
            members += family.children.enumerated().map { (id, $0.element, false, $0.offset + 7) }
        }
        members.append((UUID(), personOrder.first ?? UUID(), true, 0))
        members.append((families.keys.first ?? UUID(), UUID(), false, 99))
        for (family, person, isParent, position) in shuffled(members) {
            loader.member(family: family, person: person, isParent: isParent, position: position)
        }
        return loader.graph
    }
}

@Suite("Genealogy graph built from rows")
struct GraphLoaderTests {
    @Test("children, spouses and parents read from the families are the lists the graph used to keep per person", arguments: [1, 2, 3] as [UInt64])
    func derivedLists(seed: UInt64) {
        var base = RandomGraphBase(seed: seed)
        for step in 0..<200 {
            _ = base.randomWrite()
            let graph = base.readAgain
            #expect(GraphLinks(graph) == base.expectedLinks, "seed \(seed), write \(step)")
            if GraphLinks(graph) != base.expectedLinks { return }
        }
    }

    @Test("rows in any order, with members of other bases' families, give the graph of the families in the base's order", arguments: [7, 8, 9] as [UInt64])
    func rowsInAnyOrder(seed: UInt64) {
        var base = RandomGraphBase(seed: seed)
        for step in 0..<150 {
            _ = base.randomWrite()
            guard step % 10 == 9 else { continue }
            let graph = base.loaded(shuffledWith: seed &+ UInt64(step))
            #expect(GraphLinks(graph) == base.expectedLinks, "seed \(seed), write \(step)")
            #expect(graph.personCount == base.persons.count)
        }
    }

    @Test("a family with three parents: the first man is the father, the first woman the mother, the third parent nothing")
    func threeParents() {
        let (a, b, c, child) = (UUID(), UUID(), UUID(), UUID())
        var graph = GenealogyGraph(
            persons: [(a, .unknown), (b, .female), (c, .male), (child, .male)], families: [.init(parents: [a, b, c], children: [child])])
        let (ia, ib, ic, ichild) = (graph.index(of: a)!, graph.index(of: b)!, graph.index(of: c)!, graph.index(of: child)!)
        #expect(graph.parents(of: ichild).father == ic && graph.parents(of: ichild).mother == ib)
        #expect(graph.children[Int(ia)].isEmpty && graph.children[Int(ic)] == [ichild] && graph.spouses[Int(ib)] == [ic])
        // Without the man, the first parent of unknown sex becomes the father.
        graph.apply([.personRemoved(c)])
        #expect(graph.parents(of: ichild).father == ia && graph.parents(of: ichild).mother == ib)
        #expect(graph.spouses[Int(ia)] == [ib])
    }
}
