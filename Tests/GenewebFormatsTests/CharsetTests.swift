import GenewebFormats
import Testing

@Suite("Charsets")
struct CharsetTests {
    @Test("ANSEL puts combining marks after their letter and composes them")
    func ansel() {
        #expect(CharsetDecoder.decode([0xE2, 0x65], as: .ansel) == "é")
        #expect(CharsetDecoder.decode([0x46, 0x72, 0x61, 0x6E, 0xF0, 0x63, 0x6F, 0x69, 0x73], as: .ansel) == "François")
        #expect(CharsetDecoder.decode([0xA1, 0xB2, 0xC3], as: .ansel) == "Łø©")
        #expect(CharsetDecoder.decode([0xE8, 0x75], as: .ansel) == "ü")
        // Two marks on one letter: dot below and circumflex (Vietnamese ệ).
        #expect(CharsetDecoder.decode([0xF2, 0xE3, 0x65], as: .ansel) == "\u{1EC7}")
        #expect(CharsetDecoder.decode([0x41, 0xE2], as: .ansel) == "A \u{0301}")
    }

    @Test(
        "single-byte code pages",
        arguments: [
            (Charset.windows1252, [UInt8]([0x80, 0xE9, 0x93, 0x94]), "€é\u{201C}\u{201D}"),
            (.latin1, [0xE9, 0xE8, 0xFC], "éèü"),
            (.cp437, [0x82, 0x81, 0xA4, 0xE1], "éüñß"),
            (.macRoman, [0x8E, 0x9F, 0xA7], "éüß"),
            (.ascii, [0x41, 0x42], "AB"),
        ])
    func singleByte(charset: Charset, bytes: [UInt8], expected: String) {
        #expect(CharsetDecoder.decode(bytes, as: charset) == expected)
    }

    @Test("UTF-16 in both byte orders")
    func utf16() {
        #expect(CharsetDecoder.decode([0x00, 0x4C, 0x01, 0x41], as: .utf16BigEndian) == "LŁ")
        #expect(CharsetDecoder.decode([0x4C, 0x00, 0x41, 0x01], as: .utf16LittleEndian) == "LŁ")
    }

    @Test(
        "GEDCOM CHAR names",
        arguments: [
            ("UTF-8", Charset.utf8), ("ANSEL", .ansel), ("ANSI", .windows1252), ("IBM WINDOWS", .windows1252),
            ("IBMPC", .cp437), ("MACINTOSH", .macRoman), ("LATIN1", .latin1), ("ASCII", .ascii), ("UNICODE", .utf16LittleEndian),
        ])
    func names(name: String, charset: Charset) {
        #expect(Charset(gedcomName: name) == charset)
    }

    @Test("detection: BOM first, then the declaration, overruled by the bytes when they disagree")
    func detection() {
        func file(_ char: String?, _ body: [UInt8] = []) -> [UInt8] {
            Array(("0 HEAD\n" + (char.map { "1 CHAR \($0)\n" } ?? "") + "0 @I1@ INDI\n1 NAME ").utf8) + body + Array("\n".utf8)
        }
        #expect(CharsetDetector.gedcom([0xEF, 0xBB, 0xBF] + file("ANSEL")).charset == .utf8)
        #expect(CharsetDetector.gedcom([0xFE, 0xFF, 0x00, 0x30]).charset == .utf16BigEndian)
        #expect(CharsetDetector.gedcom([0xFF, 0xFE, 0x30, 0x00]).charset == .utf16LittleEndian)
        #expect(CharsetDetector.gedcom(file("ANSEL")).charset == .ansel)
        #expect(CharsetDetector.gedcom(file("ANSEL", [0xE2, 0x65])).charset == .ansel)
        let overruled = CharsetDetector.gedcom(file("ANSI", [0xC3, 0xA9]))
        #expect(overruled.charset == .utf8)
        #expect(overruled.warning != nil)
        let invalid = CharsetDetector.gedcom(file("UTF-8", [0xE9]))
        #expect(invalid.charset == .windows1252)
        #expect(invalid.warning != nil)
        #expect(CharsetDetector.gedcom(file(nil, [0xE9])).charset == .windows1252)
        #expect(CharsetDetector.gedcom(file(nil, [0xC3, 0xA9])).charset == .utf8)
        #expect(CharsetDetector.gedcom(file("KLINGON")).warning?.contains("KLINGON") == true)
        #expect(CharsetDetector.geneweb(Array("encoding: iso-8859-1\n".utf8) + [0xE9]).charset == .latin1)
        #expect(CharsetDetector.geneweb([0xE9, 0x0A]).charset == .latin1)
        #expect(CharsetDetector.geneweb(Array("encoding: utf-8\nfam é".utf8)).charset == .utf8)
    }
}
