/// Inbreeding coefficients of every person of a base in one pass (what GeneWeb's `consang`
/// tool stores for each person).
///
/// Persons are taken parents first, so F of any ancestor is known when a descendant needs it.
/// For each couple, the kinship recursion of `KinshipCalculator` runs only inside the part of
/// the pedigree that can contribute: persons with a common ancestor of the couple among their
/// ancestors (or themselves). Everything else has kinship 0 with the other side, so an
/// unrelated couple costs two walks of their ancestries and no recursion at all.
public struct BaseConsanguinity {
    public let graph: GenealogyGraph
    /// F per person, by graph index.
    public private(set) var coefficients: [Double]
    private var depths: [Int32]
    /// Marks reused between couples: a slot equal to the current stamp is marked.
    private var fromFather: [UInt32]
    private var fromMother: [UInt32]
    private var relevant: [UInt32]
    private var stamp: UInt32 = 0

    public init(graph: GenealogyGraph) {
        self.graph = graph
        coefficients = [Double](repeating: 0, count: graph.count)
        depths = [Int32](repeating: -1, count: graph.count)
        fromFather = [UInt32](repeating: 0, count: graph.count)
        fromMother = [UInt32](repeating: 0, count: graph.count)
        relevant = [UInt32](repeating: 0, count: graph.count)
    }

    /// Computes F for everyone; returns the coefficients by graph index.
    public mutating func computeAll() -> [Double] {
        // The same depths as the per-person recursion uses (founders 0, loops cut).
        var recursion = KinshipCalculator(graph: graph)
        for person in 0..<graph.count { depths[person] = recursion.depth(GenealogyGraph.Index(person)) }
        let order = (0..<graph.count).sorted { depths[$0] < depths[$1] }
        for slot in order {
            let (father, mother) = graph.parents(of: GenealogyGraph.Index(slot))
            guard let father, let mother else { continue }
            coefficients[slot] = kinship(father, mother)
        }
        return coefficients
    }

    /// Kinship of a couple whose ancestors' F are all known.
    private mutating func kinship(_ a: GenealogyGraph.Index, _ b: GenealogyGraph.Index) -> Double {
        stamp &+= 1
        if stamp == 0 {  // wrapped: clear the marks once every 4 billion couples
            for index in fromFather.indices {
                fromFather[index] = 0
                fromMother[index] = 0
                relevant[index] = 0
            }
            stamp = 1
        }
        let sideA = mark(a, in: &fromFather)
        let sideB = mark(b, in: &fromMother)
        // Persons on both sides are the common ancestors (or one of the couple, when the other descends from them).
        var any = false
        for person in sideB where fromFather[Int(person)] == stamp {
            relevant[Int(person)] = stamp
            any = true
        }
        guard any else { return 0 }
        // Persons below a common ancestor on either side, parents before children.
        let union = (sideA + sideB).sorted { depths[Int($0)] < depths[Int($1)] }
        for person in union where relevant[Int(person)] != stamp {
            let (father, mother) = graph.parents(of: person)
            if let father, relevant[Int(father)] == stamp {
                relevant[Int(person)] = stamp
            } else if let mother, relevant[Int(mother)] == stamp {
                relevant[Int(person)] = stamp
            }
        }
        var memo: [UInt64: Double] = [:]
        return phi(a, b, &memo)
    }

    /// The person and all their ancestors, each once, marked with the current stamp.
    private func mark(_ start: GenealogyGraph.Index, in marks: inout [UInt32]) -> [GenealogyGraph.Index] {
        var found: [GenealogyGraph.Index] = []
        var stack = [start]
        while let person = stack.popLast() {
            guard marks[Int(person)] != stamp else { continue }
            marks[Int(person)] = stamp
            found.append(person)
            let (father, mother) = graph.parents(of: person)
            if let father { stack.append(father) }
            if let mother { stack.append(mother) }
        }
        return found
    }

    private func phi(_ x: GenealogyGraph.Index, _ y: GenealogyGraph.Index, _ memo: inout [UInt64: Double]) -> Double {
        if x == y { return (1 + coefficients[Int(x)]) / 2 }
        guard relevant[Int(x)] == stamp, relevant[Int(y)] == stamp else { return 0 }
        let key = x < y ? UInt64(UInt32(x)) << 32 | UInt64(UInt32(y)) : UInt64(UInt32(y)) << 32 | UInt64(UInt32(x))
        if let known = memo[key] { return known }
        let (deep, other) = depths[Int(x)] >= depths[Int(y)] ? (x, y) : (y, x)
        let (father, mother) = graph.parents(of: deep)
        var sum = 0.0
        for parent in [father, mother] {
            guard let parent, depths[Int(parent)] < depths[Int(deep)] else { continue }
            sum += phi(parent, other, &memo)
        }
        memo[key] = sum / 2
        return sum / 2
    }
}
