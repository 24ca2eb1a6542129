import Foundation
import GenewebCore
import Testing

@Suite("A family is as private as its most private parent")
struct FamilyPrivacyTests {
    static func date(_ text: String) -> GenealogyDate? { GenealogyDate(gedcom: text) }

    static func family(_ parents: [PersonID], children: [PersonID] = []) -> Family {
        Family(
            parents: parents, children: children, relation: .married, divorce: .divorced(date("7 NOV 2001")),
            events: [
                Event(
                    kind: .marriage, date: date("12 MAY 2018"), place: "Mariageville", note: "wedding note",
                    witnesses: [Witness(personID: PersonID())])
            ],
            comment: "comment", notes: "family note", sources: "family source", gedcomXref: "F1"
        )
    }

    @Test("a hidden parent leaves the family's shape: ids, relation, members, xref; nothing else")
    func structureOnly() {
        let (living, dead, child) = (PersonID(), PersonID(), PersonID())
        let family = Self.family([dead, living], children: [child])
        let shown = FamilyPrivacy.visible(family, hidden: { $0 == living })
        #expect(shown.id == family.id && shown.parents == [dead, living] && shown.children == [child])
        #expect(shown.relation == .married && shown.gedcomXref == "F1")
        #expect(shown.events.isEmpty && shown.divorce == .notDivorced)
        #expect(shown.notes == nil && shown.sources == nil && shown.comment == nil && shown.citations.isEmpty)
        // Only parents count: a hidden child does not hide the couple's wedding.
        #expect(FamilyPrivacy.visible(family, hidden: { $0 == child }) == family)
        #expect(FamilyPrivacy.showsDetails(of: Family(children: [child]), hidden: { _ in true }))
    }

    @Test("the export's public tree applies the same rule: the living couple's wedding goes, the dead couple's stays")
    func publicTreeAgrees() throws {
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        func person(_ name: String, born: Int, died: Int? = nil) -> Person {
            var person = Person(firstName: name, surname: "Test")
            person.events = [Event(kind: .birth, date: Self.date("\(born)"))]
            if let died { person.events.append(Event(kind: .death, date: Self.date("\(died)"))) }
            return person
        }
        let (groom, bride) = (person("Groom", born: year - 30), person("Bride", born: year - 29))
        let (old, wife) = (person("Old", born: 1800, died: 1870), person("Wife", born: 1805, died: 1880))
        let living = Self.family([groom.id, bride.id])
        let dead = Self.family([old.id, wife.id])
        let tree = PublicTree.redact(persons: [groom, bride, old, wife], families: [living, dead])
        #expect(tree.redacted == 2)
        #expect(tree.families[0] == FamilyPrivacy.structure(of: living))
        #expect(tree.families[1] == dead)
    }
}
