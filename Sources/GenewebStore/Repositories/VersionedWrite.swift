import Foundation
import SQLKit

/// The steps every write of a versioned record (a person or a family: insert, update, delete)
/// shares, in one place so that none of them forgets one: the `If-Match` check against the
/// row's version, the UPDATE that loses to a writer who got in between, the base's version
/// (which the graph caches watch), the audit line in the same transaction, and the record read
/// back as stored.
struct VersionedWrite {
    let database: Database
    /// `persons` or `families`: a table with `id`, `base_id`, `version`, `updated_at` and `document`.
    let table: String

    /// Runs `change` in one transaction, then raises the base's version and records `audit`,
    /// which `change` may complete (with the key a person was given, for instance). The graph
    /// cache hears of the change once it is committed (`withRecordedWrite`).
    func run<T: Sendable>(base: Int, audit: AuditEntry, _ change: @Sendable (any SQLDatabase, inout AuditEntry) async throws -> T) async throws -> T {
        try await database.withRecordedWrite { sql in
            var audit = audit
            let result = try await change(sql, &audit)
            try await BaseVersion.bump(base, on: sql)
            try await AuditRepository(database: database).record(audit, on: sql)
            return result
        }
    }

    /// The row's version, with the other `columns` asked for. `WriteConflict.notFound` when the
    /// base has no such record, `staleVersion` when the caller expected another version.
    func current(_ id: UUID, base: Int, expected: Int?, reading columns: [String] = [], on sql: any SQLDatabase) async throws -> (
        version: Int, row: any SQLRow
    ) {
        let selected = (["version"] + columns).joined(separator: ", ")
        guard
            let row = try await sql.raw(
                "SELECT \(unsafeRaw: selected) FROM \(unsafeRaw: table) WHERE base_id = \(bind: base) AND id = \(bind: id)"
            ).first()
        else { throw WriteConflict.notFound }
        let version = try row.decode(column: "version", as: Int.self)
        if let expected, expected != version { throw WriteConflict.staleVersion(current: version) }
        return (version, row)
    }

    /// One UPDATE of the row: `assignments`, a new version and time, if the version is still
    /// `current`. `staleVersion` when another writer got in between our read and our write
    /// (PostgreSQL, read committed).
    /// The row being replaced is kept first (`RecordHistory`), so the change can be undone.
    func replace(_ id: UUID, current: Int, setting assignments: SQLQueryString, on sql: any SQLDatabase) async throws {
        let engine = EngineSQL(engine: database.engine)
        try await RecordHistory.keep(id, version: current, table: table, on: sql)
        let updated = try await sql.raw(
            "UPDATE \(unsafeRaw: table) SET " + assignments + ", version = version + 1, updated_at = " + engine.now
                + " WHERE id = \(bind: id) AND version = \(bind: current) RETURNING id"
        ).first()
        guard updated != nil else { throw WriteConflict.staleVersion(current: current + 1) }
    }

    /// The record as it is stored now, inside the write.
    func stored<Value: Decodable & Sendable>(_ id: UUID, on sql: any SQLDatabase) async throws -> Stored<Value> {
        let select = EngineSQL(engine: database.engine).selectVersioned(from: table)
        guard let row = try await sql.raw(select + " WHERE id = \(bind: id)").first() else { throw WriteConflict.notFound }
        return try Stored<Value>.decode(row)
    }
}
