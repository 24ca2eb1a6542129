import SQLKit

/// A named genealogical base and how much it holds.
public struct BaseSummary: Sendable, Equatable, Codable {
    public let name: String
    public let title: String
    public let persons: Int
    public let families: Int

    public init(name: String, title: String, persons: Int, families: Int) {
        self.name = name
        self.title = title
        self.persons = persons
        self.families = families
    }
}

/// Reads and writes the `bases` table.
public struct BaseRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The id of the base called `name`, creating the base when `create` is true.
    public func id(of name: BaseName, create: Bool, on sql: any SQLDatabase) async throws -> Int? {
        if let row = try await sql.raw("SELECT id FROM bases WHERE name = \(bind: name.rawValue)").first() {
            return try row.decode(column: "id", as: Int.self)
        }
        guard create else { return nil }
        try await sql.raw("INSERT INTO bases (name, title) VALUES (\(bind: name.rawValue), \(bind: name.rawValue))").run()
        return try await sql.raw("SELECT id FROM bases WHERE name = \(bind: name.rawValue)").first()?.decode(column: "id", as: Int.self)
    }

    /// The id of an existing base, nil when there is none of that name.
    public func id(of name: BaseName) async throws -> Int? {
        try await database.withConnection { sql in try await id(of: name, create: false, on: sql) }
    }

    /// The base of routes that name none: `default` when it exists, else the oldest base.
    public func defaultName() async throws -> String {
        let names = try await database.withConnection { sql in
            try await sql.raw("SELECT name FROM bases ORDER BY id").all().map { try $0.decode(column: "name", as: String.self) }
        }
        return names.contains("default") ? "default" : names.first ?? "default"
    }

    /// Every base with its person and family counts, ordered by name.
    public func summaries() async throws -> [BaseSummary] {
        try await database.withConnection { sql in
            let rows = try await sql.raw("""
                SELECT b.name, b.title,
                    (SELECT count(*) FROM persons p WHERE p.base_id = b.id) AS persons,
                    (SELECT count(*) FROM families f WHERE f.base_id = b.id) AS families
                FROM bases b ORDER BY b.name
                """).all()
            return try rows.map { row in
                BaseSummary(
                    name: try row.decode(column: "name", as: String.self),
                    title: try row.decode(column: "title", as: String.self),
                    persons: try row.decode(column: "persons", as: Int.self),
                    families: try row.decode(column: "families", as: Int.self)
                )
            }
        }
    }
}
