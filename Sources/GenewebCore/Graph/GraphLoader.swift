import Foundation

/// Builds a graph from a base's rows as the store reads them: persons (in the order that numbers
/// them), then families and their members in any order. Members name their family and person by
/// id; those of families or persons not given are ignored (another base's, a person deleted).
///
/// Members are kept as numbers (about 17 bytes each) until `graph` puts each family's in order
/// and adds the families in the base's order (file position, then id).
public struct GraphLoader: Sendable {
    private var ids = ChunkedArray<UUID>()
    private var sexes = ChunkedArray<Sex>()
    private var personIndex: IDTable?
    private var familyIDs = ChunkedArray<UUID>()
    private var familyPositions: [Int] = []
    private var familyIndex: IDTable?
    /// The last member's family: a family's members mostly come one after the other.
    private var lastFamily: (id: UUID, row: Int32)?
    private var memberFamily: [Int32] = []
    private var memberPerson: [Int32] = []
    /// Parents first, then children, each by position: the order of a family's members.
    private var memberIsChild: [Bool] = []
    private var memberPosition: [Int] = []

    public init() {}

    public mutating func person(id: UUID, sex: Sex) {
        ids.append(id)
        sexes.append(sex)
        personIndex?.set(id, Int32(ids.count - 1), in: ids)
    }

    public mutating func family(id: UUID, position: Int) {
        familyIDs.append(id)
        familyPositions.append(position)
        familyIndex?.set(id, Int32(familyIDs.count - 1), in: familyIDs)
        lastFamily = nil
    }

    public mutating func member(family: UUID, person: UUID, isParent: Bool, position: Int) {
        if personIndex == nil {
            // Persons and families come first: each indexed once, at the size it needs.
            personIndex = IDTable(numbering: ids)
            familyIndex = IDTable(numbering: familyIDs)
        }
        let row: Int32
        if let lastFamily, lastFamily.id == family {
            row = lastFamily.row
        } else {
            guard let found = familyIndex?.find(family, in: familyIDs) else { return }
            row = found
            lastFamily = (family, found)
        }
        guard let number = personIndex?.find(person, in: ids) else { return }
        memberFamily.append(row)
        memberPerson.append(number)
        memberIsChild.append(!isParent)
        memberPosition.append(position)
    }

    public var graph: GenealogyGraph {
        var graph = GenealogyGraph(ids: ids, sexes: sexes, index: personIndex, families: familyIDs.count)
        // Members grouped by family (a counting sort: families are many, members few each).
        var starts = [Int](repeating: 0, count: familyIDs.count + 1)
        for row in memberFamily { starts[Int(row) + 1] += 1 }
        for row in 0..<familyIDs.count { starts[row + 1] += starts[row] }
        var grouped = [Int32](repeating: 0, count: memberFamily.count)
        var next = starts
        for (member, row) in memberFamily.enumerated() {
            grouped[next[Int(row)]] = Int32(member)
            next[Int(row)] += 1
        }
        var parents: [GenealogyGraph.Index] = []
        var children: [GenealogyGraph.Index] = []
        for row in familyOrder() {
            var members = grouped[starts[row]..<starts[row + 1]]
            func precedes(_ a: Int32, _ b: Int32) -> Bool {
                (memberIsChild[Int(a)] ? 1 : 0, memberPosition[Int(a)]) < (memberIsChild[Int(b)] ? 1 : 0, memberPosition[Int(b)])
            }
            if !members.isSorted(by: precedes) { members.sort(by: precedes) }
            parents.removeAll(keepingCapacity: true)
            children.removeAll(keepingCapacity: true)
            for member in members {
                if memberIsChild[Int(member)] { children.append(memberPerson[Int(member)]) } else { parents.append(memberPerson[Int(member)]) }
            }
            graph.appendFamily(id: familyIDs[row], position: familyPositions[row], parents: parents, children: children)
        }
        return graph
    }

    /// The families' rows in the base's order: by position, then id (byte order).
    private func familyOrder() -> [Int] {
        func key(_ row: Int) -> (Int, UInt64, UInt64) {
            let (high, low) = familyIDs[row].halves
            return (familyPositions[row], UInt64(bigEndian: high), UInt64(bigEndian: low))
        }
        var keyed = (0..<familyIDs.count).map { (key: key($0), row: $0) }
        // Families read in id order from a file imported once are usually in order already.
        if !keyed.isSorted(by: { $0.key < $1.key }) { keyed.sort { $0.key < $1.key } }
        return keyed.map(\.row)
    }
}

extension Collection {
    fileprivate func isSorted(by areInIncreasingOrder: (Element, Element) -> Bool) -> Bool {
        zip(self, dropFirst()).allSatisfy { !areInIncreasingOrder($1, $0) }
    }
}
