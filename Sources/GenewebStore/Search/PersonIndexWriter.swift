import Foundation
import GenewebCore
import SQLKit

/// Keeps `person_words` in step with the documents (the words themselves come from
/// `PersonIndexEntry`, the rest of the row from `PersonRow`); every write of a person goes
/// through here inside its transaction.
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

    /// Rewrites the words of a person whose row changed.
    func replaceWords(of row: PersonRow) async throws {
        try await sql.raw("DELETE FROM person_words WHERE person_id = \(bind: row.personID)").run()
        var rows = Self.wordRows()
        row.appendWords(to: &rows)
        if !rows.rows.isEmpty { try await SQLKitRowSink(sql: sql, engine: engine).insert(rows) }
    }
}
