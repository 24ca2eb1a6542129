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

    /// The base of routes that name none: the activated one, else `configured`
    /// (`GENEWEB_DEFAULT_BASE`), else `default` when it exists, else the oldest base.
    public func defaultName(configured: String? = nil) async throws -> String {
        try await database.withConnection { sql in
            let active = try await sql.raw(
                """
                SELECT b.name FROM server_settings s JOIN bases b ON b.name = s.value WHERE s.key = 'active_base'
                """
            ).first()?.decode(column: "name", as: String.self)
            if let active { return active }
            if let configured { return configured }
            let names = try await sql.raw("SELECT name FROM bases ORDER BY id").all().map { try $0.decode(column: "name", as: String.self) }
            return names.contains("default") ? "default" : names.first ?? "default"
        }
    }

    /// Makes `name` the base of routes without `/bases/{base}`, for every instance.
    public func activate(_ name: BaseName) async throws {
        try await database.withTransaction { sql in
            try await sql.raw("DELETE FROM server_settings WHERE key = 'active_base'").run()
            try await sql.raw("INSERT INTO server_settings (key, value) VALUES ('active_base', \(bind: name.rawValue))").run()
        }
    }

    /// Creates an empty base; false when the name is taken.
    public func create(_ name: BaseName, title: String) async throws -> Bool {
        try await database.withTransaction { sql in
            if try await id(of: name, create: false, on: sql) != nil { return false }
            try await sql.raw("INSERT INTO bases (name, title) VALUES (\(bind: name.rawValue), \(bind: title))").run()
            return true
        }
    }

    /// Renames a base (and the active-base setting with it); false when `old` is missing or `new` taken.
    public func rename(_ old: BaseName, to new: BaseName) async throws -> Bool {
        try await database.withTransaction { sql in
            guard try await id(of: old, create: false, on: sql) != nil, try await id(of: new, create: false, on: sql) == nil else { return false }
            try await sql.raw("UPDATE bases SET name = \(bind: new.rawValue) WHERE name = \(bind: old.rawValue)").run()
            try await sql.raw("UPDATE server_settings SET value = \(bind: new.rawValue) WHERE key = 'active_base' AND value = \(bind: old.rawValue)").run()
            return true
        }
    }

    /// Deletes a base and everything in it, in one transaction; false when there is no such base.
    public func delete(_ name: BaseName) async throws -> Bool {
        try await database.withTransaction { sql in
            guard let baseID = try await id(of: name, create: false, on: sql) else { return false }
            try await BaseContents.deleteAll(of: baseID, on: sql)
            try await sql.raw("DELETE FROM bases WHERE id = \(bind: baseID)").run()
            try await sql.raw("DELETE FROM server_settings WHERE key = 'active_base' AND value = \(bind: name.rawValue)").run()
            return true
        }
    }

    /// Families with two parents, and families with at least one child, in a base.
    public func familyShapes(of name: BaseName) async throws -> (couples: Int, withChildren: Int) {
        try await database.withConnection { sql in
            guard let baseID = try await id(of: name, create: false, on: sql) else { return (0, 0) }
            let row = try await sql.raw(
                """
                SELECT
                  (SELECT count(*) FROM families f WHERE f.base_id = \(bind: baseID)
                     AND (SELECT count(*) FROM family_members m WHERE m.family_id = f.id AND m.role = 'parent') = 2) AS couples,
                  (SELECT count(*) FROM families f WHERE f.base_id = \(bind: baseID)
                     AND EXISTS (SELECT 1 FROM family_members m WHERE m.family_id = f.id AND m.role = 'child')) AS with_children
                """
            ).first()
            return (try row?.decode(column: "couples", as: Int.self) ?? 0, try row?.decode(column: "with_children", as: Int.self) ?? 0)
        }
    }

    /// The ids of the bases whose policy shows living persons' names to everyone.
    public func basesWithPublicNames() async throws -> Set<Int> {
        try await database.withConnection { sql in
            Set(try await sql.raw("SELECT id FROM bases WHERE living_names = 'public'").all().map { try $0.decode(column: "id", as: Int.self) })
        }
    }

    /// Sets whether living persons' names are shown to anonymous callers and viewers; false when there is no such base.
    public func setPublicNames(_ name: BaseName, _ isPublic: Bool) async throws -> Bool {
        try await database.withTransaction { sql in
            try await sql.raw("UPDATE bases SET living_names = \(bind: isPublic ? "public" : "hidden") WHERE name = \(bind: name.rawValue) RETURNING id")
                .first() != nil
        }
    }

    /// Every base's name and id, without counting anything.
    public func summaryIDs() async throws -> [(name: String, id: Int)] {
        try await database.withConnection { sql in
            try await sql.raw("SELECT id, name FROM bases ORDER BY id").all().map {
                (try $0.decode(column: "name", as: String.self), try $0.decode(column: "id", as: Int.self))
            }
        }
    }

    /// Every base with its person and family counts, ordered by name.
    public func summaries() async throws -> [BaseSummary] {
        try await database.withConnection { sql in
            let rows = try await sql.raw(
                """
                SELECT b.name, b.title,
                    (SELECT count(*) FROM persons p WHERE p.base_id = b.id) AS persons,
                    (SELECT count(*) FROM families f WHERE f.base_id = b.id) AS families
                FROM bases b ORDER BY b.name
                """
            ).all()
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
