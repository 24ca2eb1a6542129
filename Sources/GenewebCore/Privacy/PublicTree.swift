/// What a tree looks like to someone who may not see living persons: they stay in it (the links
/// between generations hold) but carry no name, date, place, note or source, and a family with
/// a hidden parent keeps only its shape (`FamilyPrivacy`, the rule the JSON routes follow too).
/// Used for exports by non-admins.
public enum PublicTree {
    public static let placeholder = "Living"

    /// The persons and families, with the living redacted. Evidence for undated persons comes
    /// from the families given (children's births, marriages).
    public static func redact(persons: [Person], families: [Family], rule: LivingRule = LivingRule()) -> (persons: [Person], families: [Family], redacted: Int) {
        var childBirth: [PersonID: Int] = [:]
        var marriage: [PersonID: Int] = [:]
        let births = Dictionary(persons.map { ($0.id, ($0.birth ?? $0.baptism)?.date?.sortKey) }, uniquingKeysWith: { first, _ in first })
        for family in families {
            let earliestChild = family.children.compactMap { births[$0] ?? nil }.min()
            let married = family.marriage?.date?.sortKey
            for parent in family.parents {
                if let earliestChild { childBirth[parent] = min(childBirth[parent] ?? .max, earliestChild) }
                if let married { marriage[parent] = min(marriage[parent] ?? .max, married) }
            }
        }
        var hidden = Set<PersonID>()
        let redactedPersons = persons.map { person -> Person in
            let evidence = LivingEvidence(earliestChildBirth: childBirth[person.id], earliestMarriage: marriage[person.id])
            let visible = person.access == .public || (!rule.isLiving(person, evidence: evidence) && person.access != .private)
            guard !visible else { return person }
            hidden.insert(person.id)
            var redacted = Person(id: person.id, firstName: placeholder, surname: "", sex: person.sex, access: .private, deathStatus: .notDead)
            redacted.gedcomXref = person.gedcomXref
            return redacted
        }
        let redactedFamilies = families.map { FamilyPrivacy.visible($0, hidden: hidden.contains) }
        return (redactedPersons, redactedFamilies, hidden.count)
    }
}
