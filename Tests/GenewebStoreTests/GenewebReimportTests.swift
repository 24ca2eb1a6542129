import Foundation
import GenewebCore
import GenewebFormats
import GenewebStore
import GenewebTestSupport
import Logging
import Testing

/// A base exported as `.gw` and imported again gives the same base: persons without surname
/// keep numbers that tell them apart (no unique-key failure), persons in no family come back.
@Suite("Our .gw exports import again")
struct GenewebReimportTests {
    static let fixture = """
        0 HEAD
        1 GEDC
        2 VERS 5.5.1
        1 CHAR UTF-8
        0 @I1@ INDI
        1 NAME Mary
        1 SEX F
        1 FAMS @F1@
        0 @I2@ INDI
        1 NAME Mary
        1 SEX F
        1 FAMS @F2@
        0 @I3@ INDI
        1 NAME mary //
        1 NOTE In no family.
        0 @I4@ INDI
        1 NAME John /Smith/
        1 SEX M
        1 FAMS @F1@
        1 FAMS @F2@
        0 @I5@ INDI
        1 SEX M
        0 @F1@ FAM
        1 HUSB @I4@
        1 WIFE @I1@
        0 @F2@ FAM
        1 HUSB @I4@
        1 WIFE @I2@
        0 TRLR

        """

    func exportAndReimport(_ document: GedcomDocument, on database: Database, name: String) async throws -> (first: ImportReport, again: ImportReport) {
        let base = try BaseName(name)
        let first = try await GenealogyImporter(database: database).importDocument(document, into: base, format: "gedcom", replace: false)
        let exported = try #require(try await GenealogyExporter(database: database).load(base))
        let text = GenewebWriter.write(exported).text
        let file = try GenealogyFile.open(Array(text.utf8), fileName: "\(name).gw", format: .auto)
        let again = try await GenealogyImporter(database: database).importFile(file, into: try BaseName(name + "_again"), replace: false)
        return (first, again)
    }

    @Test("namesakes without surname and a person in no family: .gw export → import gives the same counts", arguments: allEngines)
    func namesakes(engine: DatabaseEngine) async throws {
        try await EngineFixture.with(engine) { database in
            try await MigrationRunner(database: database, logger: Logger(label: "test")).migrate()
            let document = GedcomReader.read(try GedcomFile(bytes: Array(Self.fixture.utf8)))
            let (first, again) = try await exportAndReimport(document, on: database, name: "namesakes")
            #expect(first.persons == 5 && first.families == 2)
            #expect(again.persons == first.persons)
            #expect(again.families == first.families)
            let persons = try #require(try await GenealogyExporter(database: database).load(try BaseName("namesakes_again"))).persons
            #expect(persons.filter { $0.firstName.lowercased() == "mary" }.count == 3)
            #expect(persons.contains { $0.notes == "In no family." })
        }
    }

    @Test("corpus files: .gw export → import gives the same persons and families", .enabled(if: Corpus.runsTests, "corpus not found"), arguments: allEngines)
    func corpus(engine: DatabaseEngine) async throws {
        try await EngineFixture.with(engine) { database in
            try await MigrationRunner(database: database, logger: Logger(label: "test")).migrate()
            for name in ["royal92.ged", "gramps-sample.ged", "TGC55C.ged", "maximal70.ged"] {
                let document = GedcomReader.read(try GedcomFile(bytes: Corpus.bytes(name)))
                let stem = String(name.prefix { $0.isLetter || $0.isNumber })
                let (first, again) = try await exportAndReimport(document, on: database, name: stem)
                #expect(again.persons == first.persons, "\(name) on \(engine)")
                #expect(again.families == first.families, "\(name) on \(engine)")
            }
        }
    }
}
