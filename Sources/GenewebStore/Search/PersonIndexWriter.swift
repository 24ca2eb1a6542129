import Foundation
import GenewebCore
import SQLKit

/// Keeps `person_words` and `person_places` in step with the documents (the words themselves come from
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

    static func placeRows() -> BulkRows {
        BulkRows("person_places", columns: ["base_id", "person_id", "place_key", "place"])
    }

    static func appendPlaces(_ entry: PersonIndexEntry, of person: UUID, base: Int, to rows: inout BulkRows) {
        for place in entry.places {
            rows.rows.append([.integer(base), BulkValue(person), .text(place.key), .text(place.name)])
        }
    }

    func insertWords(_ entries: [(base: Int, person: UUID, entry: PersonIndexEntry)]) async throws {
        var rows = Self.wordRows()
        for item in entries { Self.append(item.entry, of: item.person, base: item.base, to: &rows) }
        if !rows.rows.isEmpty { try await SQLKitRowSink(sql: sql, engine: engine).insert(rows) }
    }

    /// Rewrites the words and places of a person whose row changed.
    func replaceWords(of row: PersonRow) async throws {
        try await sql.raw("DELETE FROM person_words WHERE person_id = \(bind: row.personID)").run()
        try await sql.raw("DELETE FROM person_places WHERE person_id = \(bind: row.personID)").run()
        var rows = Self.wordRows()
        var places = Self.placeRows()
        row.appendWords(to: &rows)
        row.appendPlaces(to: &places)
        if !rows.rows.isEmpty { try await SQLKitRowSink(sql: sql, engine: engine).insert(rows) }
        if !places.rows.isEmpty { try await SQLKitRowSink(sql: sql, engine: engine).insert(places) }
    }
}
