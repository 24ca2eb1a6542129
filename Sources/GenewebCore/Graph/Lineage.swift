/// The line of descent between a person and one of their ancestors, for drawing a
/// relationship: who stands at each generation between them.
extension GenealogyGraph {
    /// `[descendant, parent, grandparent, …, ancestor]`, exactly `generations` steps up, fathers'
    /// lines tried first; nil when the ancestor is not that many generations up. Dead ends are
    /// remembered, so implex cannot make the search exponential: at most (persons × generations)
    /// steps.
    public func lineage(from descendant: Index, to ancestor: Index, generations: Int) -> [Index]? {
        guard generations >= 0, generations <= 200 else { return nil }
        var deadEnds: Set<[Int]> = []
        func climb(_ person: Index, _ left: Int) -> [Index]? {
            if left == 0 { return person == ancestor ? [person] : nil }
            if deadEnds.contains([Int(person), left]) { return nil }
            let (father, mother) = parents(of: person)
            for parent in [father, mother].compactMap({ $0 }) {
                if let rest = climb(parent, left - 1) { return [person] + rest }
            }
            deadEnds.insert([Int(person), left])
            return nil
        }
        return climb(descendant, generations)
    }
}
