import Foundation
import GenewebStore
import Logging
import SQLKit
import Testing

/// Both engines' refusals of a taken unique key read as one `UniqueViolation` (with its table),
/// and nothing else does: the server's 409 and the persons' retry rest on it.
@Suite("Unique-key refusals of both engines")
struct UniqueViolationTests {
    let logger = Logger(label: "test.unique")

    private func insert(_ sql: any SQLDatabase, id: UUID, first: String) async throws {
        try await sql.raw(
            """
            INSERT INTO persons (id, base_id, first_name, surname, first_name_key, surname_key, occurrence)
            VALUES (\(bind: id), 1, \(bind: first), 'Dupont', \(bind: first.lowercased()), 'dupont', 0)
            """
        ).run()
    }

    /// The error `body` throws.
    private func failure(_ database: Database, _ body: @escaping @Sendable (any SQLDatabase) async throws -> Void) async -> (any Error)? {
        do {
            try await database.withTransaction(body)
            return nil
        } catch {
            return error
        }
    }

    @Test("a taken GeneWeb key and a taken id are unique violations of persons; a foreign key is not", arguments: allEngines)
    func engines(engine: DatabaseEngine) async throws {
        try await EngineFixture.with(engine) { database in
            try await MigrationRunner(database: database, logger: logger).migrate()
            let id = UUID()
            try await database.withTransaction { sql in try await insert(sql, id: id, first: "Jean") }
            let sameKey = try #require(await failure(database) { sql in try await insert(sql, id: UUID(), first: "Jean") })
            #expect(UniqueViolation(engineError: sameKey)?.table == "persons", "\(String(reflecting: sameKey))")
            let sameID = try #require(await failure(database) { sql in try await insert(sql, id: id, first: "Paul") })
            #expect(UniqueViolation(engineError: sameID)?.table == "persons", "\(String(reflecting: sameID))")
            let dangling = try #require(
                await failure(database) { sql in
                    try await sql.raw("INSERT INTO family_members (family_id, person_id, role, position) VALUES (\(bind: UUID()), \(bind: id), 'child', 0)")
                        .run()
                })
            #expect(UniqueViolation(engineError: dangling) == nil)
        }
    }
}
