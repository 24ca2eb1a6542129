import Foundation
import GenewebCore
import SQLKit

/// Reads a base's persons and parent/child links for the in-memory `GenealogyGraph`, and the
/// base's version, which every write of persons or families raises: a cached graph older than
/// the version is rebuilt, whichever instance made the change.
public struct GraphRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func version(of base: Int) async throws -> Int {
        try await database.withConnection { sql in
            try await sql.raw("SELECT version FROM bases WHERE id = \(bind: base)").first()?.decode(column: "version", as: Int.self) ?? 0
        }
    }

    /// The graph and the version it was read at (in one transaction, so they match).
    public func load(base: Int) async throws -> (version: Int, graph: GenealogyGraph) {
        try await database.withConnection { sql in
            if database.engine == .postgres { try await sql.raw("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").run() }
            do {
                let version = try await sql.raw("SELECT version FROM bases WHERE id = \(bind: base)").first()?.decode(column: "version", as: Int.self) ?? 0
                let persons = try await sql.raw("SELECT id, sex FROM persons WHERE base_id = \(bind: base) ORDER BY file_position, id").all().map { row in
                    (id: try row.decode(column: "id", as: UUID.self), sex: Sex(rawValue: try row.decode(column: "sex", as: String.self)) ?? .unknown)
                }
                let rows = try await sql.raw("""
                    SELECT m.family_id, m.person_id, m.role FROM family_members m JOIN families f ON f.id = m.family_id
                    WHERE f.base_id = \(bind: base) ORDER BY f.file_position, f.created_at, f.id, m.role DESC, m.position
                    """).all()
                var families: [GenealogyGraph.FamilyLinks] = []
                var current: UUID?
                var parents: [UUID] = []
                var children: [UUID] = []
                for row in rows {
                    let family = try row.decode(column: "family_id", as: UUID.self)
                    if family != current {
                        if current != nil { families.append(.init(parents: parents, children: children)) }
                        current = family
                        parents = []
                        children = []
                    }
                    let person = try row.decode(column: "person_id", as: UUID.self)
                    if try row.decode(column: "role", as: String.self) == "parent" { parents.append(person) } else { children.append(person) }
                }
                if current != nil { families.append(.init(parents: parents, children: children)) }
                if database.engine == .postgres { try await sql.raw("COMMIT").run() }
                return (version, GenealogyGraph(persons: persons, families: families))
            } catch {
                if database.engine == .postgres { try? await sql.raw("ROLLBACK").run() }
                throw error
            }
        }
    }
}

/// Raises a base's version inside a write's transaction.
enum BaseVersion {
    static func bump(_ base: Int, on sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE bases SET version = version + 1 WHERE id = \(bind: base)").run()
    }
}
