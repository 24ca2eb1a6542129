import SQLKit

/// The tables a backup holds, in an order that restores without breaking a foreign key (a row's
/// references are restored before it), and how to read and write each one's columns.
enum BackupTables {
    /// Every table of the schema but the bookkeeping (`notBackedUp`).
    static let restoreOrder = [
        "bases", "server_settings",
        "users", "password_history", "refresh_tokens", "revoked_tokens",
        "persons", "families", "family_members", "person_words", "person_places",
        "sources", "repositories", "notes", "media", "media_links", "places", "base_records", "record_versions",
        "consents", "audit_log",
    ]

    /// Tables whose integer ids come from a sequence (PostgreSQL identity columns, SQLite
    /// AUTOINCREMENT): after a restore the sequence must continue after the restored ids.
    static let identityColumns = ["bases": "id", "consents": "id", "audit_log": "id"]

    /// Bookkeeping of the running servers, not data: the migration ledger (the archive header
    /// replaces it) and SQLite's count of account changes (migration 16).
    static let notBackedUp: Set<String> = ["schema_migrations", "account_changes"]

    /// The tables the database has, bookkeeping left out.
    static func present(on sql: any SQLDatabase, engine: DatabaseEngine) async throws -> [String] {
        let query: SQLQueryString =
            engine == .sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
        return try await sql.raw(query).all().map { try $0.decode(column: "name", as: String.self) }.filter { !notBackedUp.contains($0) }
    }

    /// The columns of `table` in the order the database lists them, with their kinds.
    static func columns(of table: String, on sql: any SQLDatabase, engine: DatabaseEngine) async throws -> [(column: BackupColumn, type: String)] {
        let query: SQLQueryString =
            engine == .sqlite
            ? "SELECT name, type FROM pragma_table_info(\(bind: table)) ORDER BY cid"
            : "SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = \(bind: table) ORDER BY ordinal_position"
        return try await sql.raw(query).all().map { row in
            let name = try row.decode(column: "name", as: String.self)
            let type = try row.decode(column: "type", as: String.self).lowercased()
            return (BackupColumn(name: name, kind: kind(ofType: type)), type)
        }
    }

    static func kind(ofType type: String) -> BackupColumnKind {
        switch type {
        case "integer", "bigint", "smallint", "int", "int4", "int8": .integer
        case "boolean", "bool": .boolean
        case "timestamp with time zone", "timestamptz": .timestamp
        default: .text
        }
    }

    /// The SELECT expression that reads a column as its backup kind: PostgreSQL's UUIDs, JSONB and
    /// times as text (times in UTC with microseconds); SQLite's columns as they are.
    static func selectExpression(_ column: String, type: String, engine: DatabaseEngine) -> String {
        let quoted = "\"\(column)\""
        guard engine == .postgres else { return quoted }
        switch type {
        case "uuid", "jsonb", "json": return "\(quoted)::text AS \(quoted)"
        case "timestamp with time zone":
            return "to_char(\(quoted) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') AS \(quoted)"
        default: return quoted
        }
    }

    /// The placeholder that writes a value into a column of `type`: PostgreSQL casts text to its
    /// column's own type; SQLite takes values as they are.
    static func insertExpression(placeholder: String, type: String, engine: DatabaseEngine) -> String {
        guard engine == .postgres else { return placeholder }
        switch type {
        case "uuid": return "CAST(\(placeholder) AS uuid)"
        case "jsonb": return "CAST(\(placeholder) AS jsonb)"
        case "json": return "CAST(\(placeholder) AS json)"
        case "timestamp with time zone": return "CAST(\(placeholder) AS timestamptz)"
        default: return placeholder
        }
    }
}
