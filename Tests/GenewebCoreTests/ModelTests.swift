import Foundation
import Testing

@testable import GenewebCore

@Suite("The genealogical model")
struct ModelTests {
    static func samplePerson() -> Person {
        let godfather = PersonID()
        return Person(
            firstName: "Jean Pierre", surname: "de La Fontaine", occurrence: 1, sex: .male,
            publicName: "Pierrot", qualifiers: ["the Elder"], aliases: ["J.-P. Lafontaine"],
            firstNameAliases: ["Jean-Pierre"], surnameAliases: ["Lafontaine"], image: "portraits/jp.jpg",
            occupation: "notaire",
            titles: [
                Title(name: .main, title: "comte", place: "Champagne", start: GenealogyDate(gedcom: "1780"), end: GenealogyDate(gedcom: "ABT 1792"), nth: 3)
            ],
            access: .private, deathStatus: .dead(.executed),
            events: [
                Event(
                    kind: .birth, date: GenealogyDate(gedcom: "12 JAN 1750"), place: "Reims, Marne, France",
                    citations: [Citation(sourceID: SourceID(), page: "f° 12", quality: 3)]),
                Event(kind: .baptism, date: GenealogyDate(gedcom: "@#DJULIAN@ 2 JAN 1750"), witnesses: [Witness(personID: godfather, kind: .witnessGodparent)]),
                Event(kind: .death, date: GenealogyDate(gedcom: "@#DFRENCH R@ 9 THER 2"), place: "Paris", reason: "guillotine"),
                Event(
                    kind: .custom("Christening of the bell"), date: .text("one spring"), age: "42y",
                    extensions: [ExtensionNode(tag: "_FOO", value: "bar", children: [ExtensionNode(tag: "_BAZ")])]),
            ],
            relatedParents: [RelatedParent(kind: .godParent, fatherID: godfather)],
            notes: "Voir [[Marie/Curie/0/la savante]] et [[[Histoire de Reims]]].", sources: "Registres paroissiaux",
            gedcomXref: "@I12@", extensions: [ExtensionNode(tag: "_UID", value: "ABC")]
        )
    }

    @Test("a person round-trips through its JSON document unchanged")
    func personCodable() throws {
        let person = Self.samplePerson()
        let data = try JSONEncoder().encode(person)
        #expect(try JSONDecoder().decode(Person.self, from: data) == person)
    }

    @Test("a family round-trips through its JSON document unchanged")
    func familyCodable() throws {
        let family = Family(
            parents: [PersonID(), PersonID()], children: [PersonID(), PersonID(), PersonID()],
            relation: .noSexesCheckMarried, divorce: .separated(GenealogyDate(gedcom: "1801")),
            events: [
                Event(kind: .marriage, date: GenealogyDate(gedcom: "BET 1790 AND 1792"), witnesses: [Witness(personID: PersonID(), kind: .witnessCivilOfficer)])
            ],
            comment: "remariage", originFile: "galichet.gw", gedcomXref: "@F3@"
        )
        let data = try JSONEncoder().encode(family)
        #expect(try JSONDecoder().decode(Family.self, from: data) == family)
        #expect(family.marriage?.date?.precision == .between(DMY(year: 1792)))
        #expect(family.relation.skipsSexCheck)
    }

    @Test("every date form survives the storage encoding", arguments: GedcomDateTests.generated)
    func dateCodable(date: CalendarDate) throws {
        for value in [GenealogyDate.calendar(date), .calendar(date, phrase: "as written"), .text("vers 1850")] {
            let data = try JSONEncoder().encode(value)
            #expect(try JSONDecoder().decode(GenealogyDate.self, from: data) == value)
        }
        let orYear = GenealogyDate.calendar(CalendarDate(year: 1850, precision: .orYear(DMY(year: 1851))))
        #expect(try JSONDecoder().decode(GenealogyDate.self, from: JSONEncoder().encode(orYear)) == orYear)
    }

    @Test("person views: key, birth, death, burial or cremation")
    func personViews() {
        let person = Self.samplePerson()
        #expect(person.key == "jean_pierre.1.de_la_fontaine")
        #expect(person.birth?.place == "Reims, Marne, France")
        #expect(person.death?.reason == "guillotine")
        #expect(person.deathStatus.isDead)
        var cremated = person
        cremated.events.append(Event(kind: .cremation, date: GenealogyDate(gedcom: "1794")))
        #expect(cremated.burial?.kind == .cremation)
    }

    @Test("event kinds have stable names; unknown names become custom kinds")
    func eventKindNames() {
        let kinds: [EventKind] = [.birth, .baptismLDS, .marriageBann, .familyResidence, .census, .custom("Bell")]
        for kind in kinds {
            #expect(EventKind(name: kind.name) == kind)
        }
        #expect(EventKind(name: "something new") == .custom("something new"))
        #expect(EventKind.marriage.isFamilyEvent && !EventKind.birth.isFamilyEvent)
    }

    @Test("note links: persons with or without occurrence, and pages")
    func noteLinks() {
        let note = Note(text: "See [[Marie/Curie/0/la savante]], [[Pierre/Curie]], [[[Histoire de Reims/l'histoire]]] and [[broken")
        #expect(
            note.links == [
                .person(firstName: "Marie", surname: "Curie", occurrence: 0, text: "la savante"),
                .person(firstName: "Pierre", surname: "Curie", occurrence: 0, text: nil),
                .page(name: "Histoire de Reims", text: "l'histoire"),
            ])
        #expect(NoteLink.extract(from: "[[Jean/Dupont/2]]") == [.person(firstName: "Jean", surname: "Dupont", occurrence: 2, text: nil)])
    }

    @Test("identifiers read UUID strings and refuse anything else")
    func identifiers() {
        let id = PersonID()
        #expect(PersonID(id.description) == id)
        #expect(PersonID("not-a-uuid") == nil)
        #expect(id.description == id.description.lowercased())
    }

    @Test("new ids are version 7 UUIDs that sort in the order they were made")
    func timeOrderedIDs() {
        let ids = (0..<20_000).map { _ in UUID.timeOrdered() }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.hexString == $0.uuidString })
        // The counter alone would make them unique: the random part must differ too.
        #expect(Set(ids.map { $0.uuidString.suffix(14) }).count == ids.count)
        #expect((0..<1000).map { _ in UUID() }.allSatisfy { $0.hexString == $0.uuidString })
        #expect(ids.map(\.uuidString) == ids.map(\.uuidString).sorted())
        for id in ids.prefix(100) {
            #expect(id.uuidString[id.uuidString.index(id.uuidString.startIndex, offsetBy: 14)] == "7")
            #expect("89AB".contains(id.uuidString[id.uuidString.index(id.uuidString.startIndex, offsetBy: 19)]))
        }
        // The time is the first 48 bits: within a few seconds of now.
        let milliseconds = ids[0].uuidString.replacingOccurrences(of: "-", with: "").prefix(12)
        let made = Double(UInt64(milliseconds, radix: 16) ?? 0) / 1000
        #expect(abs(made - Date().timeIntervalSince1970) < 60)
        #expect(PersonID().uuid.uuidString.dropFirst(14).first == "7")
    }

    @Test("the id clock stays increasing when the wall clock steps back or a millisecond is full")
    func timeOrderedClock() {
        let clock = TimeOrderedClock()
        #expect(clock.next(now: 1000) == (1000, 0))
        #expect(clock.next(now: 1000) == (1000, 1))
        #expect(clock.next(now: 900) == (1000, 2))
        for _ in 3...0xFFF { _ = clock.next(now: 1000) }
        #expect(clock.next(now: 1000) == (1001, 0))
        #expect(clock.next(now: 5000) == (5000, 0))
    }
}
