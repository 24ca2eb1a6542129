import GenewebFormats
import Testing

@Suite("GEDCOM lines and records")
struct GedcomLexerTests {
    func records(_ text: String) throws -> (file: GedcomFile, records: [GedcomNode], warnings: [ImportWarning]) {
        let file = try GedcomFile(bytes: Array(text.utf8))
        var sequence = file.records()
        var all: [GedcomNode] = []
        while let record = sequence.next() { all.append(record) }
        return (file, all, sequence.warnings)
    }

    @Test("lines: level, xref, tag, value; tolerant spacing")
    func lines() throws {
        let line = try #require(GedcomLine("  1  @N1@ NOTE  two spaces kept", number: 3))
        #expect(line.level == 1 && line.xref == "@N1@" && line.tag == "NOTE" && line.value == " two spaces kept" && line.number == 3)
        #expect(GedcomLine("0 TRLR", number: 1)?.value == nil)
        #expect(GedcomLine("1 HUSB @I1@", number: 1)?.isPointer == true)
        #expect(GedcomLine("1 NOTE @I1@ says hi", number: 1)?.isPointer == false)
        #expect(GedcomLine("2 DATE @#DJULIAN@ 1700", number: 1)?.isPointer == false)
        #expect(GedcomLine("no level here", number: 1) == nil)
        #expect(GedcomLine("1", number: 1) == nil)
        #expect(GedcomLine("1\tNAME\tJean /Dupont/", number: 1)?.value == "Jean /Dupont/")
    }

    @Test("records nest by level; CONC and CONT join; @@ unescapes")
    func tree() throws {
        let text = """
            0 HEAD
            1 CHAR UTF-8
            0 @I1@ INDI
            1 NAME Jean /Dupont/
            2 GIVN Jean
            1 NOTE First line
            2 CONT second line with jean@@example.org
            2 CONC  continued
            1 BIRT
            2 DATE 1 JAN 1850
            0 @F1@ FAM
            1 HUSB @I1@
            0 TRLR
            """
        let (_, records, warnings) = try records(text)
        #expect(records.map(\.tag) == ["INDI", "FAM", "TRLR"])
        let person = records[0]
        #expect(person.xref == "@I1@")
        #expect(person.first("NAME")?.text("GIVN") == "Jean")
        #expect(person.text("NOTE") == "First line\nsecond line with jean@example.org continued")
        #expect(person.first("BIRT")?.text("DATE") == "1 JAN 1850")
        #expect(records[1].first("HUSB")?.isPointer == true)
        #expect(warnings.isEmpty)
    }

    @Test("CR-only and CRLF line ends, no final newline, no trailer")
    func lineEnds() throws {
        for separator in ["\r", "\r\n", "\n"] {
            let text = ["0 HEAD", "0 @I1@ INDI", "1 NAME A /B/", "0 @I2@ INDI"].joined(separator: separator)
            let (_, records, _) = try records(text)
            #expect(records.count == 2)
            #expect(records[0].text("NAME") == "A /B/")
        }
    }

    @Test("a line without level is kept as a continuation, with a warning")
    func wrapped() throws {
        let (_, records, warnings) = try records("0 HEAD\n0 @N1@ NOTE start\nwrapped by an editor\n0 TRLR\n")
        #expect(records.first?.value == "start\nwrapped by an editor")
        #expect(warnings.count == 1)
        #expect(warnings.first?.line == 3)
    }

    @Test("files that are not GEDCOM are refused before anything is read")
    func refusals() {
        #expect(throws: GedcomFileError.empty) { try GedcomFile(bytes: []) }
        #expect(throws: GedcomFileError.notText) { try GedcomFile(bytes: [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00, 0x00]) }
        #expect(throws: GedcomFileError.notGedcom) { try GedcomFile(bytes: Array("hello world\n".utf8)) }
        #expect(throws: GedcomFileError.notGedcom) { try GedcomFile(bytes: Array("encoding: utf-8\ngwplus\n\nfam A B + C D\n".utf8)) }
        #expect(throws: GedcomFileError.notGedcom) { try GedcomFile(bytes: Array("0 @I1@ INDI\n1 NAME A /B/\n".utf8)) }
    }

    @Test("a huge line is read whole")
    func hugeLine() throws {
        let long = String(repeating: "x", count: 2_000_000)
        let (_, records, _) = try records("0 HEAD\n0 @N1@ NOTE \(long)\n0 TRLR\n")
        #expect(records.first?.value?.count == 2_000_000)
    }

    @Test("the survey counts records and reports dangling pointers and duplicate xrefs with lines")
    func survey() throws {
        let file = try GedcomFile(bytes: Array("0 HEAD\n0 @I1@ INDI\n1 FAMS @F9@\n0 @I1@ INDI\n0 @F1@ FAM\n1 CHIL @I1@\n".utf8))
        let survey = GedcomSurvey(file)
        #expect(survey.count("INDI") == 2 && survey.count("FAM") == 1)
        #expect(!survey.hasTrailer)
        #expect(survey.warnings.contains { $0.kind == .danglingPointer && $0.line == 3 && $0.message.contains("@F9@") })
        #expect(survey.warnings.contains { $0.kind == .duplicateXref && $0.line == 4 })
    }
}
