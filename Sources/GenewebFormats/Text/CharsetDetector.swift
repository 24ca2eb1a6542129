import Foundation

/// Decides how a file's bytes are to be read, and says why.
///
/// Order of evidence: a byte-order mark wins; then the declaration (`1 CHAR` in a GEDCOM header,
/// `encoding:` in a `.gw` file); then the bytes themselves. A declaration is overruled when the
/// bytes contradict it: non-ASCII bytes that form valid UTF-8 are read as UTF-8 whatever the
/// header says (exporters often write `ANSI` over UTF-8), and a file declared UTF-8 that is not
/// valid UTF-8 is read as Windows-1252. Without a declaration: UTF-8 if valid, else Windows-1252
/// (GEDCOM) or Latin-1 (`.gw`, as GeneWeb does).
public struct CharsetDecision: Sendable, Equatable {
    public let charset: Charset
    /// Bytes to skip at the start (the byte-order mark).
    public let bomLength: Int
    /// What the file declared, if anything.
    public let declared: String?
    /// A warning when the declaration was missing, unknown or overruled.
    public let warning: String?
}

public enum CharsetDetector {
    /// Decides the charset of a GEDCOM file from its bytes.
    public static func gedcom(_ bytes: some Collection<UInt8>) -> CharsetDecision {
        let bytes = Array(bytes.prefix(1 << 20))
        if let bom = byteOrderMark(bytes) { return bom }
        let declared = declaredGedcomCharset(bytes)
        return decide(bytes, declared: declared, declaredCharset: declared.flatMap(Charset.init(gedcomName:)), fallback: .windows1252)
    }

    /// Decides the charset of a GeneWeb `.gw` file (`encoding: utf-8` or `encoding: iso-8859-1`).
    public static func geneweb(_ bytes: some Collection<UInt8>) -> CharsetDecision {
        let bytes = Array(bytes.prefix(1 << 20))
        if let bom = byteOrderMark(bytes) { return bom }
        var declared: String?
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self)
        for line in head.split(whereSeparator: \.isNewline).prefix(20) where line.hasPrefix("encoding:") {
            declared = printable(line.dropFirst("encoding:".count))
        }
        return decide(bytes, declared: declared, declaredCharset: declared.flatMap(Charset.init(gedcomName:)), fallback: .latin1)
    }

    static func byteOrderMark(_ bytes: [UInt8]) -> CharsetDecision? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return .init(charset: .utf8, bomLength: 3, declared: nil, warning: nil) }
        if bytes.starts(with: [0xFF, 0xFE]) { return .init(charset: .utf16LittleEndian, bomLength: 2, declared: nil, warning: nil) }
        if bytes.starts(with: [0xFE, 0xFF]) { return .init(charset: .utf16BigEndian, bomLength: 2, declared: nil, warning: nil) }
        // UTF-16 without BOM: "0" then NUL, or NUL then "0".
        if bytes.count >= 4 {
            if bytes[0] == 0x30, bytes[1] == 0 {
                return .init(charset: .utf16LittleEndian, bomLength: 0, declared: nil, warning: "UTF-16 without byte-order mark")
            }
            if bytes[0] == 0, bytes[1] == 0x30 {
                return .init(charset: .utf16BigEndian, bomLength: 0, declared: nil, warning: "UTF-16 without byte-order mark")
            }
        }
        return nil
    }

    /// The value of the first `1 CHAR` line of the header, read as ASCII.
    static func declaredGedcomCharset(_ bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(16384).map { $0 < 0x80 ? $0 : 0x3F }, as: UTF8.self)
        for line in head.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let words = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
            if words.count >= 2, words[0] == "0", words[1] != "HEAD" { break }
            if words.count == 3, words[0] == "1", words[1] == "CHAR" {
                return printable(words[2])
            }
        }
        return nil
    }

    /// A declared name as warnings may quote it: control characters (a NUL) dropped, spaces trimmed.
    static func printable(_ name: Substring) -> String {
        String(String.UnicodeScalarView(name.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))
            .trimmingCharacters(in: .whitespaces)
    }

    static func decide(_ bytes: [UInt8], declared: String?, declaredCharset: Charset?, fallback: Charset) -> CharsetDecision {
        let isASCII = bytes.allSatisfy { $0 < 0x80 }
        let isUTF8 = !isASCII && String(validating: bytes, as: UTF8.self) != nil
        switch (declaredCharset, declared) {
        case (.some(let charset), _) where charset == .utf16LittleEndian || charset == .utf16BigEndian:
            // Declared UNICODE but no BOM and not UTF-16 shaped: the bytes are 8-bit.
            return .init(
                charset: isUTF8 || isASCII ? .utf8 : fallback, bomLength: 0, declared: declared,
                warning: "declared \(declared ?? "") but the file is not UTF-16")
        case (.some(.utf8), _):
            if isUTF8 || isASCII { return .init(charset: .utf8, bomLength: 0, declared: declared, warning: nil) }
            return .init(charset: fallback, bomLength: 0, declared: declared, warning: "declared UTF-8 but not valid UTF-8; read as \(fallback.rawValue)")
        case (.some(let charset), _):
            if isUTF8 {
                return .init(
                    charset: .utf8, bomLength: 0, declared: declared, warning: "declared \(declared ?? "") but the bytes are valid UTF-8; read as UTF-8")
            }
            return .init(charset: charset, bomLength: 0, declared: declared, warning: nil)
        case (.none, .some(let name)):
            let chosen: Charset = isUTF8 || isASCII ? .utf8 : fallback
            return .init(charset: chosen, bomLength: 0, declared: name, warning: "unknown charset \(name); read as \(chosen.rawValue)")
        case (.none, .none):
            let chosen: Charset = isUTF8 || isASCII ? .utf8 : fallback
            return .init(charset: chosen, bomLength: 0, declared: nil, warning: isASCII ? nil : "no charset declared; read as \(chosen.rawValue)")
        }
    }
}
