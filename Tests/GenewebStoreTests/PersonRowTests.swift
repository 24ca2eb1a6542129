import Foundation
import GenewebCore
import GenewebFormats
import GenewebStore
import Logging
import SQLKit
import Testing

@Suite("A person's rows, however they were written")
struct PersonRowTests {
    let logger = Logger(label: "test.person-rows")

    /// A person with something in every derived column: names with aliases and a particle,
    /// a birth known to the day with a place, a death, a public name and a qualifier.
    static let person = Person(
        firstName: "Jean Baptiste", surname: "de La Fontaine", occurrence: 2, sex: .male, publicName: "Le Fabuliste",
        qualifiers: ["l'Aîné"], aliases: ["Bonhomme"], firstNameAliases: ["Jehan"], surnameAliases: ["Lafontaine"],
        occupation: "poète", access: .public,
        events: [
            Event(kind: .birth, date: .calendar(CalendarDate(day: 8, month: 7, year: 1621)), place: "Château-Thierry"),
            Event(kind: .death, date: .calendar(CalendarDate(day: 13, month: 4, year: 1695)), place: "Paris"),
        ],
        gedcomXref: "I1")

    @Test("an insert, an update and an import of the same person give the same persons and person_words rows", arguments: allEngines)
    func sameRows(engine: DatabaseEngine) async throws {
        try await EngineFixture.with(engine) { database in
            try await MigrationRunner(database: database, logger: logger).migrate()
            let person = Self.person
            let persons = PersonRepository(database: database)
            let base = try #require(try await BaseRepository(database: database).id(of: try BaseName("default")))
            let audit = AuditEntry(occurredAt: 1, actorID: nil, actorName: "test", action: "test", entityType: "person")

            var document = GedcomDocument()
            document.persons = [person]
            _ = try await GenealogyImporter(database: database).importDocument(document, into: try BaseName("default"), format: "gedcom", replace: false)
            let imported = try await rows(of: person, on: database)
            try await persons.delete(person.id.uuid, base: base, expectedVersion: nil, unlink: true, audit: audit)

            _ = try await persons.insert(person, base: base, audit: audit)
            let inserted = try await rows(of: person, on: database)
            try await persons.delete(person.id.uuid, base: base, expectedVersion: nil, unlink: true, audit: audit)

            // Every derived column differs before the update.
            var before = Person(id: person.id, firstName: "Jeanne", surname: "Martin", sex: .female, access: .private, gedcomXref: "I1")
            before.events = [Event(kind: .baptism, date: .calendar(CalendarDate(year: 1700)), place: "Reims")]
            _ = try await persons.insert(before, base: base, audit: audit)
            _ = try await persons.update(person, base: base, expectedVersion: nil, audit: audit)
            let updated = try await rows(of: person, on: database)

            #expect(imported.persons.count == inserted.persons.count && imported.words.count > 5)
            #expect(inserted.persons == imported.persons)
            #expect(updated.persons == imported.persons)
            #expect(inserted.words == imported.words)
            #expect(updated.words == imported.words)
        }
    }

    /// Every column of the person's `persons` row but the write's bookkeeping (version, times),
    /// and every column of their `person_words` rows, as text; read from the engine's catalog,
    /// so a column added later is compared too.
    private func rows(of person: Person, on database: Database) async throws -> (persons: [String: String?], words: [[String?]]) {
        let bookkeeping: Set<String> = ["version", "created_at", "updated_at"]
        return try await database.withConnection { sql in
            let personColumns = try await columns(of: "persons", on: sql, engine: database.engine).filter { !bookkeeping.contains($0) }
            let row = try #require(
                try await sql.raw("SELECT " + texts(personColumns) + " FROM persons WHERE id = \(bind: person.id.uuid)").first())
            var persons: [String: String?] = [:]
            for column in personColumns { persons[column] = try row.decode(column: column, as: String?.self) }
            let wordColumns = try await columns(of: "person_words", on: sql, engine: database.engine)
            let words = try await sql.raw(
                "SELECT " + texts(wordColumns) + " FROM person_words WHERE person_id = \(bind: person.id.uuid) ORDER BY field, word"
            ).all().map { row in try wordColumns.map { try row.decode(column: $0, as: String?.self) } }
            return (persons, words)
        }
    }

    private func columns(of table: String, on sql: any SQLDatabase, engine: DatabaseEngine) async throws -> [String] {
        switch engine {
        case .sqlite:
            try await sql.raw("SELECT name FROM pragma_table_info(\(bind: table))").all().map { try $0.decode(column: "name", as: String.self) }
        case .postgres:
            try await sql.raw("SELECT column_name AS name FROM information_schema.columns WHERE table_name = \(bind: table) ORDER BY ordinal_position")
                .all().map { try $0.decode(column: "name", as: String.self) }
        }
    }

    private func texts(_ columns: [String]) -> SQLQueryString {
        "\(unsafeRaw: columns.map { "CAST(\($0) AS TEXT) AS \($0)" }.joined(separator: ", "))"
    }
}
