import Foundation

/// ANSEL (ANSI Z39.47-1985) with the GEDCOM additions.
///
/// ANSEL writes a combining diacritic *before* its base letter ("é" is 0xE2 then "e"); Unicode
/// puts it after. We collect the marks, emit them after the next base character, and compose
/// each letter with its marks (NFC), so "0xE2 e" becomes "é" (U+00E9).
enum ANSEL {
    static func decode(_ bytes: some Collection<UInt8>) -> String {
        // Most lines of most ANSEL files are plain ASCII, which reads as it is.
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        var text = String()
        text.reserveCapacity(bytes.count)
        var composer = LetterComposer()
        var pendingMarks: [UInt8] = []
        for byte in bytes {
            let base: Unicode.Scalar
            if byte < 0x80 {
                base = Unicode.Scalar(byte)
            } else if markOfByte[Int(byte)] != nil {
                pendingMarks.append(byte)
                continue
            } else {
                base = characterOfByte[Int(byte)] ?? "\u{FFFD}"
            }
            if pendingMarks.isEmpty {
                text.unicodeScalars.append(base)
            } else {
                text += composer.compose(base, marks: pendingMarks)
                pendingMarks.removeAll(keepingCapacity: true)
            }
        }
        // Marks with nothing after them attach to a space, as ANSEL intends for lone accents.
        if !pendingMarks.isEmpty { text += composer.compose(" ", marks: pendingMarks) }
        return text
    }

    /// Composes a letter with the marks written before it (NFC). Composing each letter alone
    /// gives the text that composing the whole line gives (every ANSEL base character is a
    /// starter that composes with nothing before it) and keeps decoding linear: Foundation's
    /// normalisation of a whole long line took seconds. Letters already met are remembered.
    struct LetterComposer {
        private var known: [UInt64: String] = [:]
        /// Letters remembered at most: a file has few distinct accented letters.
        private static let knownLimit = 4096
        /// Marks composed at most on one letter (Unicode's stream-safe limit); a longer run of
        /// marks is junk, kept as it is rather than reordered (whose cost grows with its square).
        private static let marksLimit = 30

        mutating func compose(_ base: Unicode.Scalar, marks: [UInt8]) -> String {
            // The base's code point and up to five mark bytes make the key of a letter.
            var key: UInt64?
            if marks.count <= 5 {
                key = marks.reduce(UInt64(base.value)) { $0 << 8 | UInt64($1) } | UInt64(marks.count) << 61
                if let composed = known[key!] { return composed }
            }
            var letter = String.UnicodeScalarView()
            letter.append(base)
            letter.append(contentsOf: marks.compactMap { markOfByte[Int($0)] })
            guard marks.count <= Self.marksLimit else { return String(letter) }
            let composed = String(letter).precomposedStringWithCanonicalMapping
            if let key, known.count < Self.knownLimit { known[key] = composed }
            return composed
        }
    }

    /// `spacing` and `combining` indexed by byte, for the decoding loop.
    static let characterOfByte: [Unicode.Scalar?] = (0...255).map { spacing[UInt8($0)] }
    static let markOfByte: [Unicode.Scalar?] = (0...255).map { combining[UInt8($0)] }

    /// Characters that stand on their own (0xA1–0xCF).
    static let spacing: [UInt8: Unicode.Scalar] = [
        0xA1: "\u{0141}", 0xA2: "\u{00D8}", 0xA3: "\u{0110}", 0xA4: "\u{00DE}", 0xA5: "\u{00C6}",
        0xA6: "\u{0152}", 0xA7: "\u{02B9}", 0xA8: "\u{00B7}", 0xA9: "\u{266D}", 0xAA: "\u{00AE}",
        0xAB: "\u{00B1}", 0xAC: "\u{01A0}", 0xAD: "\u{01AF}", 0xAE: "\u{02BC}", 0xB0: "\u{02BB}",
        0xB1: "\u{0142}", 0xB2: "\u{00F8}", 0xB3: "\u{0111}", 0xB4: "\u{00FE}", 0xB5: "\u{00E6}",
        0xB6: "\u{0153}", 0xB7: "\u{02BA}", 0xB8: "\u{0131}", 0xB9: "\u{00A3}", 0xBA: "\u{00F0}",
        0xBC: "\u{01A1}", 0xBD: "\u{01B0}", 0xBE: "\u{25A1}", 0xBF: "\u{25A0}", 0xC0: "\u{00B0}",
        0xC1: "\u{2113}", 0xC2: "\u{2117}", 0xC3: "\u{00A9}", 0xC4: "\u{266F}", 0xC5: "\u{00BF}",
        0xC6: "\u{00A1}", 0xC7: "\u{00DF}", 0xC8: "\u{20AC}", 0xCD: "e", 0xCE: "o", 0xCF: "\u{00DF}",
    ]

    /// Combining diacritics (0xE0–0xFE), written before the letter they modify.
    static let combining: [UInt8: Unicode.Scalar] = [
        0xE0: "\u{0309}", 0xE1: "\u{0300}", 0xE2: "\u{0301}", 0xE3: "\u{0302}", 0xE4: "\u{0303}",
        0xE5: "\u{0304}", 0xE6: "\u{0306}", 0xE7: "\u{0307}", 0xE8: "\u{0308}", 0xE9: "\u{030C}",
        0xEA: "\u{030A}", 0xEB: "\u{FE20}", 0xEC: "\u{FE21}", 0xED: "\u{0315}", 0xEE: "\u{030B}",
        0xEF: "\u{0310}", 0xF0: "\u{0327}", 0xF1: "\u{0328}", 0xF2: "\u{0323}", 0xF3: "\u{0324}",
        0xF4: "\u{0325}", 0xF5: "\u{0333}", 0xF6: "\u{0332}", 0xF7: "\u{0326}", 0xF8: "\u{031C}",
        0xF9: "\u{032E}", 0xFA: "\u{FE22}", 0xFB: "\u{FE23}", 0xFE: "\u{0313}",
    ]
}
