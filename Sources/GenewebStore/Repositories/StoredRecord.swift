import Foundation
import PostgresNIO
import SQLKit
import SQLiteNIO

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

/// A write the database refused because another row already holds one of its unique keys:
/// SQLite's UNIQUE or PRIMARY KEY constraint, PostgreSQL's SQLSTATE 23505. The one reading of
/// both drivers' errors for it, so that nothing else needs to know either driver's error type:
/// the server answers it with 409 CONFLICT, the persons' store retries on it.
public struct UniqueViolation: Sendable, CustomStringConvertible {
    /// The table whose key was taken, when the engine tells it.
    public let table: String?
    /// The engine's own words, for the server's log (PostgreSQL's detail names the values: never
    /// send it to a client).
    public let engineMessage: String

    /// The violation an engine error reports, or nil for any other error.
    public init?(engineError error: any Error) {
        if let error = error as? SQLiteError {
            // "UNIQUE constraint failed: persons.base_id, persons.first_name_key, ..."; SQLiteNIO
            // reports the basic code (constraint) unless extended codes are on.
            let unique = error.message.hasPrefix("UNIQUE constraint failed") || error.message.hasPrefix("PRIMARY KEY constraint failed")
            guard unique || error.reason == .constraintUniqueFailed || error.reason == .constraintPrimaryKeyFailed else { return nil }
            let columns = error.message.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            table = columns.split(separator: ".").first.map(String.init)
            engineMessage = error.message
        } else if let error = error as? PSQLError, error.serverInfo?[.sqlState] == PostgresError.Code.uniqueViolation.raw {
            table = error.serverInfo?[.tableName]
            engineMessage = [error.serverInfo?[.message], error.serverInfo?[.detail]].compactMap { $0 }.joined(separator: " ")
        } else {
            return nil
        }
    }

    public var description: String { "unique violation on \(table ?? "a table"): \(engineMessage)" }
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

    /// Holds `name` until the end of the current transaction, so that two writers who must not
    /// interleave (assigning the same occurrence number, checking the same ancestry) take turns.
    /// PostgreSQL: a transaction-level advisory lock on a 64-bit hash of the name (stable across
    /// processes: FNV-1a). SQLite: nothing to do, a write transaction (`BEGIN IMMEDIATE`) already
    /// holds the whole database.
    func lock(_ name: String, on sql: any SQLDatabase) async throws {
        guard engine == .postgres else { return }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        try await sql.raw("SELECT pg_advisory_xact_lock(\(bind: Int64(bitPattern: hash)))").run()
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
