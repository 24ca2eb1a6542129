import Foundation
import GenewebCore
import SQLKit

/// A record kept as a JSON document with one searchable label: sources, notes, places.
public protocol LabelledRecord: Codable, Sendable {
    static var table: String { get }
    static var labelColumn: String { get }
    var recordID: UUID { get }
    var label: String { get }
    /// Stored sealed (label and document) when field encryption is on: private notes.
    var isSealedAtRest: Bool { get }
}

extension LabelledRecord {
    public var isSealedAtRest: Bool { false }
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
    public var isSealedAtRest: Bool { isPrivate }
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

    func decode(_ row: any SQLRow) throws -> Stored<Record> {
        Stored(
            value: try SealedDocument.decode(Record.self, from: try row.decode(column: "document", as: String.self), cipher: database.cipher), version: 1,
            createdAt: try row.decode(column: "created_at", as: String.self),
            updatedAt: try row.decode(column: "updated_at", as: String.self)
        )
    }

    /// A page ordered by label then id; `search` keeps labels containing it (case-insensitive).
    public func list(base: Int, search: String?, offset: Int, limit: Int) async throws -> (items: [Stored<Record>], total: Int) {
        var condition: SQLQueryString = " WHERE base_id = \(bind: base)"
        if let search, !search.isEmpty {
            let pattern =
                "%"
                + search.lowercased().replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(
                    of: "_", with: "\\_") + "%"
            condition += " AND lower(\(ident: Record.labelColumn)) LIKE \(bind: pattern) ESCAPE '\\'"
        }
        let filter = condition
        return try await database.withConnection { sql in
            let total = try await sql.raw("SELECT count(*) AS n FROM \(ident: Record.table)" + filter).first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await sql.raw(selectColumns + filter + " ORDER BY \(ident: Record.labelColumn), id LIMIT \(bind: limit) OFFSET \(bind: offset)")
                .all()
            return (try rows.map(decode), total)
        }
    }

    public func find(_ id: UUID, base: Int) async throws -> Stored<Record>? {
        try await database.withConnection { sql in
            try await sql.raw(selectColumns + " WHERE base_id = \(bind: base) AND id = \(bind: id)").first().map(decode)
        }
    }

    public func insert(_ record: Record, base: Int, audit: AuditEntry) async throws -> Stored<Record> {
        try await database.withTransaction { sql in
            try await sql.raw(
                "INSERT INTO \(ident: Record.table) (id, base_id, \(ident: Record.labelColumn), document) VALUES (\(bind: record.recordID), \(bind: base), \(bind: storedLabel(record)), "
                    + (try storedDocument(record)) + ")"
            ).run()
            try await AuditRepository(database: database).record(audit, on: sql)
            guard let row = try await sql.raw(selectColumns + " WHERE id = \(bind: record.recordID)").first() else { throw WriteConflict.notFound }
            return try decode(row)
        }
    }

    public func update(_ record: Record, base: Int, audit: AuditEntry) async throws -> Stored<Record> {
        try await database.withTransaction { sql in
            let updated = try await sql.raw(
                "UPDATE \(ident: Record.table) SET \(ident: Record.labelColumn) = \(bind: storedLabel(record)), updated_at = " + sqlHelpers.now
                    + ", document = " + (try storedDocument(record)) + " WHERE base_id = \(bind: base) AND id = \(bind: record.recordID) RETURNING id"
            ).first()
            guard updated != nil else { throw WriteConflict.notFound }
            try await AuditRepository(database: database).record(audit, on: sql)
            guard let row = try await sql.raw(selectColumns + " WHERE id = \(bind: record.recordID)").first() else { throw WriteConflict.notFound }
            return try decode(row)
        }
    }

    /// A sealed record keeps no readable label (a private note's title can say too much).
    private func storedLabel(_ record: Record) -> String {
        record.isSealedAtRest && database.cipher != nil ? "" : record.label
    }

    private func storedDocument(_ record: Record) throws -> SQLQueryString {
        let json = try SealedDocument.json(record, seal: record.isSealedAtRest, cipher: database.cipher)
        return database.engine == .postgres ? "CAST(\(bind: json) AS JSONB)" : "\(bind: json)"
    }

    /// Seals what must be sealed and re-seals what an older key sealed; returns how many rows changed.
    public func reseal() async throws -> Int {
        guard let cipher = database.cipher else { return 0 }
        return try await database.withTransaction { sql in
            var changed = 0
            for row in try await sql.raw("SELECT id, CAST(document AS TEXT) AS document FROM \(ident: Record.table)").all() {
                let json = try row.decode(column: "document", as: String.self)
                let record = try SealedDocument.decode(Record.self, from: json, cipher: cipher)
                let sealedWithCurrent = SealedDocument.isSealed(json) && json.contains("enc:v1:\(cipher.current.id):")
                guard record.isSealedAtRest, !sealedWithCurrent else { continue }
                try await sql.raw(
                    "UPDATE \(ident: Record.table) SET \(ident: Record.labelColumn) = '', document = " + (try storedDocument(record))
                        + " WHERE id = \(bind: record.recordID)"
                ).run()
                changed += 1
            }
            return changed
        }
    }

    public func delete(_ id: UUID, base: Int, audit: AuditEntry) async throws {
        try await database.withTransaction { sql in
            let deleted = try await sql.raw("DELETE FROM \(ident: Record.table) WHERE base_id = \(bind: base) AND id = \(bind: id) RETURNING id").first()
            guard deleted != nil else { throw WriteConflict.notFound }
            if Record.self == Source.self { try await MediaLinkRows.forget(.source, record: id, on: sql) }
            try await AuditRepository(database: database).record(audit, on: sql)
        }
    }
}
