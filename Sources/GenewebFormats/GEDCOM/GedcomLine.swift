/// One line of a GEDCOM file: `LEVEL [@XREF@] TAG [VALUE]`.
public struct GedcomLine: Sendable, Hashable {
    public let level: Int
    public let xref: String?
    public let tag: String
    public let value: String?
    /// 1-based line number in the file, for warnings.
    public let number: Int

    /// Reads a line tolerantly: leading whitespace, several spaces after the level, tabs. Returns
    /// nil when the line has no level number or no tag.
    public init?(_ text: Substring, number: Int) {
        var rest = text.drop(while: { $0 == " " || $0 == "\t" || $0 == "\u{FEFF}" })
        let digits = rest.prefix(while: \.isASCII).prefix(while: \.isNumber)
        guard !digits.isEmpty, digits.count <= 3, let level = Int(digits) else { return nil }
        rest = rest.dropFirst(digits.count)
        guard rest.first == " " || rest.first == "\t" else { return nil }
        rest = rest.drop(while: { $0 == " " || $0 == "\t" })
        var xref: String?
        if rest.first == "@", let end = rest.dropFirst().firstIndex(of: "@") {
            xref = String(rest[rest.startIndex...end])
            rest = rest[rest.index(after: end)...].drop(while: { $0 == " " || $0 == "\t" })
        }
        let tag = rest.prefix(while: { $0 != " " && $0 != "\t" })
        guard !tag.isEmpty else { return nil }
        rest = rest.dropFirst(tag.count)
        // One delimiter separates tag and value; further spaces belong to the value (CONC needs them).
        if let first = rest.first, first == " " || first == "\t" { rest = rest.dropFirst() }
        self.level = level
        self.xref = xref
        // Standard tags are upper case; some old programs wrote them otherwise. Extension tags keep
        // their case: GEDCOM 7 tags are case-sensitive, and `_myTag` must come back as written.
        self.tag = tag.hasPrefix("_") ? String(tag) : String(tag).uppercased()
        self.value = rest.isEmpty ? nil : String(rest)
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
        guard let value, value.count >= 3, value.first == "@", value.last == "@" else { return false }
        return !value.dropFirst().dropLast().contains("@") && !value.hasPrefix("@#")
    }
}
