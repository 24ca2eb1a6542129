/// One line of a GEDCOM file: `LEVEL [@XREF@] TAG [VALUE]`.
public struct GedcomLine: Sendable, Hashable {
    public let level: Int
    public let xref: String?
    public let tag: String
    public let value: String?
    /// 1-based line number in the file, for warnings.
    public let number: Int

    /// The deepest level read as a level. GEDCOM 5.5.1 allows 0–99; GEDCOM 7 sets no limit, but
    /// no real file nests that deep, and a bound keeps the record tree (and every walk over it)
    /// shallow. A line with a higher level is kept as text (a continuation, with a warning).
    public static let maximumLevel = 99
    static let maximumLevelDigits = 3

    /// Reads a line tolerantly: leading whitespace, several spaces after the level, tabs. Returns
    /// nil when the line has no level number or no tag.
    public init?(_ text: Substring, number: Int) {
        var text = String(text)
        guard let line = text.withUTF8({ GedcomLine(line: $0, charset: .utf8, number: number) }) else { return nil }
        self = line
    }

    /// Reads a line from its bytes in `charset` (any ASCII-compatible charset: UTF-8, Latin-1,
    /// ANSEL, the code pages). Level, xref and tag are ASCII and read as bytes; only the value is
    /// decoded, which keeps reading a large file cheap.
    public init?(line bytes: UnsafeBufferPointer<UInt8>, charset: Charset, number: Int) {
        let space = UInt8(ascii: " ")
        let tab = UInt8(ascii: "\t")
        let at = UInt8(ascii: "@")
        let end = bytes.count
        var index = 0
        // Leading whitespace, and a byte-order mark some editors leave at the start of a line.
        while index < end {
            if bytes[index] == space || bytes[index] == tab {
                index += 1
                continue
            }
            if charset == .utf8, index + 2 < end, bytes[index] == 0xEF, bytes[index + 1] == 0xBB, bytes[index + 2] == 0xBF {
                index += 3
                continue
            }
            break
        }
        let digitsStart = index
        while index < end, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
        // Counted before any arithmetic: a run of digits longer than a level is text, never a number
        // to overflow on.
        guard index > digitsStart, index - digitsStart <= Self.maximumLevelDigits else { return nil }
        var level = 0
        for digit in bytes[digitsStart..<index] { level = level * 10 + Int(digit - UInt8(ascii: "0")) }
        guard level <= Self.maximumLevel else { return nil }
        guard index < end, bytes[index] == space || bytes[index] == tab else { return nil }
        while index < end, bytes[index] == space || bytes[index] == tab { index += 1 }
        var xref: String?
        if index < end, bytes[index] == at, let close = (index + 1..<end).first(where: { bytes[$0] == at }) {
            xref = CharsetDecoder.decode(UnsafeBufferPointer(rebasing: bytes[index...close]), as: charset)
            index = close + 1
            while index < end, bytes[index] == space || bytes[index] == tab { index += 1 }
        }
        let tagStart = index
        while index < end, bytes[index] != space, bytes[index] != tab { index += 1 }
        guard index > tagStart else { return nil }
        let tagBytes = UnsafeBufferPointer(rebasing: bytes[tagStart..<index])
        // One delimiter separates tag and value; further spaces belong to the value (CONC needs them).
        if index < end { index += 1 }
        self.level = level
        self.xref = xref
        // Standard tags are upper case; some old programs wrote them otherwise. Extension tags keep
        // their case: GEDCOM 7 tags are case-sensitive, and `_myTag` must come back as written.
        if tagBytes[0] == UInt8(ascii: "_") {
            self.tag = CharsetDecoder.decode(tagBytes, as: charset)
        } else if tagBytes.allSatisfy({ $0 < 0x80 }) {
            self.tag = String(decoding: tagBytes.lazy.map { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") ? $0 - 0x20 : $0 }, as: UTF8.self)
        } else {
            self.tag = CharsetDecoder.decode(tagBytes, as: charset).uppercased()
        }
        self.value = index < end ? CharsetDecoder.decode(UnsafeBufferPointer(rebasing: bytes[index..<end]), as: charset) : nil
        self.number = number
    }

    /// A line that had no level number: a value wrapped by some editor, to be kept as a
    /// continuation (`CONT`) of the previous structure.
    public init(continuation text: String, number: Int) {
        self.level = -1
        self.xref = nil
        self.tag = "CONT"
        self.value = text
        self.number = number
    }

    /// True for lines made by `init(continuation:number:)`.
    public var isWrappedContinuation: Bool { level < 0 }

    /// True when the value is a pointer to a record (`@I1@`), not text.
    public var isPointer: Bool {
        guard let value else { return false }
        let utf8 = value.utf8
        guard utf8.count >= 3, utf8.first == UInt8(ascii: "@"), utf8.last == UInt8(ascii: "@") else { return false }
        let inner = utf8.dropFirst().dropLast()
        return !inner.contains(UInt8(ascii: "@")) && inner.first != UInt8(ascii: "#")
    }
}
