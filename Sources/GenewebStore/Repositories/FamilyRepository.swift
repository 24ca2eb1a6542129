import Foundation
import GenewebCore
import SQLKit

/// Families of one base and their ordered parent/child links.
public struct FamilyRepository: Sendable {
    let database: Database
    var sqlHelpers: EngineSQL { EngineSQL(engine: database.engine) }

    public init(database: Database) {
        self.database = database
    }

    private var selectColumns: SQLQueryString {
        "SELECT id, version, " + sqlHelpers.isoTimestamp("created_at") + " AS created_at, "
            + sqlHelpers.isoTimestamp("updated_at") + " AS updated_at, CAST(document AS TEXT) AS document FROM families"
    }

    static func decode(_ row: any SQLRow) throws -> Stored<Family> {
        Stored(
            value: try JSONDecoder.document(Family.self, from: row),
            version: try row.decode(column: "version", as: Int.self),
            createdAt: try row.decode(column: "created_at", as: String.self),
            updatedAt: try row.decode(column: "updated_at", as: String.self)
        )
    }

    public func find(_ id: UUID, base: Int) async throws -> Stored<Family>? {
        try await database.withConnection { sql in
            try await sql.raw(selectColumns + " WHERE base_id = \(bind: base) AND id = \(bind: id)").first().map(Self.decode)
        }
    }

    /// The families where the person is a parent or a child, parents' families first.
    public func families(of person: UUID, base: Int) async throws -> [Stored<Family>] {
        try await database.withConnection { sql in
            try await sql.raw(selectColumns + """
                 WHERE base_id = \(bind: base) AND id IN (SELECT family_id FROM family_members WHERE person_id = \(bind: person))
                 ORDER BY file_position, id
                """).all().map(Self.decode)
        }
    }

    /// Takes a person out of a family (as parent or child), inside the caller's transaction:
    /// the document and the link rows change together, positions stay gap-free.
    func removeMember(_ person: UUID, from family: UUID, on sql: any SQLDatabase) async throws {
        guard let row = try await sql.raw("SELECT CAST(document AS TEXT) AS document FROM families WHERE id = \(bind: family)").first() else { return }
        var value = try JSONDecoder.document(Family.self, from: row)
        value.parents.removeAll { $0.uuid == person }
        value.children.removeAll { $0.uuid == person }
        try await sql.raw("UPDATE families SET version = version + 1, updated_at = " + sqlHelpers.now
            + ", document = " + (try sqlHelpers.document(value)) + " WHERE id = \(bind: family)").run()
        try await writeLinks(of: value, on: sql)
    }

    /// Rewrites the link rows of a family from its document.
    func writeLinks(of family: Family, on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM family_members WHERE family_id = \(bind: family.id.uuid)").run()
        let links = family.parents.enumerated().map { ($0.element.uuid, "parent", $0.offset) }
            + family.children.enumerated().map { ($0.element.uuid, "child", $0.offset) }
        guard !links.isEmpty else { return }
        var query: SQLQueryString = "INSERT INTO family_members (family_id, person_id, role, position) VALUES "
        for (index, link) in links.enumerated() {
            if index > 0 { query += ", " }
            query += "(\(bind: family.id.uuid), \(bind: link.0), \(bind: link.1), \(bind: link.2))"
        }
        try await sql.raw(query).run()
    }
}
