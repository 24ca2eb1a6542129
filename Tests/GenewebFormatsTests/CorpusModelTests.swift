import GenewebCore
import GenewebFormats
import GenewebTestSupport
import Testing

@Suite("Corpus files into the model", .enabled(if: Corpus.runsTests, "corpus not found: set GENEWEB_CORPUS_DIR"))
struct CorpusModelTests {
    @Test(
        "persons and families: the README's counts; every link resolves",
        arguments: [
            ("gramps-sample.ged", 42, 15), ("royal92.ged", 3010, 1422), ("pres2020.ged", 2322, 1115),
            ("Queen.ged", 4683, 2863), ("TGC55C.ged", 15, 7), ("irish-kings.ged", 178, 113),
            ("maximal70.ged", 4, 2), ("UHLBOMCL.GED", 35, 1),
        ])
    func counts(name: String, persons: Int, families: Int) throws {
        let document = GedcomReader.read(try GedcomFile(bytes: Corpus.bytes(name)))
        #expect(document.persons.count == persons)
        #expect(document.families.count == families)
        let ids = Set(document.persons.map(\.id))
        #expect(ids.count == persons)
        for family in document.families {
            #expect(family.parents.allSatisfy(ids.contains) && family.children.allSatisfy(ids.contains))
        }
        #expect(!document.warnings.contains { $0.kind == .ancestryLoop })
    }

    @Test("names as the files mean them")
    func names() throws {
        let royal = GedcomReader.read(try GedcomFile(bytes: Corpus.bytes("royal92.ged")))
        #expect(royal.persons.contains { $0.firstName == "Victoria" && $0.surname.isEmpty == false })
        let gramps = GedcomReader.read(try GedcomFile(bytes: Corpus.bytes("gramps-sample.ged")))
        #expect(gramps.persons.contains { $0.surname == "Smith" })
        #expect(gramps.persons.flatMap(\.events).contains { $0.place == "Löderup, Malmöhus Län, Sweden" })
        let irish = GedcomReader.read(try GedcomFile(bytes: Corpus.bytes("irish-kings.ged")))
        #expect(!irish.persons.contains { ($0.firstName + $0.surname).contains("\u{FFFD}") })
    }

    @Test("GEDCOM 7 structures the model has no field for are all kept")
    func maximal70() throws {
        let document = GedcomReader.read(try GedcomFile(bytes: Corpus.bytes("maximal70.ged")))
        let keptTags = Set(document.persons.flatMap { $0.extensions.map(\.tag) } + document.otherRecords.map(\.tag))
        #expect(keptTags.contains("EXID") || keptTags.contains("UID"))
        #expect(document.notes.count >= 1, "SNOTE records become notes")
        #expect(document.version == "7.0")
    }
}
