import Foundation

/// Why `DocumentDecoder` refused a document: bad JSON, or JSON that is not the record it reads.
public struct DocumentDecodingError: Error, CustomStringConvertible {
    /// Byte offset in the document where reading stopped.
    public let offset: Int
    public let reason: String

    public var description: String { "stored document not readable at byte \(offset): \(reason)" }
}

/// The names of an object's members that a decoder reads, in the order our encoder writes them.
protocol DocumentKey: RawRepresentable, CaseIterable, Sendable where RawValue == String {
    static var table: DocumentKeyTable<Self> { get }
}

/// A `DocumentKey` type's names as bytes, to match keys without making a `String` of each.
struct DocumentKeyTable<Key: DocumentKey>: Sendable {
    let keys: [Key]
    let names: [[UInt8]]

    init() {
        keys = Array(Key.allCases)
        names = keys.map { Array($0.rawValue.utf8) }
        // Members seen are kept as bits of a UInt64 (`JSONByteReader.ObjectState`).
        precondition(keys.count <= 64, "too many keys for the member bit set")
    }

    /// The index of `name` in the table, or nil. Tries `hint` first: documents we wrote list
    /// their members in declaration order, so the next key is nearly always the one after the last.
    func index(of name: UnsafeBufferPointer<UInt8>, hint: Int) -> Int? {
        if hint < names.count, Self.equal(names[hint], name) { return hint }
        return names.indices.first { Self.equal(names[$0], name) }
    }

    private static func equal(_ known: [UInt8], _ name: UnsafeBufferPointer<UInt8>) -> Bool {
        guard known.count == name.count else { return false }
        for index in 0..<known.count where known[index] != name[index] { return false }
        return true
    }
}

/// Reads JSON (RFC 8259) token by token from UTF-8 bytes, for decoders that know the shape they
/// expect: no tree of values is built, strings are made only for the values asked for.
///
/// Strict where strictness costs nothing and lenient nowhere: anything that is not valid JSON
/// throws, and so do valid forms our encoder never writes and whose meaning `JSONDecoder` would
/// have to decide (an integer written `1.0` or `1e2`, a lone surrogate escape, a key given twice):
/// callers that want `JSONDecoder`'s answer for those ask it (`DocumentDecoder.decode`).
/// Every byte is read once or twice at most (linear time), and nesting is bounded
/// (`maximumDepth`), so a hostile document can neither crash the reader nor overflow the stack.
///
/// The bytes must be valid UTF-8 (they come from a `String`): string values are cut at quote
/// bytes, which never fall inside a multi-byte character.
struct JSONByteReader {
    /// Deeper than any document we write (an extension node nests two levels per GEDCOM level),
    /// and shallow enough for the recursion of a debug build on a small thread stack.
    static let maximumDepth = 256

    let bytes: UnsafeBufferPointer<UInt8>
    /// The next byte to read.
    var position = 0
    /// Objects and arrays open around `position`.
    private var depth = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    func failure(_ reason: String) -> DocumentDecodingError {
        DocumentDecodingError(offset: position, reason: reason)
    }

    /// Throws unless only whitespace is left.
    mutating func finish() throws {
        skipWhitespace()
        guard position == bytes.count else { throw failure("text after the document") }
    }

    // MARK: Tokens

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): position += 1
            default: return
            }
        }
    }

    /// The next byte that is not whitespace, left unread.
    mutating func peek() throws -> UInt8 {
        skipWhitespace()
        guard position < bytes.count else { throw failure("unexpected end of the document") }
        return bytes[position]
    }

    private mutating func consume(_ byte: UInt8, _ what: String) throws {
        guard try peek() == byte else { throw failure("expected \(what)") }
        position += 1
    }

    private mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw failure("unexpected end of the document") }
        let start = word.utf8Start
        for offset in 0..<count where bytes[position + offset] != start[offset] { throw failure("expected \(word)") }
        position += count
    }

    /// Reads `null` when it comes next: an optional member's "no value".
    mutating func consumeNull() throws -> Bool {
        guard try peek() == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    mutating func readBool() throws -> Bool {
        switch try peek() {
        case UInt8(ascii: "t"):
            try literal("true")
            return true
        case UInt8(ascii: "f"):
            try literal("false")
            return false
        default: throw failure("expected true or false")
        }
    }

    // MARK: Objects and arrays

    /// Where the reader is in an object: whether a member was read, which known keys were seen.
    struct ObjectState {
        fileprivate var first = true
        fileprivate var seen: UInt64 = 0
        fileprivate var hint = 0
    }

    mutating func openObject() throws -> ObjectState {
        try consume(UInt8(ascii: "{"), "an object")
        try enter()
        return ObjectState()
    }

    private mutating func enter() throws {
        depth += 1
        guard depth <= Self.maximumDepth else { throw failure("nested deeper than \(Self.maximumDepth) levels") }
    }

    /// Moves past the separator before the next member. False after the closing brace.
    private mutating func beginMember(_ object: inout ObjectState) throws -> Bool {
        var byte = try peek()
        if byte == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return false
        }
        if object.first {
            object.first = false
        } else {
            guard byte == UInt8(ascii: ",") else { throw failure("expected , or } in an object") }
            position += 1
            byte = try peek()
        }
        guard byte == UInt8(ascii: "\"") else { throw failure("expected a key") }
        return true
    }

    /// The key of the next member that `Key` names, ready to read its value; members it does not
    /// name are skipped (as `JSONDecoder` ignores them). Nil after the closing brace.
    mutating func nextMember<Key: DocumentKey>(_ object: inout ObjectState, _: Key.Type) throws -> Key? {
        let table = Key.table
        while try beginMember(&object) {
            let index = try readKeyIndex(table, hint: object.hint)
            try consume(UInt8(ascii: ":"), ":")
            guard let index else {
                try skipValue()
                continue
            }
            // Which of two values JSONDecoder keeps is its business: such a document goes to it.
            let bit: UInt64 = 1 << UInt64(index)
            guard object.seen & bit == 0 else { throw failure("key \(table.keys[index].rawValue) given twice") }
            object.seen |= bit
            object.hint = index + 1
            return table.keys[index]
        }
        return nil
    }

    /// Skips an object's remaining members.
    mutating func skipMembers(_ object: inout ObjectState) throws {
        while try beginMember(&object) {
            _ = try readString()
            try consume(UInt8(ascii: ":"), ":")
            try skipValue()
        }
    }

    /// Reads a key, at its opening quote, as an index in `table`.
    private mutating func readKeyIndex<Key>(_ table: DocumentKeyTable<Key>, hint: Int) throws -> Int? {
        let start = position + 1
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
            if bytes[end] == UInt8(ascii: "\\") || bytes[end] < 0x20 {
                // An escaped key names the same member as its unescaped text.
                var name = Array(try readString().utf8)
                return name.withUnsafeMutableBufferPointer { table.index(of: UnsafeBufferPointer($0), hint: hint) }
            }
            end += 1
        }
        guard end < bytes.count else { throw failure("unterminated key") }
        position = end + 1
        return table.index(of: UnsafeBufferPointer(rebasing: bytes[start..<end]), hint: hint)
    }

    /// Reads an array whose elements `element` reads.
    mutating func readArray<Element>(_ element: (inout JSONByteReader) throws -> Element) throws -> [Element] {
        try consume(UInt8(ascii: "["), "an array")
        try enter()
        var elements: [Element] = []
        if try peek() == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return elements
        }
        while true {
            elements.append(try element(&self))
            switch try peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"):
                position += 1
                depth -= 1
                return elements
            default: throw failure("expected , or ] in an array")
            }
        }
    }

    // MARK: Values

    /// Reads and checks any value, keeping nothing: a member no decoder asked for.
    mutating func skipValue() throws {
        switch try peek() {
        case UInt8(ascii: "{"):
            var object = try openObject()
            try skipMembers(&object)
        case UInt8(ascii: "["):
            _ = try readArray { try $0.skipValue() }
        case UInt8(ascii: "\""): _ = try readString()
        case UInt8(ascii: "t"), UInt8(ascii: "f"): _ = try readBool()
        case UInt8(ascii: "n"): try literal("null")
        default: try skipNumber()
        }
    }

    /// A JSON number of any form: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private mutating func skipNumber() throws {
        if byte(at: position) == UInt8(ascii: "-") { position += 1 }
        if byte(at: position) == UInt8(ascii: "0") {
            position += 1
        } else {
            try digits()
        }
        if byte(at: position) == UInt8(ascii: ".") {
            position += 1
            try digits()
        }
        if byte(at: position) == UInt8(ascii: "e") || byte(at: position) == UInt8(ascii: "E") {
            position += 1
            if byte(at: position) == UInt8(ascii: "+") || byte(at: position) == UInt8(ascii: "-") { position += 1 }
            try digits()
        }
    }

    private mutating func digits() throws {
        guard isDigit(byte(at: position)) else { throw failure("expected a value") }
        while isDigit(byte(at: position)) { position += 1 }
    }

    /// The byte at `index`, or 0 past the end (0 is no JSON token).
    private func byte(at index: Int) -> UInt8 { index < bytes.count ? bytes[index] : 0 }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// An integer written as one: digits, no fraction nor exponent, within `Int`.
    mutating func readInt() throws -> Int {
        _ = try peek()
        let negative = bytes[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        guard isDigit(byte(at: position)) else { throw failure("expected an integer") }
        if bytes[position] == UInt8(ascii: "0"), isDigit(byte(at: position + 1)) { throw failure("number with a leading zero") }
        var value = 0
        while isDigit(byte(at: position)) {
            let digit = Int(bytes[position] - UInt8(ascii: "0"))
            // Accumulated on the number's own side of zero, so that Int.min fits.
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            let (next, carry) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            guard !overflow, !carry else { throw failure("integer out of range") }
            value = next
            position += 1
        }
        switch byte(at: position) {
        case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): throw failure("number is not written as an integer")
        default: return value
        }
    }

    /// A string value: escapes decoded, raw control characters refused.
    mutating func readString() throws -> String {
        try consume(UInt8(ascii: "\""), "a string")
        let start = position
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "\""):
                position += 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position - 1]), as: UTF8.self)
            case UInt8(ascii: "\\"):
                return try readEscapedString(from: start)
            case 0..<0x20:
                throw failure("control character in a string")
            default:
                position += 1
            }
        }
        throw failure("unterminated string")
    }

    /// The rest of a string with escapes, from its first backslash; `start` is after the quote.
    private mutating func readEscapedString(from start: Int) throws -> String {
        var utf8 = Array(UnsafeBufferPointer(rebasing: bytes[start..<position]))
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try readEscape(into: &utf8)
            case 0..<0x20:
                position -= 1
                throw failure("control character in a string")
            default:
                utf8.append(byte)
            }
        }
        throw failure("unterminated string")
    }

    /// One escape, after its backslash.
    private mutating func readEscape(into utf8: inout [UInt8]) throws {
        guard position < bytes.count else { throw failure("unterminated string") }
        let letter = bytes[position]
        position += 1
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(letter)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "u"):
            var value = UInt32(try readHexQuad())
            if (0xD800...0xDBFF).contains(value) {
                // A character beyond the basic plane: a high surrogate, then a low one.
                guard byte(at: position) == UInt8(ascii: "\\"), byte(at: position + 1) == UInt8(ascii: "u") else {
                    throw failure("high surrogate without its low surrogate")
                }
                position += 2
                let low = UInt32(try readHexQuad())
                guard (0xDC00...0xDFFF).contains(low) else { throw failure("high surrogate without its low surrogate") }
                value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let scalar = Unicode.Scalar(value) else { throw failure("low surrogate without its high surrogate") }
            UTF8.encode(scalar) { utf8.append($0) }
        default:
            position -= 1
            throw failure("invalid escape")
        }
    }

    private mutating func readHexQuad() throws -> UInt16 {
        guard position + 4 <= bytes.count else { throw failure("unterminated \\u escape") }
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard let digit = Self.hexValue(bytes[position]) else { throw failure("invalid \\u escape") }
            value = value << 4 | UInt16(digit)
            position += 1
        }
        return value
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// A UUID string, as `UUID`'s `Decodable` conformance reads it (`UUID(uuidString:)`).
    mutating func readUUID() throws -> UUID {
        guard try peek() == UInt8(ascii: "\"") else { throw failure("expected a UUID string") }
        let start = position + 1
        // The form we write, 36 characters with dashes at 8, 13, 18, 23, read without a String.
        if start + 36 < bytes.count, bytes[start + 36] == UInt8(ascii: "\""), let uuid = Self.uuid(UnsafeBufferPointer(rebasing: bytes[start..<start + 36])) {
            position = start + 37
            return uuid
        }
        let text = try readString()
        guard let uuid = UUID(uuidString: text) else { throw failure("invalid UUID \(text)") }
        return uuid
    }

    private static func uuid(_ text: UnsafeBufferPointer<UInt8>) -> UUID? {
        var raw: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let parsed = withUnsafeMutableBytes(of: &raw) { raw -> Bool in
            var index = 0
            for byteIndex in 0..<16 {
                if index == 8 || index == 13 || index == 18 || index == 23 {
                    guard text[index] == UInt8(ascii: "-") else { return false }
                    index += 1
                }
                guard let high = hexValue(text[index]), let low = hexValue(text[index + 1]) else { return false }
                raw[byteIndex] = high << 4 | low
                index += 2
            }
            return true
        }
        return parsed ? UUID(uuid: raw) : nil
    }
}
