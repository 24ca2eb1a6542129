import Foundation
import GenewebCore
import SQLKit

extension Migration {
    /// GeneWeb's place index: each distinct place of each person's events, folded for grouping
    /// (`place_key`, accents and case ignored) with the text as written (`place`), so that the
    /// places of a base and the persons of a place are index scans, not a read of every document.
    static let placeIndex = Migration(
        version: 12, name: "place_index",
        statements: { engine in
            let types = ColumnTypes(engine)
            let key = engine == .postgres ? "TEXT COLLATE \"C\"" : "TEXT"
            return [
                """
                CREATE TABLE person_places (
                    base_id \(types.baseID) NOT NULL REFERENCES bases(id) ON DELETE CASCADE,
                    person_id \(types.id) NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
                    place_key \(key) NOT NULL,
                    place TEXT NOT NULL,
                    PRIMARY KEY (person_id, place_key)
                )
                """,
                "CREATE INDEX person_places_by_key ON person_places (base_id, place_key)",
            ]
        },
        backfill: { sql, engine in
            try await PlaceIndexBackfill(sql: sql, engine: engine).run()
        })
}

/// Fills `person_places` for persons stored before migration 12.
struct PlaceIndexBackfill {
    let sql: any SQLDatabase
    let engine: DatabaseEngine
    let chunk = 2_000

    func run() async throws {
        let decoder = JSONDecoder()
        var lastID: UUID?
        let documentText: SQLQueryString = engine == .postgres ? "document::text" : "document"
        while true {
            let after: SQLQueryString = lastID.map { " WHERE id > \(bind: $0)" } ?? ""
            let rows = try await sql.raw(
                "SELECT id, base_id, " + documentText + " AS document FROM persons" + after + " ORDER BY id LIMIT \(bind: chunk)"
            ).all()
            guard let last = rows.last else { break }
            var places = PersonIndexWriter.placeRows()
            for row in rows {
                let person = try decoder.decode(Person.self, from: Data(try row.decode(column: "document", as: String.self).utf8))
                PersonIndexWriter.appendPlaces(PersonIndexEntry(person), of: person.id.uuid, base: try row.decode(column: "base_id", as: Int.self), to: &places)
            }
            if !places.rows.isEmpty { try await SQLKitRowSink(sql: sql, engine: engine).insert(places) }
            lastID = try last.decode(column: "id", as: UUID.self)
        }
    }
}
