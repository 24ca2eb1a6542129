import Foundation
import GenewebCore
import GenewebFormats
import GenewebStore
import GenewebTestSupport
import Logging
import SQLKit
import Testing

@Suite("Importing files into a base")
struct ImportTests {
    let logger = Logger(label: "test.import")

    static let fixture = """
        0 HEAD
        1 CHAR UTF-8
        0 @I1@ INDI
        1 NAME Jean /Dupont/
        1 SEX M
        1 BIRT
        2 DATE 12 JAN 1850
        2 PLAC Reims
        1 FAMS @F1@
        0 @I2@ INDI
        1 NAME Marie /Curie/
        1 SEX F
        1 FAMS @F1@
        0 @I3@ INDI
        1 NAME Paul /Dupont/
        1 BIRT
        2 DATE ABT 1875
        1 _CUSTOM kept
        0 @F1@ FAM
        1 HUSB @I1@
        1 WIFE @I2@
        1 CHIL @I3@
        1 MARR
        2 DATE 1870
        0 @S1@ SOUR
        1 TITL Registres
        0 TRLR
        """

    static func document(_ text: String = fixture) throws -> GedcomDocument {
        GedcomReader.read(try GedcomFile(bytes: Array(text.utf8)))
    }

    func prepared(_ database: Database) async throws {
        try await MigrationRunner(database: database, logger: logger).migrate()
    }

    @Test("an import writes every record and its links; export gives the same tree", arguments: allEngines)
    func importAndExport(engine: DatabaseEngine) async throws {
        try await EngineFixture.with(engine) { database in
            try await prepared(database)
            let document = try Self.document()
            let report = try await GenealogyImporter(database: database).importDocument(
                document, into: try BaseName("family"), format: "gedcom", replace: false)
            #expect(report.persons == 3 && report.families == 1 && report.sources == 1)
            let summary = try #require(try await BaseRepository(database: database).summaries().first { $0.name == "family" })
            #expect(summary.persons == 3 && summary.families == 1)
            let links = try await database.withConnection { sql in
                try await sql.raw("SELECT role, position FROM family_members ORDER BY role, position").all()
                    .map { "\(try $0.decode(column: "role", as: String.self)):\(try $0.decode(column: "position", as: Int.self))" }
            }
            #expect(links == ["child:0", "parent:0", "parent:1"])
            let exported = try #require(try await GenealogyExporter(database: database).load(try BaseName("family")))
            #expect(SemanticSnapshot(document).firstDifference(from: SemanticSnapshot(exported)) == nil)
        }
    }

    @Test("a base that holds persons is refused without replace, and left as it was", arguments: allEngines)
    func refusedWithoutReplace(engine: DatabaseEngine) async throws {
        try await EngineFixture.with(engine) { database in
            try await prepared(database)
            let importer = GenealogyImporter(database: database)
            let base = try BaseName("default")
            _ = try await importer.importDocument(try Self.document(), into: base, format: "gedcom", replace: false)
            await #expect(throws: ImportError.baseNotEmpty(base: "default", persons: 3)) {
                _ = try await importer.importDocument(try Self.document(), into: base, format: "gedcom", replace: false)
            }
            #expect(try await BaseRepository(database: database).summaries().first?.persons == 3)
            let replaced = try await importer.importDocument(
                try Self.document("0 HEAD\n0 @I1@ INDI\n1 NAME Solo /Person/\n0 TRLR\n"), into: base, format: "gedcom", replace: true)
            #expect(replaced.persons == 1)
            #expect(try await BaseRepository(database: database).summaries().first?.persons == 1)
        }
    }

    @Test("a failure half-way rolls everything back", arguments: allEngines)
    func allOrNothing(engine: DatabaseEngine) async throws {
        try await EngineFixture.with(engine) { database in
            try await prepared(database)
            let importer = GenealogyImporter(database: database)
            _ = try await importer.importDocument(try Self.document(), into: try BaseName("default"), format: "gedcom", replace: false)
            // The second document repeats a person id: its rows violate the primary key after
            // the replace has deleted the old rows and some new rows went in.
            var broken = try Self.document()
            broken.persons.append(broken.persons[0])
            await #expect(throws: (any Error).self) {
                _ = try await importer.importDocument(broken, into: try BaseName("default"), format: "gedcom", replace: true)
            }
            let summary = try #require(try await BaseRepository(database: database).summaries().first)
            #expect(summary.persons == 3 && summary.families == 1)
        }
    }

    @Test("base names cannot be paths or odd strings", arguments: ["../etc", "a/b", "", String(repeating: "x", count: 65), "sp ace", "é"])
    func baseNames(name: String) {
        #expect(throws: BaseNameError.self) { try BaseName(name) }
    }
}

@Suite("Corpus through the database", .enabled(if: Corpus.runsTests, "corpus not found: set GENEWEB_CORPUS_DIR"))
struct CorpusImportTests {
    @Test("every corpus file: import → export → same tree, on each engine", arguments: allEngines)
    func corpus(engine: DatabaseEngine) async throws {
        try await EngineFixture.with(engine) { database in
            try await MigrationRunner(database: database, logger: Logger(label: "test")).migrate()
            for name in ["gramps-sample.ged", "royal92.ged", "pres2020.ged", "Queen.ged", "TGC55C.ged", "irish-kings.ged", "maximal70.ged", "UHLBOMCL.GED"] {
                let document = GedcomReader.read(try GedcomFile(bytes: Corpus.bytes(name)))
                let base = try BaseName(name.replacingOccurrences(of: ".", with: "_").replacingOccurrences(of: "-", with: "_"))
                let report = try await GenealogyImporter(database: database).importDocument(document, into: base, format: "gedcom", replace: false)
                #expect(report.persons == document.persons.count)
                let exported = try #require(try await GenealogyExporter(database: database).load(base))
                let difference = SemanticSnapshot(document).firstDifference(from: SemanticSnapshot(exported))
                #expect(difference == nil, "\(name) on \(engine): \(difference ?? "")")
            }
            // GeneWeb's own format, in file order.
            let galichet = try GenewebReader.read(bytes: Corpus.bytes("galichet.gw"))
            _ = try await GenealogyImporter(database: database).importDocument(galichet, into: try BaseName("galichet"), format: "gw", replace: false)
            let exported = try #require(try await GenealogyExporter(database: database).load(try BaseName("galichet")))
            #expect(SemanticSnapshot(galichet).firstDifference(from: SemanticSnapshot(exported)) == nil)
            #expect(exported.families.map(\.id) == galichet.families.map(\.id), "exports follow the file's order")
            let again = try GenewebReader.read(bytes: Array(GenewebWriter.write(exported).text.utf8))
            #expect(SemanticSnapshot(galichet).firstDifference(from: SemanticSnapshot(again)) == nil)
        }
    }

    @Test("a GEDCOM export written a page of persons at a time is the file the whole base gives", arguments: allEngines)
    func pagedExport(engine: DatabaseEngine) async throws {
        try await EngineFixture.with(engine) { database in
            try await MigrationRunner(database: database, logger: Logger(label: "test")).migrate()
            // royal92: 3,010 persons, so several pages, with a person made later (no imported xref).
            let base = try BaseName("royal")
            let file = try GenealogyFile.open(Corpus.bytes("royal92.ged"), fileName: "royal92.ged", format: .auto)
            _ = try await GenealogyImporter(database: database).importFile(file, into: base, replace: false)
            let baseID = try #require(try await BaseRepository(database: database).id(of: base))
            let audit = AuditEntry(occurredAt: 0, actorID: nil, actorName: "test", action: "person.create", entityType: "person", base: base.rawValue)
            _ = try await PersonRepository(database: database).insert(Person(firstName: "Nouvelle", surname: "Personne"), base: baseID, audit: audit)
            let exporter = GenealogyExporter(database: database)
            let whole = try #require(try await exporter.load(base))
            #expect(whole.persons.count == 3011)
            let export = try #require(try await exporter.open(base))
            #expect(export.persons.count == 3011)
            for version in [GedcomDateVersion.v551, .v7] {
                let expected = GedcomWriter(document: whole, version: version).pieces().joined()
                var paged = ""
                try await exporter.writeGedcom(export, version: version) { paged += $0 }
                #expect(paged == expected)
                #expect(paged.contains("1 NAME Nouvelle /Personne/"))
            }
        }
    }
}
