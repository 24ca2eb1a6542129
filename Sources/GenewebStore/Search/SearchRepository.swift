import Foundation
import GenewebCore
import SQLKit

/// Search and name lists over the words of `person_words` (migration 10).
///
/// Each word of the search is matched on its own against the index, by exact word, by prefix (an
/// index range) or by phonetic key; a person is found when every word matched one of theirs,
/// in any order. Scores: exact 100, prefix 60, sound 30 per word, 10 less in aliases and public
/// names. Both engines run the same SQL on plain B-tree indexes, which keeps the results identical
/// on SQLite and PostgreSQL and needs no extension.
public struct SearchRepository: Sendable {
    let database: Database
    var sqlHelpers: EngineSQL { EngineSQL(engine: database.engine) }

    public init(database: Database) {
        self.database = database
    }

    /// A page of the persons matching `search`, best first, and the total.
    public func search(_ search: PersonSearch, base: Int, visibility: Visibility, offset: Int, limit: Int)
        async throws -> (hits: [SearchHit], total: Int)
    {
        let terms = search.terms
        var from: SQLQueryString = "persons p"
        var conditions: SQLQueryString = " WHERE p.base_id = \(bind: base) AND " + visibility.condition
        var scoreColumn: SQLQueryString = "0"
        if !terms.isEmpty {
            var union: SQLQueryString = ""
            for (index, term) in terms.enumerated() {
                if index > 0 { union += " UNION ALL " }
                union += Self.termMatches(term, base: base)
            }
            // The matches drive the join (CROSS JOIN fixes that order on SQLite, whose planner
            // otherwise may walk the whole base and look each person up among the matches).
            from =
                "(SELECT person_id, SUM(score) AS score FROM (" + union
                + ") u GROUP BY person_id HAVING COUNT(*) = \(bind: terms.count)) m CROSS JOIN persons p"
            conditions = " WHERE p.id = m.person_id AND p.base_id = \(bind: base) AND " + visibility.condition
            scoreColumn = "m.score"
        }
        if let sex = search.sex { conditions += " AND p.sex = \(bind: sex.rawValue)" }
        if let year = search.birthYearFrom {
            conditions += " AND p.birth_sort >= \(bind: DateCalendar.gregorian.julianDay(year: year, month: 1, day: 1))"
        }
        if let year = search.birthYearTo {
            conditions += " AND p.birth_sort <= \(bind: DateCalendar.gregorian.julianDay(year: year, month: 12, day: 31))"
        }
        let source = from + conditions
        let score = scoreColumn
        return try await database.withConnection { sql in
            // One pass gives the page and the total (a window count); only a page past the end
            // needs a count of its own. Ranking uses the narrow columns; the documents of the
            // page are read afterwards: sorting thousands of matches with documents attached
            // costs more than the search.
            let rows = try await sql.raw(
                "SELECT p.id AS id, " + score + " AS score, count(*) OVER () AS total FROM " + source
                    + " ORDER BY score DESC, p.surname_key, p.first_name_key, p.occurrence, p.id LIMIT \(bind: limit) OFFSET \(bind: offset)"
            ).all()
            let ranked = try rows.map { (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "score", as: Int.self)) }
            guard let first = rows.first else {
                let total = offset == 0 ? 0 : try await sql.raw("SELECT count(*) AS n FROM " + source).first()?.decode(column: "n", as: Int.self) ?? 0
                return ([], total)
            }
            let total = try first.decode(column: "total", as: Int.self)
            var ids: SQLQueryString = ""
            for (index, item) in ranked.enumerated() { ids += index == 0 ? "\(bind: item.0)" : ", \(bind: item.0)" }
            var documents: [UUID: Stored<Person>] = [:]
            for row in try await sql.raw(sqlHelpers.selectVersioned(from: "persons") + " WHERE id IN (" + ids + ")").all() {
                let stored = try Stored<Person>.decode(row)
                documents[stored.value.id.uuid] = stored
            }
            return (ranked.compactMap { item in documents[item.0].map { SearchHit(person: $0, score: item.1) } }, total)
        }
    }

    /// The persons (one row each) having a word that matches `term`, with the best score.
    static func termMatches(_ term: PersonSearch.Term, base: Int) -> SQLQueryString {
        let fields = term.fields.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let upper = term.word + "~"  // above every letter and digit: [word, word~) holds its prefixes
        // Spelling and sound as two index searches: an OR of both in one WHERE makes the
        // databases scan every word of the base instead.
        var words: SQLQueryString =
            "SELECT person_id, field, word FROM person_words WHERE base_id = \(bind: base) AND word >= \(bind: term.word) AND word < \(bind: upper)"
        if let sound = term.phonetic {
            words += " UNION ALL SELECT person_id, field, word FROM person_words WHERE base_id = \(bind: base) AND phonetic = \(bind: sound)"
        }
        return
            "SELECT person_id, MAX(CASE WHEN word = \(bind: term.word) THEN 100 WHEN word >= \(bind: term.word) AND word < \(bind: upper) THEN 60 ELSE 30 END"
            + " - CASE WHEN field = 'a' THEN 10 ELSE 0 END) AS score FROM (" + words
            + ") w WHERE field IN (\(unsafeRaw: fields)) GROUP BY person_id"
    }

    /// Parents and children of each person, for search results.
    public func relatives(of ids: [UUID]) async throws -> [UUID: (parents: [UUID], children: [UUID])] {
        guard !ids.isEmpty else { return [:] }
        var list: SQLQueryString = ""
        for (index, id) in ids.enumerated() { list += index == 0 ? "\(bind: id)" : ", \(bind: id)" }
        let idList = list
        return try await database.withConnection { sql in
            let rows = try await sql.raw(
                """
                SELECT me.person_id AS person, other.person_id AS relative, other.role AS role
                FROM family_members me JOIN family_members other ON other.family_id = me.family_id AND other.role <> me.role
                WHERE me.person_id IN (
                """ + idList + ") ORDER BY other.family_id, other.position"
            ).all()
            var relatives: [UUID: (parents: [UUID], children: [UUID])] = [:]
            for row in rows {
                let person = try row.decode(column: "person", as: UUID.self)
                let relative = try row.decode(column: "relative", as: UUID.self)
                var entry = relatives[person] ?? ([], [])
                if try row.decode(column: "role", as: String.self) == "parent" {
                    if !entry.parents.contains(relative) { entry.parents.append(relative) }
                } else if !entry.children.contains(relative) {
                    entry.children.append(relative)
                }
                relatives[person] = entry
            }
            return relatives
        }
    }
}
