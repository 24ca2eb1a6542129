import Foundation
import GenewebCore
import GenewebFormats
import GenewebTestSupport
import Testing

/// What the readers do with numbers too large to be what they claim, NUL characters, and very
/// long values: never a trap, never a NUL handed on, the same text as a short file would give.
@Suite("Reader bounds: huge numbers, NUL characters, long values")
struct ReaderBoundsTests {
    func read(_ text: String) throws -> GedcomDocument {
        try read(Array(text.utf8))
    }

    func read(_ bytes: [UInt8], fileName: String? = nil) throws -> GedcomDocument {
        try GenealogyFile.read(bytes, fileName: fileName, format: .auto).0
    }

    // MARK: Levels

    @Test("the 50-byte file of issue 14: a 20-digit level is text with a warning, not a trap")
    func twentyDigitLevel() throws {
        let text = "0 HEAD\n1 CHAR UTF-8\n99999999999999999999 X\n0 TRLR\n"
        let document = try read(text)
        #expect(document.warnings.contains { $0.kind == .malformedLine && $0.line == 3 })
        #expect(document.header?.children.first?.value == "UTF-8\n99999999999999999999 X")
    }

    @Test("levels up to 99 nest; 100 and beyond are text kept as a continuation")
    func levelLimit() throws {
        #expect(GedcomLine("99 _DEEP x", number: 1)?.level == 99)
        #expect(GedcomLine("099 _DEEP x", number: 1)?.level == 99)
        #expect(GedcomLine("100 _DEEP x", number: 1) == nil)
        #expect(GedcomLine("9223372036854775807 X", number: 1) == nil)
        #expect(GedcomLine("18446744073709551616 X", number: 1) == nil)
        var ladder = "0 HEAD\n0 @I1@ INDI\n1 NAME A /B/\n"
        for level in 1...120 { ladder += "\(level) _L\(level) v\n" }
        ladder += "0 TRLR\n"
        let file = try GedcomFile(bytes: Array(ladder.utf8))
        var records = file.records()
        let first = records.next()
        let person = try #require(first)
        var depth = 0
        var node = person
        while let child = node.children.last(where: { $0.tag.hasPrefix("_L") }) {
            depth += 1
            node = child
        }
        #expect(depth == 99)
        #expect(node.value == "v" + (100...120).map { "\n\($0) _L\($0) v" }.joined())
        _ = records.next()
        #expect(records.warnings.filter { $0.kind == .malformedLine }.count == 21)
    }

    // MARK: NUL

    @Test("a NUL in a UTF-8 GEDCOM value is dropped with a warning naming its line")
    func nulInUTF8() throws {
        let bytes = Array("0 HEAD\n1 CHAR UTF-8\n0 @I1@ INDI\n1 NAME Je".utf8) + [0] + Array("an /Du\0pont/\n0 TRLR\n".utf8)
        let document = try read(bytes)
        #expect(document.persons.first?.firstName == "Jean")
        #expect(document.persons.first?.surname == "Dupont")
        #expect(document.warnings.filter { $0.kind == .nulCharacter }.map(\.line) == [4])
    }

    @Test("a NUL in a UTF-16 GEDCOM, in ANSEL, in a .gw file is dropped the same way")
    func nulInOtherCharsets() throws {
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "0 HEAD\r\n1 CHAR UNICODE\r\n0 @I1@ INDI\r\n1 NAME Ł\u{0}ukasz /Nul/\r\n0 TRLR\r\n".utf16 {
            utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        let fromUTF16 = try read(utf16)
        #expect(fromUTF16.persons.first?.firstName == "Łukasz")
        #expect(fromUTF16.warnings.filter { $0.kind == .nulCharacter }.map(\.line) == [4])

        let ansel = Array("0 HEAD\n1 CHAR ANSEL\n0 @I1@ INDI\n1 NAME ".utf8) + [0xE2, 0, 0x65] + Array("mile /Nul/\n0 TRLR\n".utf8)
        let fromANSEL = try read(ansel)
        #expect(fromANSEL.persons.first?.firstName == "émile")
        #expect(fromANSEL.warnings.filter { $0.kind == .nulCharacter }.map(\.line) == [4])

        let gw = Array("encoding: utf-8\n\nfam Du\0pont Jean + Martin Ma\0rie\n".utf8)
        let fromGw = try read(gw, fileName: "nul.gw")
        #expect(fromGw.persons.map(\.surname) == ["Dupont", "Martin"])
        #expect(fromGw.persons.map(\.firstName) == ["Jean", "Marie"])
        #expect(fromGw.warnings.filter { $0.kind == .nulCharacter }.map(\.line) == [3])
    }

    @Test("a file with a few NULs is read, one made of them is still binary")
    func nulAndBinary() throws {
        var text = Array("0 HEAD\n1 CHAR UTF-8\n0 @I1@ INDI\n1 NAME A /B/\n".utf8)
        text.insert(0, at: 9)
        #expect(throws: Never.self) { try GedcomFile(bytes: text + Array("0 TRLR\n".utf8)) }
        #expect(throws: GedcomFileError.notText) { try GedcomFile(bytes: Array("0 HEAD\n".utf8) + [UInt8](repeating: 0, count: 64)) }
        #expect(throws: GenewebFileError.notText) { try GenewebReader.read(bytes: Array("fam A B + C D\n".utf8) + [UInt8](repeating: 0, count: 64)) }
    }

    // MARK: Numbers in .gw files

    @Test(".gw occurrence numbers beyond the bound are part of the name, never a number")
    func occurrenceBound() throws {
        let text = "fam Huge Jean.2147483647 + Huge Marie.2147483648\nbeg\n- h Paul.99999999999999999999\nend\n"
        let document = try read(Array(text.utf8), fileName: "huge.gw")
        let byName = Dictionary(uniqueKeysWithValues: document.persons.map { ($0.firstName, $0.occurrence) })
        #expect(byName["Jean"] == Occurrence.maximum)
        #expect(byName["Marie.2147483648"] == 0)
        #expect(byName["Paul.99999999999999999999"] == 0)
    }

    @Test(".gw dates and title numbers too large become text or nothing, never a trap")
    func genewebNumbers() throws {
        let text = """
            fam Big Jean 1/1/9223372036854775807 -9223372036854775808 [*:duc:X:1400:99999999999999999999999:9223372036854775807] +999999 Big Anne 1000000
            """
        let document = try read(Array((text + "\n").utf8), fileName: "big.gw")
        let jean = try #require(document.persons.first { $0.firstName == "Jean" })
        #expect(jean.events.first { $0.kind == .birth }?.date == .text("1/1/9223372036854775807"))
        #expect(jean.titles.first?.nth == 0)
        let anne = try #require(document.persons.first { $0.firstName == "Anne" })
        #expect(anne.events.first { $0.kind == .birth }?.date == .text("1000000"))
        #expect(document.families.first?.events.first?.date?.calendarDate?.dmy.year == 999_999)
    }

    // MARK: Long values

    @Test("a note of 20,000 CONT and CONC lines is joined exactly")
    func longContinuation() throws {
        var text = "0 HEAD\n1 CHAR UTF-8\n0 @N1@ NOTE start\n"
        var expected = "start"
        for index in 0..<20_000 {
            let tag = index % 3 == 0 ? "CONC" : "CONT"
            text += "1 \(tag) p\(index)@@\n"
            expected += (tag == "CONT" ? "\n" : "") + "p\(index)@"
        }
        text += "0 TRLR\n"
        let document = try read(text)
        #expect(document.notes.first?.text == expected)
    }

    @Test("a .gw event with 5,000 note lines and a line of 5,000 words keeps them all")
    func longGenewebBlocks() throws {
        var text = "fam Long Jean + Long Marie\nfevt\n#marr 1850 " + (0..<5_000).map { "w\($0)" }.joined(separator: " ") + "\n"
        text += (0..<5_000).map { "note line \($0)\n" }.joined() + "end fevt\n"
        let document = try read(Array(text.utf8), fileName: "long.gw")
        let marriage = try #require(document.families.first?.events.first)
        #expect(marriage.note == (0..<5_000).map { "line \($0)" }.joined(separator: "\n"))
        #expect(marriage.value == (0..<5_000).map { "w\($0)" }.joined(separator: " "))
    }

    @Test("ANSEL letter by letter gives the same scalars as composing the whole line")
    func anselComposition() {
        var random = FuzzRandom(seed: 14)
        let marks: [UInt8] = Array(0xE0...0xFB) + [0xFE]
        let bases: [UInt8] = Array(0x20...0x7E) + Array(0xA1...0xC8) + [0xCD, 0xCE, 0xCF, 0x80, 0xD5]
        for _ in 0..<500 {
            var bytes: [UInt8] = []
            for _ in 0..<random.below(40) {
                for _ in 0..<random.below(4) { bytes.append(marks[random.below(marks.count)]) }
                bytes.append(bases[random.below(bases.count)])
            }
            if random.below(4) == 0 { bytes.append(marks[random.below(marks.count)]) }
            let decoded = CharsetDecoder.decode(bytes, as: .ansel)
            let whole = Self.wholeLineReference(bytes)
            #expect(Array(decoded.unicodeScalars) == Array(whole.unicodeScalars), "\(bytes)")
        }
    }

    /// The former decoder: marks moved after their letter, then the whole line composed at once.
    static func wholeLineReference(_ bytes: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        var pending: [Unicode.Scalar] = []
        for byte in bytes {
            if (0xE0...0xFE).contains(byte), let mark = CharsetDecoder.decode([byte, 0x20], as: .ansel).unicodeScalars.last, mark.value != 0x20 {
                pending.append(mark)
                continue
            }
            scalars.append(contentsOf: CharsetDecoder.decode([byte], as: .ansel).unicodeScalars)
            scalars.append(contentsOf: pending)
            pending.removeAll()
        }
        if !pending.isEmpty {
            scalars.append(" ")
            scalars.append(contentsOf: pending)
        }
        return String(scalars).precomposedStringWithCanonicalMapping
    }
}
