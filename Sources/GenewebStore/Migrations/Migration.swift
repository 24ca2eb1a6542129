import SQLKit

/// One numbered step of the schema. Versions only grow; a released migration is never edited,
/// a later one changes what an earlier one made.
public struct Migration: Sendable {
    /// Position in the sequence, starting at 1; recorded in `schema_migrations` once applied.
    public let version: Int
    /// Short name for logs and `geneweb migrate --status`.
    public let name: String
    /// The statements for an engine, run in order inside one transaction.
    let statements: @Sendable (DatabaseEngine) -> [String]
    /// Work SQL alone cannot do (filling new columns from the JSON documents through the core's
    /// rules), run after the statements in the same transaction.
    let backfill: (@Sendable (any SQLDatabase, DatabaseEngine) async throws -> Void)?

    init(
        version: Int, name: String, statements: @escaping @Sendable (DatabaseEngine) -> [String],
        backfill: (@Sendable (any SQLDatabase, DatabaseEngine) async throws -> Void)? = nil
    ) {
        self.version = version
        self.name = name
        self.statements = statements
        self.backfill = backfill
    }
}

/// Every migration of the schema, in order.
public enum Migrations {
    public static let all: [Migration] = [
        .bases,
        .genealogySkeleton,
        .records,
        .accounts,
        .versions,
        .settings,
        .consents,
        .places,
        .listIndex,
        .searchIndex,
        .leanerPersonIndexes,
        .placeIndex,
        .mediaFiles,
        .recordVersions,
        .searchCoveringIndexes,
        .accountChanges,
        .indexCoveringIndexes,
    ]

    /// The version of the newest migration this build knows.
    public static var latestVersion: Int { all.last?.version ?? 0 }
}

/// Column types that differ between the engines, for migrations that create the same table on both.
struct ColumnTypes {
    /// Record identifiers: UUIDs (native on PostgreSQL, text on SQLite).
    let id: String
    /// References to `bases.id`.
    let baseID: String
    /// The JSON document of a record, `{}` when empty.
    let json: String
    /// Creation and update times, set by the database.
    let timestamp: String

    init(_ engine: DatabaseEngine) {
        switch engine {
        case .sqlite:
            id = "TEXT"
            baseID = "INTEGER"
            json = "TEXT NOT NULL DEFAULT '{}'"
            timestamp = "TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"
        case .postgres:
            id = "UUID"
            baseID = "BIGINT"
            json = "JSONB NOT NULL DEFAULT '{}'::jsonb"
            timestamp = "TIMESTAMPTZ NOT NULL DEFAULT now()"
        }
    }
}
