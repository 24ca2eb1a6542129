import Foundation
import SQLKit

/// The earlier versions of a person or a family (`record_versions`): kept by every update,
/// listed by the history page, read back to restore one.
///
/// A version is the row as it was stored, copied inside the writing transaction without decoding
/// (sealed fields stay sealed). A record keeps its last `kept` versions: enough to undo any
/// recent change, bounded so that a record edited every day does not grow without end.
public struct RecordHistory: Sendable {
    static let kept = 100

    public enum Kind: String, Sendable {
        case persons
        case families
    }

    let database: Database
    let kind: Kind

    public init(database: Database, kind: Kind) {
        self.database = database
        self.kind = kind
    }

    /// Keeps the row of version `version` before an UPDATE replaces it, and lets the oldest go.
    static func keep(_ id: UUID, version: Int, table: String, on sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            INSERT INTO record_versions (base_id, record_kind, record_id, version, document, written_at)
            SELECT base_id, \(bind: table), id, version, document, updated_at FROM \(unsafeRaw: table)
            WHERE id = \(bind: id) AND version = \(bind: version)
            """
        ).run()
        try await sql.raw("DELETE FROM record_versions WHERE record_id = \(bind: id) AND version <= \(bind: version - kept)").run()
    }

    /// Erases every earlier version of a record: when it is deleted or anonymized, what it was
    /// must not survive in its history.
    static func erase(_ id: UUID, on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM record_versions WHERE record_id = \(bind: id)").run()
    }

    /// The earlier versions of a record of the base, newest first. `updatedAt` is when that
    /// version was written.
    public func versions<Value: Decodable & Sendable>(of id: UUID, base: Int, as type: Value.Type) async throws -> [Stored<Value>] {
        try await database.withConnection { sql in
            try await sql.raw(select(base: base, id: id) + " ORDER BY version DESC").all().map(Stored<Value>.decode)
        }
    }

    /// One earlier version, nil when the record has no such version kept.
    public func version<Value: Decodable & Sendable>(_ version: Int, of id: UUID, base: Int, as type: Value.Type) async throws -> Stored<Value>? {
        try await database.withConnection { sql in
            try await sql.raw(select(base: base, id: id) + " AND version = \(bind: version)").first().map(Stored<Value>.decode)
        }
    }

    private func select(base: Int, id: UUID) -> SQLQueryString {
        let engine = EngineSQL(engine: database.engine)
        return "SELECT record_id AS id, version, " + engine.isoTimestamp("written_at") + " AS created_at, "
            + engine.isoTimestamp("written_at") + " AS updated_at, CAST(document AS TEXT) AS document FROM record_versions"
            + " WHERE base_id = \(bind: base) AND record_kind = \(bind: kind.rawValue) AND record_id = \(bind: id)"
    }
}
