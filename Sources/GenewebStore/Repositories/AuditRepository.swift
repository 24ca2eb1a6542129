import Foundation
import SQLKit

/// One line of the audit log: who did what to which record, when.
public struct AuditEntry: Sendable, Equatable, Codable {
    public var id: Int?
    /// Unix seconds.
    public var occurredAt: Int64
    public var actorID: String?
    public var actorName: String
    /// e.g. `person.create`, `auth.login_failed`, `security.token_reuse`.
    public var action: String
    public var entityType: String
    public var entityID: String?
    public var base: String?
    public var requestID: String?
    public var clientIP: String?
    /// A small summary (ids before/after, changed fields); never passwords or tokens.
    public var details: [String: String]

    public init(
        id: Int? = nil, occurredAt: Int64, actorID: String?, actorName: String, action: String, entityType: String,
        entityID: String? = nil, base: String? = nil, requestID: String? = nil, clientIP: String? = nil,
        details: [String: String] = [:]
    ) {
        self.id = id
        self.occurredAt = occurredAt
        self.actorID = actorID
        self.actorName = actorName
        self.action = action
        self.entityType = entityType
        self.entityID = entityID
        self.base = base
        self.requestID = requestID
        self.clientIP = clientIP
        self.details = details
    }
}

/// Appends to and reads the `audit_log` table.
public struct AuditRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Appends an entry in its own transaction.
    public func record(_ entry: AuditEntry) async throws {
        try await database.withTransaction { sql in try await record(entry, on: sql) }
    }

    /// Appends an entry inside the caller's transaction, so a write and its audit line commit together.
    public func record(_ entry: AuditEntry, on sql: any SQLDatabase) async throws {
        let json = String(decoding: try JSONEncoder.sorted.encode(entry.details), as: UTF8.self)
        let details: SQLQueryString = database.engine == .postgres ? "CAST(\(bind: json) AS JSONB)" : "\(bind: json)"
        try await sql.raw(
            """
            INSERT INTO audit_log (occurred_at, actor_id, actor_name, action, entity_type, entity_id, base, request_id, client_ip, details)
            VALUES (\(bind: entry.occurredAt), \(bind: entry.actorID), \(bind: entry.actorName), \(bind: entry.action),
                    \(bind: entry.entityType), \(bind: entry.entityID), \(bind: entry.base), \(bind: entry.requestID),
                    \(bind: entry.clientIP),
            """ + details + ")"
        ).run()
    }

    /// Entries newest first, optionally only one action or entity.
    public func entries(action: String? = nil, entityID: String? = nil, offset: Int, limit: Int) async throws -> (entries: [AuditEntry], total: Int) {
        try await database.withConnection { sql in
            var filter: SQLQueryString = " WHERE 1 = 1"
            if let action { filter += " AND action = \(bind: action)" }
            if let entityID { filter += " AND entity_id = \(bind: entityID)" }
            let total = try await sql.raw("SELECT count(*) AS n FROM audit_log " + filter).first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await sql.raw(
                """
                SELECT id, occurred_at, actor_id, actor_name, action, entity_type, entity_id, base, request_id, client_ip,
                    CAST(details AS TEXT) AS details FROM audit_log
                """ + filter + " ORDER BY id DESC LIMIT \(bind: limit) OFFSET \(bind: offset)"
            ).all()
            let entries = try rows.map { row in
                AuditEntry(
                    id: try row.decode(column: "id", as: Int.self),
                    occurredAt: try row.decode(column: "occurred_at", as: Int64.self),
                    actorID: try row.decode(column: "actor_id", as: String?.self),
                    actorName: try row.decode(column: "actor_name", as: String.self),
                    action: try row.decode(column: "action", as: String.self),
                    entityType: try row.decode(column: "entity_type", as: String.self),
                    entityID: try row.decode(column: "entity_id", as: String?.self),
                    base: try row.decode(column: "base", as: String?.self),
                    requestID: try row.decode(column: "request_id", as: String?.self),
                    clientIP: try row.decode(column: "client_ip", as: String?.self),
                    details: (try? JSONDecoder().decode([String: String].self, from: Data(try row.decode(column: "details", as: String.self).utf8))) ?? [:]
                )
            }
            return (entries, total)
        }
    }

    /// The persons of `base` created or changed most recently, newest first: their ids, from the
    /// last 500 entries about that base's persons (read backwards from the newest, so the cost
    /// does not grow with the log).
    public func recentlyChangedPersons(base: String, limit: Int) async throws -> [UUID] {
        try await database.withConnection { sql in
            let rows = try await sql.raw(
                """
                SELECT entity_id FROM audit_log WHERE base = \(bind: base) AND entity_type = 'person'
                AND action IN ('person.create', 'person.update', 'person.replace') ORDER BY id DESC LIMIT 500
                """
            ).all()
            var seen: Set<UUID> = []
            var ids: [UUID] = []
            for row in rows {
                guard let text = try row.decode(column: "entity_id", as: String?.self), let id = UUID(uuidString: text), seen.insert(id).inserted else {
                    continue
                }
                ids.append(id)
                if ids.count == limit { break }
            }
            return ids
        }
    }
}

extension JSONEncoder {
    /// Sorted keys, unescaped slashes: the same bytes for the same value.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
