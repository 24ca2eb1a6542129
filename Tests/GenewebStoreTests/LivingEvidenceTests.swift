import Foundation
import GenewebCore
import GenewebFormats
import GenewebStore
import Logging
import Testing

/// The privacy rule's input read with the persons (`findWithEvidence`) says the same as the
/// separate lookup (`livingEvidence`), on both engines.
@Suite("Living evidence read with the persons")
struct LivingEvidenceTests {
    @Test("undated parents get their children's earliest birth and their earliest marriage; dated or dead persons need none", arguments: allEngines)
    func sameEvidence(engine: DatabaseEngine) async throws {
        try await EngineFixture.with(engine) { database in
            try await MigrationRunner(database: database, logger: Logger(label: "test.evidence")).migrate()
            let text = """
                0 HEAD
                1 CHAR UTF-8
                0 @P@ INDI
                1 NAME Undated /Parent/
                0 @Q@ INDI
                1 NAME Dated /Parent/
                1 BIRT
                2 DATE 1850
                0 @C1@ INDI
                1 NAME First /Child/
                1 BIRT
                2 DATE 1 MAR 1880
                0 @C2@ INDI
                1 NAME Second /Child/
                1 BIRT
                2 DATE 1875
                0 @L@ INDI
                1 NAME Lonely /Undated/
                0 @F@ FAM
                1 HUSB @P@
                1 WIFE @Q@
                1 MARR
                2 DATE 1874
                1 CHIL @C1@
                1 CHIL @C2@
                0 TRLR

                """
            let document = GedcomReader.read(try GedcomFile(bytes: Array(text.utf8)))
            _ = try await GenealogyImporter(database: database).importDocument(document, into: try BaseName("default"), format: "gedcom", replace: false)
            let persons = PersonRepository(database: database)
            let base = try #require(try await BaseRepository(database: database).id(of: try BaseName("default")))
            let ids = document.persons.map(\.id.uuid)
            let separate = try await persons.livingEvidence(for: ids)
            let joined = try await persons.findWithEvidence(ids, base: base)
            #expect(joined.count == 5)
            let undated = try #require(document.persons.first { $0.firstName == "Undated" }?.id.uuid)
            let lonely = try #require(document.persons.first { $0.firstName == "Lonely" }?.id.uuid)
            #expect(joined[undated]?.evidence == separate[undated])
            #expect(joined[undated]?.evidence.earliestChildBirth != nil && joined[undated]?.evidence.earliestMarriage != nil)
            #expect(joined[lonely]?.evidence == LivingEvidence(), "no family, no evidence")
            // Dated persons are not looked up: the rule does not need their families.
            for person in document.persons where person.firstName != "Undated" && person.firstName != "Lonely" {
                #expect(joined[person.id.uuid]?.evidence == LivingEvidence())
                #expect(joined[person.id.uuid]?.person.value.id == person.id)
            }
        }
    }
}
