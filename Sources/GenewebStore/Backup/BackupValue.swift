import Foundation

/// One cell of a backed-up row, in a form both engines can write back: integers, booleans and
/// text (identifiers, JSON documents and times travel as text; the restoring engine casts them
/// to its own column types).
public enum BackupValue: Sendable, Hashable, Codable {
    case null
    case integer(Int64)
    case boolean(Bool)
    case text(String)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .boolean(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .integer(let value): try container.encode(value)
        case .boolean(let value): try container.encode(value)
        case .text(let value): try container.encode(value)
        }
    }
}

/// How a column's values are read and written back.
public enum BackupColumnKind: String, Sendable, Codable {
    case integer
    case boolean
    case text
    /// A PostgreSQL `timestamptz`, written as ISO 8601 UTC text with microseconds.
    case timestamp
}

/// A column of a backed-up table.
public struct BackupColumn: Sendable, Hashable, Codable {
    public let name: String
    public let kind: BackupColumnKind
}
