import Foundation
import GenewebStore
import Logging
import SQLKit
import Testing

@Suite("Transactions and base counts")
struct TransactionTests {
    let logger = Logger(label: "test.transactions")

    struct Boom: Error {}

    @Test("a transaction that throws leaves nothing behind", arguments: allEngines)
    func rollback(engine: DatabaseEngine) async throws {
        try await EngineFixture.with(engine) { database in
            try await MigrationRunner(database: database, logger: logger).migrate()
            await #expect(throws: Boom.self) {
                try await database.withTransaction { sql in
                    try await insertPerson(sql, first: "Jean", surname: "Dupont")
                    throw Boom()
                }
            }
            #expect(try await BaseRepository(database: database).summaries().first?.persons == 0)
        }
    }

    @Test("base summaries count the persons and families of each base", arguments: allEngines)
    func counts(engine: DatabaseEngine) async throws {
        try await EngineFixture.with(engine) { database in
            try await MigrationRunner(database: database, logger: logger).migrate()
            try await database.withTransaction { sql in
                try await insertPerson(sql, first: "Jean", surname: "Dupont")
                try await insertPerson(sql, first: "Marie", surname: "Curie")
                try await sql.raw("INSERT INTO families (id, base_id) VALUES (\(bind: UUID()), 1)").run()
            }
            let summary = try #require(try await BaseRepository(database: database).summaries().first)
            #expect(summary.persons == 2)
            #expect(summary.families == 1)
        }
    }

    @Test("UUIDs round-trip on both engines", arguments: allEngines)
    func uuidRoundTrip(engine: DatabaseEngine) async throws {
        try await EngineFixture.with(engine) { database in
            try await MigrationRunner(database: database, logger: logger).migrate()
            let id = UUID()
            try await database.withTransaction { sql in try await insertPerson(sql, id: id, first: "Ada", surname: "Lovelace") }
            let read = try await database.withConnection { sql in
                try await sql.raw("SELECT id FROM persons").first()!.decode(column: "id", as: UUID.self)
            }
            #expect(read == id)
        }
    }

    private func insertPerson(_ sql: any SQLDatabase, id: UUID = UUID(), first: String, surname: String) async throws {
        try await sql.raw(
            """
            INSERT INTO persons (id, base_id, first_name, surname, first_name_key, surname_key)
            VALUES (\(bind: id), 1, \(bind: first), \(bind: surname), \(bind: first.lowercased()), \(bind: surname.lowercased()))
            """
        ).run()
    }
}
