import Foundation
import GenewebCore
import SQLKit

/// Keeps `person_words` and the indexed columns of `persons` in step with the documents; every
/// write of a person goes through here inside its transaction.
struct PersonIndexWriter {
    let sql: any SQLDatabase
    let engine: DatabaseEngine

    static func wordRows() -> BulkRows {
        BulkRows("person_words", columns: ["base_id", "person_id", "field", "word", "phonetic"])
    }

    static func append(_ entry: PersonIndexEntry, of person: UUID, base: Int, to rows: inout BulkRows) {
        for word in entry.words {
            rows.rows.append([.integer(base), BulkValue(person), .text(word.field.rawValue), .text(word.word), .text(word.phonetic)])
        }
    }

    func insertWords(_ entries: [(base: Int, person: UUID, entry: PersonIndexEntry)]) async throws {
        var rows = Self.wordRows()
        for item in entries { Self.append(item.entry, of: item.person, base: item.base, to: &rows) }
        if !rows.rows.isEmpty { try await SQLKitRowSink(sql: sql, engine: engine).insert(rows) }
    }

    func replaceWords(of person: Person, base: Int) async throws {
        try await sql.raw("DELETE FROM person_words WHERE person_id = \(bind: person.id.uuid)").run()
        try await insertWords([(base, person.id.uuid, PersonIndexEntry(person))])
    }

    func updateColumns(of person: Person, entry: PersonIndexEntry) async throws {
        try await sql.raw(
            """
            UPDATE persons SET deceased = \(bind: entry.deceased), access = \(bind: entry.access),
                birth_latest = \(bind: entry.birthLatest), birth_md = \(bind: entry.birthMonthDay), death_md = \(bind: entry.deathMonthDay),
                birth_year = \(bind: entry.birthYear), death_year = \(bind: entry.deathYear)
            WHERE id = \(bind: person.id.uuid)
            """
        ).run()
    }
}
