import Foundation
import SQLKit

/// A record as stored: the value and the bookkeeping the API shows (version for ETags, times).
public struct Stored<Value: Sendable>: Sendable {
    public var value: Value
    public var version: Int
    public var createdAt: String
    public var updatedAt: String
}

extension Stored where Value: Decodable {
    /// A row selected with `EngineSQL.selectVersioned(from:)`.
    static func decode(_ row: any SQLRow) throws -> Stored {
        Stored(
            value: try DocumentDecoder.document(Value.self, from: row),
            version: try row.decode(column: "version", as: Int.self),
            createdAt: try row.decode(column: "created_at", as: String.self),
            updatedAt: try row.decode(column: "updated_at", as: String.self)
        )
    }
}

extension DocumentDecoder {
    /// Decodes a document column read as text (`CAST(document AS TEXT) AS document`): persons and
    /// families by `DocumentDecoder`, other records by `JSONDecoder`.
    static func document<T: Decodable>(_ type: T.Type, from row: any SQLRow, column: String = "document") throws -> T {
        try DocumentDecoder().decode(T.self, from: try row.decode(column: column, as: String.self))
    }
}
