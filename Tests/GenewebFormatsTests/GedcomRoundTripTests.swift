import GenewebCore
import GenewebFormats
import GenewebTestSupport
import Testing

@Suite("GEDCOM round trips", .enabled(if: Corpus.runsTests, "corpus not found: set GENEWEB_CORPUS_DIR"))
struct GedcomRoundTripTests {
    static let files = ["gramps-sample.ged", "royal92.ged", "pres2020.ged", "Queen.ged", "TGC55C.ged", "irish-kings.ged", "maximal70.ged", "UHLBOMCL.GED"]

    func reread(_ text: String) throws -> GedcomDocument {
        GedcomReader.read(try GedcomFile(bytes: Array(text.utf8)))
    }

    @Test("read → GEDCOM 5.5.1 → read gives the same tree", arguments: files)
    func roundTrip551(name: String) throws {
        let original = GedcomReader.read(try GedcomFile(bytes: Corpus.bytes(name)))
        let exported = GedcomWriter.write(original, version: .v551)
        let again = try reread(exported)
        let difference = SemanticSnapshot(original).firstDifference(from: SemanticSnapshot(again))
        #expect(difference == nil, "\(name): \(difference ?? "")")
        #expect(exported.split(separator: "\n").allSatisfy { $0.count <= 255 }, "5.5.1 lines stay within 255 characters")
        #expect(!again.warnings.contains { $0.kind == .malformedLine })
    }

    @Test("read → GEDCOM 7 → read gives the same tree (less what 7 cannot say)", arguments: files)
    func roundTrip7(name: String) throws {
        let original = GedcomReader.read(try GedcomFile(bytes: Corpus.bytes(name)))
        let exported = GedcomWriter.write(original, version: .v7)
        #expect(exported.hasPrefix("0 HEAD\n1 GEDC\n2 VERS 7.0\n"))
        #expect(!exported.contains("\n1 CHAR") && !exported.contains(" CONC "))
        let again = try reread(exported)
        let difference = SemanticSnapshot(original, gedcom7: true).firstDifference(from: SemanticSnapshot(again, gedcom7: true))
        #expect(difference == nil, "\(name): \(difference ?? "")")
    }

    @Test("extension tags keep their case through both versions (GEDCOM 7 tags are case-sensitive); standard tags in lower case are read")
    func extensionTagCase() throws {
        let text = """
            0 HEAD
            1 GEDC
            2 VERS 7.0
            0 @I1@ INDI
            1 name Anne /Roy/
            1 _myTag kept as written
            1 _MYTAG another one
            0 TRLR

            """
        let original = try reread(text)
        #expect(original.persons.first?.surname == "Roy")
        for version in [GedcomDateVersion.v7, .v551] {
            let exported = GedcomWriter.write(original, version: version)
            #expect(exported.contains("1 _myTag kept as written") && exported.contains("1 _MYTAG another one"), "\(version)")
        }
    }

    @Test("a second export is identical to the first (stable output)")
    func stable() throws {
        let original = GedcomReader.read(try GedcomFile(bytes: Corpus.bytes("gramps-sample.ged")))
        let first = GedcomWriter.write(original, version: .v551)
        let second = GedcomWriter.write(try reread(first), version: .v551)
        #expect(first == second)
    }
}
