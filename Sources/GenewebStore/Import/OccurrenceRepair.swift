import GenewebCore
import GenewebFormats

/// Makes the persons of a file that carries its own occurrence numbers (`.gw`) unique by the
/// base's key: first name and surname by lookup key (accents, case and `?` folded, see
/// `NameNormalizer`), and occurrence number. A `.gw` file tells persons apart by their exact
/// text (`? Mary` and `? mary`, `Dupont Jean` and `DUPONT Jean` are different persons there),
/// so two of them can share a key once folded: the later one gets the smallest free number, as
/// GeneWeb numbers namesakes, and a warning says so, instead of the import failing on the
/// base's unique key.
enum OccurrenceRepair {
    /// Renumbers clashing persons in place; returns a warning for each one renumbered.
    static func renumber(_ persons: inout [Person]) -> [ImportWarning] {
        var taken: [String: Set<Int>] = [:]
        var clashing: [Int] = []
        for index in persons.indices {
            let name = key(persons[index])
            if taken[name, default: []].insert(persons[index].occurrence).inserted { continue }
            clashing.append(index)
        }
        var warnings: [ImportWarning] = []
        for index in clashing {
            let name = key(persons[index])
            let old = persons[index].occurrence
            let fresh = Occurrence.next(taken: taken[name, default: []])
            taken[name, default: []].insert(fresh)
            persons[index].occurrence = fresh
            let label = (persons[index].firstName + " " + persons[index].surname).prefix(120)
            warnings.append(
                ImportWarning(
                    line: nil, kind: .duplicateXref,
                    message: "\(label) has the name and occurrence number \(old) of another person once accents and case are folded: numbered \(fresh)"
                ))
        }
        return warnings
    }

    private static func key(_ person: Person) -> String {
        NameNormalizer.key(person.firstName) + "\u{0}" + NameNormalizer.key(person.surname)
    }
}
