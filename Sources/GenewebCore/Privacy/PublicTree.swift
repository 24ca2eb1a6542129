/// What a tree looks like to someone who may not see living persons: they stay in it (the links
/// between generations hold) but carry no name, date, place, note or source, and a family with
/// a hidden parent keeps only its shape (`FamilyPrivacy`, the rule the JSON routes follow too).
/// Used for exports by non-admins.
///
/// The tree can be redacted whole (`redact(persons:families:)`) or a record at a time
/// (`isHidden`, `redacted(_:)`), for exports that read a page of persons at a time and bring
/// each page's `LivingEvidence` with it; both give the same records.
public enum PublicTree {
    public static let placeholder = "Living"

    /// The persons and families, with the living redacted. Evidence for undated persons comes
    /// from the families given (children's births, marriages).
    public static func redact(persons: [Person], families: [Family], rule: LivingRule = LivingRule()) -> (persons: [Person], families: [Family], redacted: Int)
    {
        let evidence = evidence(persons: persons, families: families)
        var hidden = Set<PersonID>()
        let redactedPersons = persons.map { person -> Person in
            guard isHidden(person, evidence: evidence[person.id] ?? LivingEvidence(), rule: rule) else { return person }
            hidden.insert(person.id)
            return redacted(person)
        }
        let redactedFamilies = families.map { FamilyPrivacy.visible($0, hidden: hidden.contains) }
        return (redactedPersons, redactedFamilies, hidden.count)
    }

    /// What the families say about each parent's age: their children's earliest birth (or
    /// baptism) and their earliest marriage, by sort key.
    public static func evidence(persons: [Person], families: [Family]) -> [PersonID: LivingEvidence] {
        var evidence: [PersonID: LivingEvidence] = [:]
        let births = Dictionary(persons.map { ($0.id, ($0.birth ?? $0.baptism)?.date?.sortKey) }, uniquingKeysWith: { first, _ in first })
        for family in families {
            let earliestChild = family.children.compactMap { births[$0] ?? nil }.min()
            let married = family.marriage?.date?.sortKey
            for parent in family.parents {
                if let earliestChild {
                    evidence[parent, default: LivingEvidence()].earliestChildBirth = min(evidence[parent]?.earliestChildBirth ?? .max, earliestChild)
                }
                if let married {
                    evidence[parent, default: LivingEvidence()].earliestMarriage = min(evidence[parent]?.earliestMarriage ?? .max, married)
                }
            }
        }
        return evidence
    }

    /// Whether `person` is shown only as a placeholder: not marked public, and living (by the
    /// rule, with the evidence of their families) or marked private.
    public static func isHidden(_ person: Person, evidence: LivingEvidence, rule: LivingRule) -> Bool {
        !(person.access == .public || (!rule.isLiving(person, evidence: evidence) && person.access != .private))
    }

    /// The placeholder that stands for a hidden person: sex and links kept, nothing else.
    public static func redacted(_ person: Person) -> Person {
        var redacted = Person(id: person.id, firstName: placeholder, surname: "", sex: person.sex, access: .private, deathStatus: .notDead)
        redacted.gedcomXref = person.gedcomXref
        return redacted
    }

    /// The notes anyone may read: private notes (editors' working notes, sealed at rest) are left
    /// out; the writers drop links to notes a file does not hold.
    public static func publicNotes(_ notes: [Note]) -> [Note] {
        notes.filter { !$0.isPrivate }
    }

    /// A family with a hidden spouse: its shape only (`FamilyPrivacy.structure(of:)`).
    public static func redacted(_ family: Family) -> Family {
        FamilyPrivacy.structure(of: family)
    }
}
