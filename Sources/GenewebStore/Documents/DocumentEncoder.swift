import Foundation
import GenewebCore

/// Encodes `Encodable` values to JSON text in one pass, writing bytes as the value's `encode(to:)`
/// runs, for the documents the store writes (persons, families, records).
///
/// Why not Foundation's `JSONEncoder`: it builds a tree of boxed values, casts every value
/// dynamically to look for `Date`, `URL` or `Data`, then sorts and serialises the tree; on an
/// import that was a quarter of the time. This encoder writes keys in the order `encode(to:)`
/// gives them (synthesised conformances: declaration order), which `JSONDecoder` reads the same
/// way, and matches `JSONEncoder`'s defaults for what our documents hold: `nil` keys left out by
/// `encodeIfPresent`, `/` not escaped, `Date` as seconds since 2001, `Data` as base64, `URL` as
/// its absolute string, integral doubles without a fraction.
///
/// Containers are written as they are asked for, so a value must finish one nested container
/// before it writes to its parent again (what every synthesised conformance does). An
/// `encode(to:)` that goes back to a closed container makes `encode` throw, and `encode` then
/// falls back to `JSONEncoder` for that value: output stays right whatever the conformance does.
public struct DocumentEncoder: Sendable {
    public init() {}

    public func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let writer = JSONByteWriter()
        do {
            try writer.encodeTopLevel(value)
            return writer.bytes
        } catch is OutOfOrderContainer {
            let fallback = JSONEncoder()
            fallback.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return Array(try fallback.encode(value))
        }
    }

    /// The JSON text of `value`.
    public func string<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encode(value), as: UTF8.self)
    }
}

/// Thrown when an `encode(to:)` writes to a container that was already closed.
struct OutOfOrderContainer: Error {}

/// The output buffer and the stack of open objects and arrays.
final class JSONByteWriter {
    var bytes: [UInt8] = []
    /// Open containers, innermost last: the closing byte and whether a member was written yet.
    private var open: [(closer: UInt8, hasMember: Bool)] = []
    /// Counts containers ever opened, so a container can tell it is still the one on the stack.
    private var serial = 0
    private var serials: [Int] = []

    init() {
        bytes.reserveCapacity(1024)
    }

    func encodeTopLevel<T: Encodable>(_ value: T) throws {
        try write(value, depth: 0)
        closeAll(above: 0)
        if unsupported { throw OutOfOrderContainer() }
    }

    // MARK: Containers

    /// Opens an object or array at `depth` (the number of containers around it).
    func openContainer(_ opener: UInt8, closer: UInt8, depth: Int) -> Int {
        closeAll(above: depth)
        bytes.append(opener)
        serial += 1
        open.append((closer, false))
        serials.append(serial)
        return serial
    }

    /// Closes every container deeper than `depth`.
    func closeAll(above depth: Int) {
        while open.count > depth {
            bytes.append(open.removeLast().closer)
            serials.removeLast()
        }
    }

    /// Makes the container `id`, at `depth`, the innermost again and writes the separator before
    /// its next member. Throws when it was closed already.
    func beginMember(of id: Int, depth: Int) throws {
        guard depth < serials.count, serials[depth] == id else { throw OutOfOrderContainer() }
        closeAll(above: depth + 1)
        if open[depth].hasMember { bytes.append(UInt8(ascii: ",")) } else { open[depth].hasMember = true }
    }

    func key(_ key: String) {
        writeString(key)
        bytes.append(UInt8(ascii: ":"))
    }

    // MARK: Values

    /// Writes a nested value whose containers sit at `depth`.
    func write<T: Encodable>(_ value: T, depth: Int) throws {
        // Comparing metatypes is cheap; a failed `as?` on every value is what makes JSONEncoder slow.
        if T.self == String.self {
            writeString(value as! String)
        } else if T.self == Int.self {
            writeInteger(value as! Int)
        } else if T.self == Bool.self {
            writeBool(value as! Bool)
        } else if T.self == UUID.self {
            writeString((value as! UUID).hexString)
        } else if T.self == Double.self {
            try writeDouble(value as! Double)
        } else if T.self == Date.self {
            try writeDouble((value as! Date).timeIntervalSinceReferenceDate)
        } else if T.self == URL.self {
            writeString((value as! URL).absoluteString)
        } else if T.self == Data.self {
            writeString((value as! Data).base64EncodedString())
        } else {
            let before = bytes.count
            try value.encode(to: DocumentValueEncoder(writer: self, depth: depth))
            // A value that asked for no container at all is an empty object for `JSONEncoder` too.
            if bytes.count == before { bytes.append(contentsOf: Self.emptyObject) }
            closeAll(above: depth)
        }
    }

    func writeBool(_ value: Bool) { bytes.append(contentsOf: value ? Self.true : Self.false) }

    /// Set when a conformance used something this writer cannot stream (a super encoder, a
    /// container reopened after it was closed); the value is then encoded by `JSONEncoder`.
    var unsupported = false

    static let `true` = Array("true".utf8)
    static let `false` = Array("false".utf8)
    static let null = Array("null".utf8)
    static let emptyObject = Array("{}".utf8)

    func writeNull() { bytes.append(contentsOf: Self.null) }

    func writeInteger<I: BinaryInteger>(_ value: I) {
        if value == 0 {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        // Digits least significant first, then reversed in place: no temporary array.
        let start = bytes.count
        var magnitude = value.magnitude
        while magnitude > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        }
        bytes[start...].reverse()
    }

    func writeDouble(_ value: Double) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "\(value) is not valid JSON"))
        }
        if value == value.rounded(), abs(value) < 1e15 {
            writeInteger(Int64(value))
        } else {
            bytes.append(contentsOf: Array("\(value)".utf8))
        }
    }

    func writeFloat(_ value: Float) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "\(value) is not valid JSON"))
        }
        if value == value.rounded(), abs(value) < 1e7 { writeInteger(Int64(value)) } else { bytes.append(contentsOf: Array("\(value)".utf8)) }
    }

    /// A JSON string: quotes, backslashes and control characters escaped, everything else as UTF-8.
    func writeString(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in
            var runStart = 0
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
                runStart = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

/// The `Encoder` handed to one value's `encode(to:)`; its containers open at `depth`.
struct DocumentValueEncoder: Encoder {
    let writer: JSONByteWriter
    let depth: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(
            DocumentObject(writer: writer, depth: depth, id: writer.openContainer(UInt8(ascii: "{"), closer: UInt8(ascii: "}"), depth: depth)))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        DocumentArray(writer: writer, depth: depth, id: writer.openContainer(UInt8(ascii: "["), closer: UInt8(ascii: "]"), depth: depth))
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        DocumentSingleValue(writer: writer, depth: depth)
    }
}

struct DocumentObject<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: JSONByteWriter
    let depth: Int
    let id: Int
    var codingPath: [any CodingKey] { [] }

    private func member(_ key: Key) throws {
        try writer.beginMember(of: id, depth: depth)
        writer.key(key.stringValue)
    }

    mutating func encodeNil(forKey key: Key) throws {
        try member(key)
        writer.writeNull()
    }
    mutating func encode(_ value: Bool, forKey key: Key) throws {
        try member(key)
        writer.writeBool(value)
    }
    mutating func encode(_ value: String, forKey key: Key) throws {
        try member(key)
        writer.writeString(value)
    }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        try member(key)
        try writer.writeDouble(value)
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        try member(key)
        try writer.writeFloat(value)
    }
    mutating func encode(_ value: Int, forKey key: Key) throws {
        try member(key)
        writer.writeInteger(value)
    }
    mutating func encode(_ value: Int8, forKey key: Key) throws {
        try member(key)
        writer.writeInteger(value)
    }
    mutating func encode(_ value: Int16, forKey key: Key) throws {
        try member(key)
        writer.writeInteger(value)
    }
    mutating func encode(_ value: Int32, forKey key: Key) throws {
        try member(key)
        writer.writeInteger(value)
    }
    mutating func encode(_ value: Int64, forKey key: Key) throws {
        try member(key)
        writer.writeInteger(value)
    }
    mutating func encode(_ value: UInt, forKey key: Key) throws {
        try member(key)
        writer.writeInteger(value)
    }
    mutating func encode(_ value: UInt8, forKey key: Key) throws {
        try member(key)
        writer.writeInteger(value)
    }
    mutating func encode(_ value: UInt16, forKey key: Key) throws {
        try member(key)
        writer.writeInteger(value)
    }
    mutating func encode(_ value: UInt32, forKey key: Key) throws {
        try member(key)
        writer.writeInteger(value)
    }
    mutating func encode(_ value: UInt64, forKey key: Key) throws {
        try member(key)
        writer.writeInteger(value)
    }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try member(key)
        try writer.write(value, depth: depth + 1)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        // The protocol does not let this throw: a misuse shows as a container that throws on use.
        do { try member(key) } catch {
            writer.unsupported = true
            return KeyedEncodingContainer(DocumentObject<NestedKey>(writer: writer, depth: depth + 1, id: -1))
        }
        return DocumentValueEncoder(writer: writer, depth: depth + 1).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        do { try member(key) } catch {
            writer.unsupported = true
            return DocumentArray(writer: writer, depth: depth + 1, id: -1)
        }
        return DocumentValueEncoder(writer: writer, depth: depth + 1).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        writer.unsupported = true
        return DocumentValueEncoder(writer: writer, depth: depth + 1)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        // Class hierarchies' super encoders are not streamed: the value goes to JSONEncoder.
        writer.unsupported = true
        return DocumentValueEncoder(writer: writer, depth: depth + 1)
    }
}

struct DocumentArray: UnkeyedEncodingContainer {
    let writer: JSONByteWriter
    let depth: Int
    let id: Int
    private(set) var count = 0
    var codingPath: [any CodingKey] { [] }

    init(writer: JSONByteWriter, depth: Int, id: Int) {
        self.writer = writer
        self.depth = depth
        self.id = id
    }

    private mutating func element() throws {
        try writer.beginMember(of: id, depth: depth)
        count += 1
    }

    mutating func encodeNil() throws {
        try element()
        writer.writeNull()
    }
    mutating func encode(_ value: Bool) throws {
        try element()
        writer.writeBool(value)
    }
    mutating func encode(_ value: String) throws {
        try element()
        writer.writeString(value)
    }
    mutating func encode(_ value: Double) throws {
        try element()
        try writer.writeDouble(value)
    }
    mutating func encode(_ value: Float) throws {
        try element()
        try writer.writeFloat(value)
    }
    mutating func encode(_ value: Int) throws {
        try element()
        writer.writeInteger(value)
    }
    mutating func encode(_ value: Int8) throws {
        try element()
        writer.writeInteger(value)
    }
    mutating func encode(_ value: Int16) throws {
        try element()
        writer.writeInteger(value)
    }
    mutating func encode(_ value: Int32) throws {
        try element()
        writer.writeInteger(value)
    }
    mutating func encode(_ value: Int64) throws {
        try element()
        writer.writeInteger(value)
    }
    mutating func encode(_ value: UInt) throws {
        try element()
        writer.writeInteger(value)
    }
    mutating func encode(_ value: UInt8) throws {
        try element()
        writer.writeInteger(value)
    }
    mutating func encode(_ value: UInt16) throws {
        try element()
        writer.writeInteger(value)
    }
    mutating func encode(_ value: UInt32) throws {
        try element()
        writer.writeInteger(value)
    }
    mutating func encode(_ value: UInt64) throws {
        try element()
        writer.writeInteger(value)
    }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try element()
        try writer.write(value, depth: depth + 1)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        do { try element() } catch {
            writer.unsupported = true
            return KeyedEncodingContainer(DocumentObject<NestedKey>(writer: writer, depth: depth + 1, id: -1))
        }
        return DocumentValueEncoder(writer: writer, depth: depth + 1).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        do { try element() } catch {
            writer.unsupported = true
            return DocumentArray(writer: writer, depth: depth + 1, id: -1)
        }
        return DocumentValueEncoder(writer: writer, depth: depth + 1).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        writer.unsupported = true
        return DocumentValueEncoder(writer: writer, depth: depth + 1)
    }
}

struct DocumentSingleValue: SingleValueEncodingContainer {
    let writer: JSONByteWriter
    let depth: Int
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { writer.writeNull() }
    mutating func encode(_ value: Bool) throws { writer.writeBool(value) }
    mutating func encode(_ value: String) throws { writer.writeString(value) }
    mutating func encode(_ value: Double) throws { try writer.writeDouble(value) }
    mutating func encode(_ value: Float) throws { try writer.writeFloat(value) }
    mutating func encode(_ value: Int) throws { writer.writeInteger(value) }
    mutating func encode(_ value: Int8) throws { writer.writeInteger(value) }
    mutating func encode(_ value: Int16) throws { writer.writeInteger(value) }
    mutating func encode(_ value: Int32) throws { writer.writeInteger(value) }
    mutating func encode(_ value: Int64) throws { writer.writeInteger(value) }
    mutating func encode(_ value: UInt) throws { writer.writeInteger(value) }
    mutating func encode(_ value: UInt8) throws { writer.writeInteger(value) }
    mutating func encode(_ value: UInt16) throws { writer.writeInteger(value) }
    mutating func encode(_ value: UInt32) throws { writer.writeInteger(value) }
    mutating func encode(_ value: UInt64) throws { writer.writeInteger(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try writer.write(value, depth: depth) }
}
