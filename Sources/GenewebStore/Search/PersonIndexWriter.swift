import Foundation
import GenewebCore
import SQLKit

/// Keeps `person_words` and the indexed columns of `persons` in step with the documents; every
/// write of a person goes through here inside its transaction.
struct PersonIndexWriter {
    let sql: any SQLDatabase
    /// Word rows per INSERT: five binds each, well under either engine's limit.
    static let wordsPerStatement = 400

    func insertWords(_ entries: [(base: Int, person: UUID, entry: PersonIndexEntry)]) async throws {
        let rows = entries.flatMap { item in item.entry.words.map { (item.base, item.person, $0) } }
        for batch in rows.chunked(Self.wordsPerStatement) {
            var query: SQLQueryString = "INSERT INTO person_words (base_id, person_id, field, word, phonetic) VALUES "
            for (index, row) in zip(batch.indices, batch) {
                if index > batch.startIndex { query += ", " }
                query += "(\(bind: row.0), \(bind: row.1), \(bind: row.2.field.rawValue), \(bind: row.2.word), \(bind: row.2.phonetic))"
            }
            try await sql.raw(query).run()
        }
    }

    func replaceWords(of person: Person, base: Int) async throws {
        try await sql.raw("DELETE FROM person_words WHERE person_id = \(bind: person.id.uuid)").run()
        try await insertWords([(base, person.id.uuid, PersonIndexEntry(person))])
    }

    func updateColumns(of person: Person, entry: PersonIndexEntry) async throws {
        try await sql.raw("""
            UPDATE persons SET deceased = \(bind: entry.deceased), access = \(bind: entry.access),
                birth_latest = \(bind: entry.birthLatest), birth_md = \(bind: entry.birthMonthDay), death_md = \(bind: entry.deathMonthDay),
                birth_year = \(bind: entry.birthYear), death_year = \(bind: entry.deathYear)
            WHERE id = \(bind: person.id.uuid)
            """).run()
    }
}
