import Foundation
import GenewebCore
import SQLKit

/// A record kept as a JSON document with one searchable label: sources, notes, places.
public protocol LabelledRecord: Codable, Sendable {
    static var table: String { get }
    static var labelColumn: String { get }
    var recordID: UUID { get }
    var label: String { get }
}

extension Source: LabelledRecord {
    public static let table = "sources"
    public static let labelColumn = "title"
    public var recordID: UUID { id.uuid }
    public var label: String { title }
}

extension Note: LabelledRecord {
    public static let table = "notes"
    public static let labelColumn = "title"
    public var recordID: UUID { id.uuid }
    public var label: String { title ?? "" }
}

extension Place: LabelledRecord {
    public static let table = "places"
    public static let labelColumn = "name"
    public var recordID: UUID { id.uuid }
    public var label: String { name }
}

/// Reads and writes one kind of labelled record in a base; writes are audited in their transaction.
public struct RecordRepository<Record: LabelledRecord>: Sendable {
    let database: Database
    var sqlHelpers: EngineSQL { EngineSQL(engine: database.engine) }

    public init(database: Database) {
        self.database = database
    }

    private var selectColumns: SQLQueryString {
        "SELECT id, " + sqlHelpers.isoTimestamp("created_at") + " AS created_at, " + sqlHelpers.isoTimestamp("updated_at")
            + " AS updated_at, CAST(document AS TEXT) AS document FROM \(ident: Record.table)"
    }

    static func decode(_ row: any SQLRow) throws -> Stored<Record> {
        Stored(
            value: try JSONDecoder.document(Record.self, from: row), version: 1,
            createdAt: try row.decode(column: "created_at", as: String.self),
            updatedAt: try row.decode(column: "updated_at", as: String.self)
        )
    }

    /// A page ordered by label then id; `search` keeps labels containing it (case-insensitive).
    public func list(base: Int, search: String?, offset: Int, limit: Int) async throws -> (items: [Stored<Record>], total: Int) {
        var condition: SQLQueryString = " WHERE base_id = \(bind: base)"
        if let search, !search.isEmpty {
            let pattern = "%" + search.lowercased().replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
            condition += " AND lower(\(ident: Record.labelColumn)) LIKE \(bind: pattern) ESCAPE '\\'"
        }
        let filter = condition
        return try await database.withConnection { sql in
            let total = try await sql.raw("SELECT count(*) AS n FROM \(ident: Record.table)" + filter).first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await sql.raw(selectColumns + filter + " ORDER BY \(ident: Record.labelColumn), id LIMIT \(bind: limit) OFFSET \(bind: offset)").all()
            return (try rows.map(Self.decode), total)
        }
    }

    public func find(_ id: UUID, base: Int) async throws -> Stored<Record>? {
        try await database.withConnection { sql in
            try await sql.raw(selectColumns + " WHERE base_id = \(bind: base) AND id = \(bind: id)").first().map(Self.decode)
        }
    }

    public func insert(_ record: Record, base: Int, audit: AuditEntry) async throws -> Stored<Record> {
        try await database.withTransaction { sql in
            try await sql.raw("INSERT INTO \(ident: Record.table) (id, base_id, \(ident: Record.labelColumn), document) VALUES (\(bind: record.recordID), \(bind: base), \(bind: record.label), "
                + (try sqlHelpers.document(record)) + ")").run()
            try await AuditRepository(database: database).record(audit, on: sql)
            guard let row = try await sql.raw(selectColumns + " WHERE id = \(bind: record.recordID)").first() else { throw WriteConflict.notFound }
            return try Self.decode(row)
        }
    }

    public func update(_ record: Record, base: Int, audit: AuditEntry) async throws -> Stored<Record> {
        try await database.withTransaction { sql in
            let updated = try await sql.raw("UPDATE \(ident: Record.table) SET \(ident: Record.labelColumn) = \(bind: record.label), updated_at = " + sqlHelpers.now
                + ", document = " + (try sqlHelpers.document(record)) + " WHERE base_id = \(bind: base) AND id = \(bind: record.recordID) RETURNING id").first()
            guard updated != nil else { throw WriteConflict.notFound }
            try await AuditRepository(database: database).record(audit, on: sql)
            guard let row = try await sql.raw(selectColumns + " WHERE id = \(bind: record.recordID)").first() else { throw WriteConflict.notFound }
            return try Self.decode(row)
        }
    }

    public func delete(_ id: UUID, base: Int, audit: AuditEntry) async throws {
        try await database.withTransaction { sql in
            let deleted = try await sql.raw("DELETE FROM \(ident: Record.table) WHERE base_id = \(bind: base) AND id = \(bind: id) RETURNING id").first()
            guard deleted != nil else { throw WriteConflict.notFound }
            try await AuditRepository(database: database).record(audit, on: sql)
        }
    }
}
