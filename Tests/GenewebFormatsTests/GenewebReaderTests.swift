import GenewebCore
import GenewebFormats
import GenewebTestSupport
import Testing

@Suite("GeneWeb .gw files")
struct GenewebReaderTests {
    static let fixture = """
        encoding: utf-8
        gwplus

        fam Dupont Jean_Pierre.1 #occu Notaire 12/5/1750 #bp Reims k1794 + Curie Marie 0
        wit m: Martin Paul 0
        src registres
        fevt
        #marr 3/3/1775 #p Reims #s acte
        note première ligne
        note seconde ligne
        end fevt
        beg
        - m Paul {Paulo} (Popol) [*:comte:Champagne:1780:1790:2] 1776 od
        - f Anne Martin 1778 #bp Paris 1850 #dp Lyon
        - Louis 1780
        end

        pevt Dupont Paul
        #birt 1776 #p Reims
        #occu #s rôle officier_de_marine
        end pevt

        notes Dupont Paul
        beg
        Une note sur [[Paul/Dupont]].
        end notes

        rel Dupont Louis
        beg
        - godp: Martin Paul + Curie Marie
        end

        notes-db
          TITLE=Base
          texte
        end notes-db
        """

    func read(_ text: String) throws -> GedcomDocument {
        try GenewebReader.read(bytes: Array(text.utf8))
    }

    @Test("a fam block: parents with their information, relation, witnesses, events, children")
    func family() throws {
        let document = try read(Self.fixture)
        let byName = Dictionary(document.persons.map { ("\($0.firstName) \($0.surname)", $0) }, uniquingKeysWith: { a, _ in a })
        let jean = try #require(byName["Jean Pierre Dupont"])
        #expect(jean.occurrence == 1)
        #expect(jean.occupation == "Notaire")
        #expect(jean.birth?.date == GenealogyDate(geneweb: "12/5/1750"))
        #expect(jean.birth?.place == "Reims")
        #expect(jean.deathStatus == .dead(.killed))
        #expect(jean.death?.date == GenealogyDate(geneweb: "1794"))
        let family = try #require(document.families.first)
        #expect(family.parents == [jean.id, byName["Marie Curie"]!.id])
        #expect(family.sources == "registres")
        #expect(family.marriage?.date == GenealogyDate(geneweb: "3/3/1775"))
        #expect(family.marriage?.note == "première ligne\nseconde ligne")
        #expect(family.marriage?.witnesses.map(\.personID) == [byName["Paul Martin"]!.id])
        #expect(family.children.count == 3)
        let paul = try #require(byName["Paul Dupont"])
        #expect(paul.sex == .male && paul.firstNameAliases == ["Paulo"] && paul.publicName == "Popol")
        #expect(paul.titles.first?.title == "comte" && paul.titles.first?.name == .main && paul.titles.first?.nth == 2)
        #expect(paul.deathStatus == .ofCourseDead)
        #expect(paul.events.map(\.kind) == [.birth, .occupation], "pevt replaces the fam-line events")
        #expect(paul.notes == "Une note sur [[Paul/Dupont]].")
        #expect(byName["Anne Martin"]?.sex == .female, "a child may carry another surname")
        #expect(byName["Anne Martin"]?.death?.place == "Lyon")
        #expect(byName["Louis Dupont"]?.relatedParents.first?.kind == .godParent)
        #expect(document.notes.first { $0.title == "notes-db" }?.text == "TITLE=Base\ntexte")
    }

    @Test("what is not a .gw file is refused")
    func refusals() {
        #expect(throws: GenewebFileError.empty) { try GenewebReader.read(bytes: []) }
        #expect(throws: GenewebFileError.notGeneweb) { try GenewebReader.read(bytes: Array("0 HEAD\n1 CHAR UTF-8\n".utf8)) }
        #expect(throws: GenewebFileError.notText) { try GenewebReader.read(bytes: [0, 1, 2, 3]) }
    }

    @Test("galichet.gw: 15 families, 18 children, notes, pages", .enabled(if: Corpus.runsTests, "corpus not found"))
    func galichet() throws {
        let document = try GenewebReader.read(bytes: Corpus.bytes("galichet.gw"))
        #expect(document.families.count == 15)
        #expect(document.families.map(\.children.count).reduce(0, +) == 18)
        #expect(document.notes.map(\.title).contains("notes-db"))
        #expect(Set(document.notes.compactMap(\.title)).isSuperset(of: ["Andre", "Chantal", "Gallery", "copynotesdb"]))
        #expect(document.persons.contains { $0.firstName == "Forceindex1234" && $0.occurrence == 1234 })
        #expect(document.persons.contains { $0.firstName == "Thérèse Eugénie" && $0.birth?.place?.hasPrefix("[Châlons-sur-Marne] - Châlons") == true })
        #expect(!document.warnings.contains { $0.kind == .malformedLine }, "\(document.warnings.prefix(3))")
    }
}

@Suite("GeneWeb .gw round trips")
struct GenewebRoundTripTests {
    func roundTrip(_ document: GedcomDocument) throws -> (GedcomDocument, String) {
        let (text, warnings) = GenewebWriter.write(document)
        #expect(warnings.isEmpty, "\(warnings.prefix(3))")
        return (try GenewebReader.read(bytes: Array(text.utf8)), text)
    }

    @Test("a witness in no family keeps their own events and notes: a pevt block after the defining family")
    func inlineWitnessEvents() throws {
        let husband = Person(firstName: "Jean", surname: "Dupont", sex: .male)
        let wife = Person(firstName: "Marie", surname: "Curie", sex: .female)
        let godfather = Person(
            firstName: "Luc", surname: "Martin", sex: .male, events: [Event(kind: .death, date: GenealogyDate(geneweb: "1899"), place: "Lyon")])
        let witness = Person(
            firstName: "Paul", surname: "Bernard", sex: .male, occupation: "notaire",
            events: [
                Event(kind: .birth, date: GenealogyDate(geneweb: "3/4/1820"), place: "Paris"),
                Event(kind: .occupation, value: "notaire"),
                // The witness's own baptism names a godfather defined nowhere else.
                Event(kind: .baptism, date: GenealogyDate(geneweb: "5/4/1820"), witnesses: [Witness(personID: godfather.id, kind: .witnessGodparent)]),
            ],
            notes: "Témoin au mariage."
        )
        let family = Family(
            parents: [husband.id, wife.id], events: [Event(kind: .marriage, date: GenealogyDate(geneweb: "1850"), witnesses: [Witness(personID: witness.id)])])
        var document = GedcomDocument()
        document.persons = [husband, wife, witness, godfather]
        document.families = [family]
        let (again, text) = try roundTrip(document)
        let read = try #require(again.persons.first { $0.firstName == "Paul" }, "\(text)")
        #expect(read.birth?.place == "Paris", "\(text)")
        #expect(read.birth?.date == GenealogyDate(geneweb: "3/4/1820"))
        #expect(read.notes == "Témoin au mariage.")
        #expect(read.occupation == "notaire")
        let baptism = try #require(read.events.first { $0.kind == .baptism }, "\(text)")
        let readGodfather = try #require(again.persons.first { $0.firstName == "Luc" })
        #expect(baptism.witnesses == [Witness(personID: readGodfather.id, kind: .witnessGodparent)])
        #expect(readGodfather.death?.place == "Lyon", "\(text)")
        #expect(again.families.first?.marriage?.witnesses.map(\.personID) == [read.id])
    }

    @Test("the fixture: read → write → read gives the same tree")
    func fixture() throws {
        let document = try GenewebReader.read(bytes: Array(GenewebReaderTests.fixture.utf8))
        let (again, text) = try roundTrip(document)
        #expect(SemanticSnapshot(document).firstDifference(from: SemanticSnapshot(again)) == nil, "\(text)")
    }

    @Test("galichet.gw: read → write → read gives the same tree", .enabled(if: Corpus.runsTests, "corpus not found"))
    func galichet() throws {
        let document = try GenewebReader.read(bytes: Corpus.bytes("galichet.gw"))
        let (again, _) = try roundTrip(document)
        let difference = SemanticSnapshot(document).firstDifference(from: SemanticSnapshot(again))
        #expect(difference == nil, "\(difference ?? "")")
        #expect(again.families.count == 15)
    }

    @Test("a GEDCOM file goes out as .gw and back with its persons, links and dates", .enabled(if: Corpus.runsTests, "corpus not found"))
    func gedcomToGeneweb() throws {
        let gedcom = GedcomReader.read(try GedcomFile(bytes: Corpus.bytes("gramps-sample.ged")))
        let (again, _) = GenewebWriter.write(gedcom).text.utf8.isEmpty ? (gedcom, "") : try roundTripAllowingIsolated(gedcom)
        #expect(again.families.count == gedcom.families.count)
        let births = Set(gedcom.persons.compactMap { $0.birth?.date?.genewebText })
        let againBirths = Set(again.persons.compactMap { $0.birth?.date?.genewebText })
        #expect(births == againBirths)
    }

    private func roundTripAllowingIsolated(_ document: GedcomDocument) throws -> (GedcomDocument, String) {
        let (text, _) = GenewebWriter.write(document)
        return (try GenewebReader.read(bytes: Array(text.utf8)), text)
    }
}
