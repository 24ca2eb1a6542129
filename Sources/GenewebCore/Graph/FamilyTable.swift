import Foundation

/// The families of a graph, numbered by slot in the order they were added, with each person's
/// families as a child and as a parent in the base's family order. A removed family keeps its
/// slot, without members.
///
/// Flat arrays of integers rather than an array per family: two parent slots (a family with more
/// parents, which only a damaged file gives, keeps its whole list in `moreParents`), and the
/// children of every family one after the other in `childList`, each family pointing at its run.
/// A write that changes a family's children writes the new run at the end (the old one is left
/// unused: a few integers per write).
struct FamilyTable: Sendable {
    struct Pair: Sendable, Equatable {
        var first: Int32
        var second: Int32
    }

    var ids = ChunkedArray<UUID>()
    var positions = ChunkedArray<Int>()
    /// The first two parents present in the graph, in the family's order (-1 when fewer).
    private var parentPairs = ChunkedArray<Pair>()
    /// Families with more than two parents: all of them, in order.
    private var moreParents: [Int32: [GenealogyGraph.Index]] = [:]
    /// Where each family's children start in `childList`, and how many.
    private var childRuns = ChunkedArray<Pair>()
    private var childList = ChunkedArray<GenealogyGraph.Index>()
    /// Entries of `childList` no run points at any more.
    private var unusedChildren = 0
    var slotByID = IDTable()
    var asChild: FamilyLists
    var asParent: FamilyLists

    init(persons: Int, families: Int = 0) {
        slotByID = IDTable(expected: families)
        asChild = FamilyLists(persons: persons)
        asParent = FamilyLists(persons: persons)
    }

    var count: Int { ids.count }

    func slot(of id: UUID) -> Int32? { slotByID.find(id, in: ids) }

    /// A new family without members (`setMembers` gives them).
    mutating func append(id: UUID, position: Int) -> Int32 {
        let slot = Int32(ids.count)
        ids.append(id)
        positions.append(position)
        parentPairs.append(Pair(first: GenealogyGraph.none, second: GenealogyGraph.none))
        childRuns.append(Pair(first: 0, second: 0))
        slotByID.set(id, slot, in: ids)
        return slot
    }

    mutating func forget(_ slot: Int32) {
        slotByID.set(ids[Int(slot)], nil, in: ids)
    }

    /// The parents present in the graph, in the family's order.
    func parents(of slot: Int32) -> [GenealogyGraph.Index] {
        if let all = moreParents[slot] { return all }
        let pair = parentPairs[Int(slot)]
        if pair.first == GenealogyGraph.none { return [] }
        return pair.second == GenealogyGraph.none ? [pair.first] : [pair.first, pair.second]
    }

    /// The first two parents, and whether there are more (then `parents(of:)` has them all).
    func parentPair(of slot: Int32) -> (pair: Pair, more: Bool) {
        (parentPairs[Int(slot)], !moreParents.isEmpty && moreParents[slot] != nil)
    }

    func children(of slot: Int32) -> ChunkedArray<GenealogyGraph.Index>.SubSequence {
        let run = childRuns[Int(slot)]
        return childList[Int(run.first)..<Int(run.first + run.second)]
    }

    /// Sets the family's members; each person's lists of families are the caller's to keep.
    mutating func setMembers(of slot: Int32, parents: [GenealogyGraph.Index], children: [GenealogyGraph.Index]) {
        parentPairs[Int(slot)] = Pair(first: parents.first ?? GenealogyGraph.none, second: parents.count > 1 ? parents[1] : GenealogyGraph.none)
        if parents.count > 2 {
            moreParents[slot] = parents
        } else if !moreParents.isEmpty, moreParents[slot] != nil {
            moreParents[slot] = nil
        }
        // A new run at the end: the old one stays unused (a few integers per write) until the
        // unused entries outnumber the others and the list is written again without them.
        let previous = childRuns[Int(slot)].second
        unusedChildren += Int(previous)
        childRuns[Int(slot)] = Pair(first: 0, second: 0)
        if unusedChildren > max(1 << 20, childList.count / 2) { compactChildren() }
        let begin = Int32(childList.count)
        for child in children { childList.append(child) }
        childRuns[Int(slot)] = Pair(first: children.isEmpty ? 0 : begin, second: Int32(children.count))
    }

    private mutating func compactChildren() {
        var list = ChunkedArray<GenealogyGraph.Index>()
        for slot in 0..<childRuns.count {
            let run = childRuns[slot]
            let begin = Int32(list.count)
            for child in childList[Int(run.first)..<Int(run.first + run.second)] { list.append(child) }
            childRuns[slot] = Pair(first: run.second == 0 ? 0 : begin, second: run.second)
        }
        childList = list
        unusedChildren = 0
    }

    /// The base's family order: file position, then id (as `ORDER BY file_position, id`, the
    /// byte order of the UUIDs on both engines).
    func precedes(_ a: Int32, _ b: Int32) -> Bool {
        let (positionA, positionB) = (positions[Int(a)], positions[Int(b)])
        if positionA != positionB { return positionA < positionB }
        return FamilyOrder.precedes(ids[Int(a)], ids[Int(b)])
    }

    var allocatedBytes: Int {
        ids.allocatedBytes + positions.allocatedBytes + parentPairs.allocatedBytes + childRuns.allocatedBytes + childList.allocatedBytes
            + slotByID.allocatedBytes + asChild.allocatedBytes + asParent.allocatedBytes + moreParents.count * 64
    }
}

/// The order of families with the same file position: their ids, compared as the databases
/// compare them (byte by byte; the same as their hexadecimal text).
public enum FamilyOrder {
    public static func precedes(_ a: UUID, _ b: UUID) -> Bool {
        let (a, b) = (a.halves, b.halves)
        // Read as big-endian numbers, the first byte weighs most.
        if a.0 != b.0 { return UInt64(bigEndian: a.0) < UInt64(bigEndian: b.0) }
        return UInt64(bigEndian: a.1) < UInt64(bigEndian: b.1)
    }
}
