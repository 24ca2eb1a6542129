import Foundation
import SQLKit

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

    /// `selectVersioned` with more columns computed on the row.
    func selectVersioned(columns: SQLQueryString, from table: String) -> SQLQueryString {
        "SELECT id, version, " + isoTimestamp("created_at") + " AS created_at, "
            + isoTimestamp("updated_at") + " AS updated_at, CAST(document AS TEXT) AS document, " + columns + " FROM \(unsafeRaw: table)"
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

    /// A JSON document bind, cast to JSONB on PostgreSQL; encoded by `DocumentEncoder`, as the
    /// import's rows are, so a record's stored text does not depend on the path that wrote it.
    func document(_ value: some Encodable) throws -> SQLQueryString {
        BulkValue.json(try DocumentEncoder().string(value)).sql(engine: engine)
    }
}
