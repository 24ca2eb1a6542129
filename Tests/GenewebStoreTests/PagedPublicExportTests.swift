import Foundation
import GenewebCore
import GenewebFormats
import GenewebStore
import GenewebTestSupport
import Logging
import Testing

/// The public tree written a page at a time (each page's living evidence read with it) is the
/// file the whole-base redaction gives, byte for byte.
@Suite("Paged export of the public tree")
struct PagedPublicExportTests {
    @Test(
        "royal92 with living families: the paged public tree is byte-identical to the whole-base redaction",
        .enabled(if: Corpus.runsTests, "corpus not found: set GENEWEB_CORPUS_DIR"), arguments: allEngines
    )
    func byteIdentical(engine: DatabaseEngine) async throws {
        try await EngineFixture.with(engine) { database in
            try await MigrationRunner(database: database, logger: Logger(label: "test")).migrate()
            let base = try BaseName("royal")
            _ = try await GenealogyImporter(database: database).importDocument(try LivingRoyals.document(), into: base, format: "gedcom", replace: false)
            let exporter = GenealogyExporter(database: database)
            let whole = try #require(try await exporter.load(base))
            #expect(whole.persons.count == LivingRoyals.personCount)
            let export = try #require(try await exporter.open(base))
            let rule = LivingRule()
            for version in [GedcomDateVersion.v551, .v7] {
                let expected = LivingRoyals.wholeRedaction(whole, version: version, rule: rule)
                var paged = ""
                let redacted = try await exporter.writeGedcom(export, version: version, audience: .publicTree(rule)) { paged += $0 }
                #expect(paged == expected.text)
                #expect(redacted == expected.redacted)
                // The living couple, their parents and child are hidden, with their families' events.
                for secret in LivingRoyals.secrets {
                    #expect(!paged.contains(secret), "\(secret) leaks")
                }
                // Victor has no date but a child born 1850: not living, so shown.
                #expect(paged.contains("Victor /Ancien/"))
                #expect(redacted >= 5)
                var everything = ""
                #expect(try await exporter.writeGedcom(export, version: version) { everything += $0 } == 0)
                #expect(everything == GedcomWriter(document: whole, version: version).pieces().joined())
                #expect(everything.contains("Claire /Presente/"))
            }
        }
    }
}
