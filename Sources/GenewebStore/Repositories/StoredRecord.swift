import Foundation
import SQLKit

/// A record as stored: the value and the bookkeeping the API shows (version for ETags, times).
public struct Stored<Value: Sendable>: Sendable {
    public var value: Value
    public var version: Int
    public var createdAt: String
    public var updatedAt: String
}

/// Why a write was refused.
public enum WriteConflict: Error, Equatable, Sendable {
    /// The record changed since the version the caller saw (`If-Match`).
    case staleVersion(current: Int)
    /// Another person of the base has this GeneWeb key (first name, occurrence, surname).
    case duplicateKey(String)
    /// The person is still a parent or child in these families.
    case stillLinked(families: [UUID])
    case notFound
}

/// SQL fragments that differ between the engines, for the repositories.
struct EngineSQL {
    let engine: DatabaseEngine

    /// An ISO-8601 UTC text of a timestamp column.
    func isoTimestamp(_ column: String) -> SQLQueryString {
        switch engine {
        case .sqlite: "\(unsafeRaw: column)"
        case .postgres: "to_char(\(unsafeRaw: column) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"
        }
    }

    /// The current time, for `updated_at`.
    var now: SQLQueryString {
        switch engine {
        case .sqlite: "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
        case .postgres: "now()"
        }
    }

    /// The columns a `Stored` value is read from (versioned tables: persons, families).
    func selectVersioned(from table: String) -> SQLQueryString {
        "SELECT id, version, " + isoTimestamp("created_at") + " AS created_at, "
            + isoTimestamp("updated_at") + " AS updated_at, CAST(document AS TEXT) AS document FROM \(unsafeRaw: table)"
    }

    /// A JSON document bind, cast to JSONB on PostgreSQL.
    func document(_ value: some Encodable) throws -> SQLQueryString {
        let json = String(decoding: try JSONEncoder.sorted.encode(value), as: UTF8.self)
        return engine == .postgres ? "CAST(\(bind: json) AS JSONB)" : "\(bind: json)"
    }
}

extension Stored where Value: Decodable {
    /// A row selected with `EngineSQL.selectVersioned(from:)`.
    static func decode(_ row: any SQLRow) throws -> Stored {
        Stored(
            value: try JSONDecoder.document(Value.self, from: row),
            version: try row.decode(column: "version", as: Int.self),
            createdAt: try row.decode(column: "created_at", as: String.self),
            updatedAt: try row.decode(column: "updated_at", as: String.self)
        )
    }
}

extension JSONDecoder {
    /// Decodes a document column read as text (`CAST(document AS TEXT) AS document`).
    static func document<T: Decodable>(_ type: T.Type, from row: any SQLRow, column: String = "document") throws -> T {
        try JSONDecoder().decode(T.self, from: Data(try row.decode(column: column, as: String.self).utf8))
    }
}
