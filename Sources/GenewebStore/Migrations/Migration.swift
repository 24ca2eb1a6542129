/// One numbered step of the schema. Versions only grow; a released migration is never edited,
/// a later one changes what an earlier one made.
public struct Migration: Sendable {
    /// Position in the sequence, starting at 1; recorded in `schema_migrations` once applied.
    public let version: Int
    /// Short name for logs and `geneweb migrate --status`.
    public let name: String
    /// The statements for an engine, run in order inside one transaction.
    let statements: @Sendable (DatabaseEngine) -> [String]
}

/// Every migration of the schema, in order.
public enum Migrations {
    public static let all: [Migration] = [
        .bases,
        .genealogySkeleton,
        .records,
    ]

    /// The version of the newest migration this build knows.
    public static var latestVersion: Int { all.last?.version ?? 0 }
}
