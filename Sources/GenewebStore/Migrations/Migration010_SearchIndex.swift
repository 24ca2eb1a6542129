import Foundation
import GenewebCore
import SQLKit

extension Migration {
    /// The search index and the columns the privacy rule, name lists, statistics and
    /// anniversaries read: each word of each name (and of the birth place) with its phonetic
    /// key in `person_words`, so that a search is a few index range scans on either engine;
    /// `deceased`, `access` and `birth_latest` so that "is this person living" is a SQL
    /// condition; month and day of births, deaths and marriages for anniversaries; birth and
    /// death years for statistics by century.
    static let searchIndex = Migration(
        version: 10, name: "search_index",
        statements: { engine in
            let types = ColumnTypes(engine)
            // PostgreSQL compares the words byte by byte, so a prefix is a plain index range.
            let word = engine == .postgres ? "TEXT COLLATE \"C\"" : "TEXT"
            return [
                "ALTER TABLE persons ADD COLUMN deceased INTEGER NOT NULL DEFAULT 0",
                "ALTER TABLE persons ADD COLUMN access TEXT NOT NULL DEFAULT 'iftitles'",
                "ALTER TABLE persons ADD COLUMN birth_latest INTEGER",
                "ALTER TABLE persons ADD COLUMN birth_md INTEGER",
                "ALTER TABLE persons ADD COLUMN death_md INTEGER",
                "ALTER TABLE persons ADD COLUMN birth_year INTEGER",
                "ALTER TABLE persons ADD COLUMN death_year INTEGER",
                "ALTER TABLE families ADD COLUMN marriage_md INTEGER",
                // The base's policy for living persons' names: 'hidden' (API.md's default) or 'public'.
                "ALTER TABLE bases ADD COLUMN living_names TEXT NOT NULL DEFAULT 'hidden' CHECK (living_names IN ('hidden', 'public'))",
                """
                CREATE TABLE person_words (
                    base_id \(types.baseID) NOT NULL REFERENCES bases(id) ON DELETE CASCADE,
                    person_id \(types.id) NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
                    field TEXT NOT NULL CHECK (field IN ('f', 's', 'a', 'p')),
                    word \(word) NOT NULL,
                    phonetic \(word) NOT NULL,
                    PRIMARY KEY (person_id, field, word)
                )
                """,
                "CREATE INDEX person_words_by_word ON person_words (base_id, word)",
                "CREATE INDEX person_words_by_sound ON person_words (base_id, phonetic)",
                "CREATE INDEX persons_by_birth_day ON persons (base_id, birth_md)",
                "CREATE INDEX persons_by_death_day ON persons (base_id, death_md)",
                "CREATE INDEX families_by_marriage_day ON families (base_id, marriage_md)",
                // What the genealogy graph reads of persons and families, so that building it scans
                // these narrow indexes instead of rows that carry their JSON documents.
                "CREATE INDEX persons_for_graph ON persons (base_id, id, sex)",
                "CREATE INDEX families_for_graph ON families (base_id, id, file_position, created_at)",
                // What a search reads of each match (privacy columns, filters, sort keys), so that
                // thousands of matches are checked in a narrow index, not in rows with documents.
                """
                CREATE INDEX persons_for_search ON persons (id, base_id, access, deceased, birth_latest, birth_sort, sex,
                    surname_key, first_name_key, occurrence)
                """,
            ]
        },
        backfill: { sql, engine in
            try await SearchIndexBackfill(sql: sql, engine: engine).run()
        })
}

/// Fills the columns and words of migration 10 for persons and families stored before it.
struct SearchIndexBackfill {
    let sql: any SQLDatabase
    let engine: DatabaseEngine
    let chunk = 2_000

    func run() async throws {
        let decoder = JSONDecoder()
        var lastID: UUID?
        while true {
            let after: SQLQueryString = lastID.map { " WHERE id > \(bind: $0)" } ?? ""
            let rows = try await sql.raw(
                "SELECT id, base_id, " + documentText + " AS document FROM persons" + after
                    + " ORDER BY id LIMIT \(bind: chunk)"
            ).all()
            guard let last = rows.last else { break }
            var persons: [(base: Int, person: Person)] = []
            for row in rows {
                let json = try row.decode(column: "document", as: String.self)
                persons.append((try row.decode(column: "base_id", as: Int.self), try decoder.decode(Person.self, from: Data(json.utf8))))
            }
            for (_, person) in persons {
                try await updateColumns(of: person, entry: PersonIndexEntry(person))
            }
            try await PersonIndexWriter(sql: sql, engine: engine).insertWords(persons.map { ($0.base, $0.person.id.uuid, PersonIndexEntry($0.person)) })
            lastID = try last.decode(column: "id", as: UUID.self)
        }
        let families = try await sql.raw("SELECT id, " + documentText + " AS document FROM families").all()
        for row in families {
            let family = try decoder.decode(Family.self, from: Data(try row.decode(column: "document", as: String.self).utf8))
            if let monthDay = PersonIndexEntry.monthDay(family.marriage?.date) {
                try await sql.raw("UPDATE families SET marriage_md = \(bind: monthDay) WHERE id = \(bind: family.id.uuid)").run()
            }
        }
    }

    /// The columns this migration added, for a person stored before it.
    private func updateColumns(of person: Person, entry: PersonIndexEntry) async throws {
        try await sql.raw(
            """
            UPDATE persons SET deceased = \(bind: entry.deceased), access = \(bind: entry.access),
                birth_latest = \(bind: entry.birthLatest), birth_md = \(bind: entry.birthMonthDay), death_md = \(bind: entry.deathMonthDay),
                birth_year = \(bind: entry.birthYear), death_year = \(bind: entry.deathYear)
            WHERE id = \(bind: person.id.uuid)
            """
        ).run()
    }

    private var documentText: SQLQueryString {
        engine == .postgres ? "document::text" : "document"
    }
}
