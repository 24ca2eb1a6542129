/// Something a reader kept, converted or dropped, with the line it concerns.
public struct ImportWarning: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case charset
        case malformedLine = "malformed_line"
        case danglingPointer = "dangling_pointer"
        case unparseableDate = "unparseable_date"
        case duplicateXref = "duplicate_xref"
        case ancestryLoop = "ancestry_loop"
        /// A NUL byte or character, dropped: no text value may hold one.
        case nulCharacter = "nul_character"
        case unsupported
    }

    public let line: Int?
    public let kind: Kind
    public let message: String

    public init(line: Int?, kind: Kind, message: String) {
        self.line = line
        self.kind = kind
        self.message = message
    }

    public var description: String {
        line.map { "line \($0): \(message)" } ?? message
    }
}
