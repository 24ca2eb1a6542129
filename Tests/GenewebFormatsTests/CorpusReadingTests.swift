import GenewebFormats
import GenewebTestSupport
import Testing

/// Every GEDCOM file of the shared corpus, read with the counts its README gives.
@Suite("Corpus GEDCOM files", .enabled(if: Corpus.runsTests, "corpus not found: set GENEWEB_CORPUS_DIR"))
struct CorpusReadingTests {
    @Test(
        "record counts match the corpus README",
        arguments: [
            ("gramps-sample.ged", 42, 15), ("royal92.ged", 3010, 1422), ("pres2020.ged", 2322, 1115),
            ("Queen.ged", 4683, 2863), ("TGC55C.ged", 15, 7), ("irish-kings.ged", 178, 113),
            ("maximal70.ged", 4, 2), ("UHLBOMCL.GED", 35, 1),
        ])
    func counts(name: String, persons: Int, families: Int) throws {
        let file = try GedcomFile(bytes: Corpus.bytes(name))
        let survey = GedcomSurvey(file)
        #expect(survey.count("INDI") == persons)
        #expect(survey.count("FAM") == families)
        #expect(!survey.warnings.contains { $0.kind == .malformedLine }, "\(survey.warnings.prefix(3))")
    }

    @Test(
        "each file's charset is recognised",
        arguments: [
            ("gramps-sample.ged", Charset.utf8), ("royal92.ged", .ansel), ("pres2020.ged", .utf8), ("Queen.ged", .utf8),
            ("TGC55C.ged", .ansel), ("irish-kings.ged", .windows1252), ("maximal70.ged", .utf8), ("UHLBOMCL.GED", .utf16BigEndian),
        ])
    func charsets(name: String, charset: Charset) throws {
        #expect(try GedcomFile(bytes: Corpus.bytes(name)).charset.charset == charset)
    }

    func allText(_ name: String) throws -> String {
        var text = ""
        func walk(_ node: GedcomNode) {
            text += (node.value ?? "") + "\n"
            node.children.forEach(walk)
        }
        let file = try GedcomFile(bytes: Corpus.bytes(name))
        walk(file.header)
        for record in file.records() { walk(record) }
        return text
    }

    @Test("diacritics come out as the files mean them (ANSEL, Windows-1252, UTF-16, UTF-8)")
    func diacritics() throws {
        let ansel = try allText("TGC55C.ged")
        #expect(ansel.contains("© 1997 by H. Eichmann"))
        #expect(ansel.contains("áb́ćd́é"))
        #expect(!ansel.contains("\u{FFFD}"))
        let utf16 = try allText("UHLBOMCL.GED")
        #expect(utf16.contains("capital L with stroke (Ł), capital O with stroke (Ø)"))
        #expect(utf16.contains("capital AE (Æ), capital ligature OE (Œ)"))
        let cp1252 = try allText("irish-kings.ged")
        #expect(cp1252.contains("La Coruña"))
        #expect(cp1252.contains("Castile and León"))
        #expect(cp1252.contains("£5.99"))
        let utf8 = try allText("gramps-sample.ged")
        #expect(utf8.contains("Löderup, Malmöhus Län, Sweden"))
        #expect(utf8.contains("Rønne, Bornholm, Denmark"))
    }

    @Test("Queen.ged quirks: custom level-0 record after a double space, no newline after TRLR")
    func queenQuirks() throws {
        let file = try GedcomFile(bytes: Corpus.bytes("Queen.ged"))
        let survey = GedcomSurvey(file)
        #expect(survey.count("_PUBLISH") == 1)
        #expect(survey.hasTrailer)
        #expect(file.version == "5.5.1")
    }

    @Test("GEDCOM 7 is recognised as such")
    func gedcom7() throws {
        let file = try GedcomFile(bytes: Corpus.bytes("maximal70.ged"))
        #expect(file.isGedcom7)
        #expect(!(try GedcomFile(bytes: Corpus.bytes("royal92.ged")).isGedcom7))
    }
}
