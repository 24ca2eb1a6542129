import Foundation
import GenewebCore
import SQLKit

/// Search over the words of `person_words` (migration 10, covering indexes of migration 15).
///
/// Each word of the search is matched on its own against the index, by exact word, by prefix (an
/// index range) or by phonetic key; a person is found when every word matched one of theirs,
/// in any order. Scores: exact 100, prefix 60, sound 30 per word, 10 less in aliases and public
/// names; ties in surname key, first-name key, occurrence, id order. `SearchPlan` counts and ranks
/// without scoring every match. Both engines run the same SQL on plain B-tree indexes, which
/// keeps the results identical on SQLite and PostgreSQL and needs no extension.
public struct SearchRepository: Sendable {
    let database: Database
    var sqlHelpers: EngineSQL { EngineSQL(engine: database.engine) }

    public init(database: Database) {
        self.database = database
    }

    /// A page of the persons matching `search`, best first, and the total (`SearchPlan`).
    public func search(_ search: PersonSearch, base: Int, visibility: Visibility, offset: Int, limit: Int)
        async throws -> (hits: [SearchHit], total: Int)
    {
        let terms = search.terms
        return try await database.withConnection { sql in
            var driver = 0
            if let measure = SearchPlan.driverQuery(terms, base: base), let row = try await sql.raw(measure).first() {
                let counts = try terms.indices.map { try row.decode(column: "c\($0)", as: Int.self) }
                driver = counts.indices.min { counts[$0] < counts[$1] } ?? 0
            }
            let plan = SearchPlan(search, terms: terms, driver: driver, base: base, visibility: visibility)
            func decode(_ rows: [any SQLRow]) throws -> [(id: UUID, score: Int)] {
                try rows.map { (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "score", as: Int.self)) }
            }
            func count() async throws -> Int {
                try await sql.raw(plan.countQuery).first()?.decode(column: "n", as: Int.self) ?? 0
            }
            var ranked: [(id: UUID, score: Int)] = []
            var total: Int
            if terms.isEmpty || limit <= 0 {
                total = try await count()
                if offset < total, limit > 0 { ranked = try decode(try await sql.raw(plan.pageQuery(upTo: .exactName, offset: offset, limit: limit)).all()) }
            } else {
                ranked = try decode(try await sql.raw(plan.pageQuery(upTo: .exactName, offset: offset, limit: limit)).all())
                if plan.isFinal(page: ranked.map(\.score), limit: limit, after: .exactName) {
                    total = try await count()
                } else {
                    let rows = try await sql.raw(plan.fullRankingQuery(offset: offset, limit: limit)).all()
                    ranked = try decode(rows)
                    // A page past the end has no row to carry the total.
                    if let first = rows.first {
                        total = try first.decode(column: "total", as: Int.self)
                    } else {
                        total = offset == 0 ? 0 : try await count()
                    }
                }
            }
            guard !ranked.isEmpty else { return ([], total) }
            // The documents of the page only: ranking reads narrow columns.
            var ids: SQLQueryString = ""
            for (index, item) in ranked.enumerated() { ids += index == 0 ? "\(bind: item.id)" : ", \(bind: item.id)" }
            var documents: [UUID: Stored<Person>] = [:]
            for row in try await sql.raw(sqlHelpers.selectVersioned(from: "persons") + " WHERE id IN (" + ids + ")").all() {
                let stored = try Stored<Person>.decode(row)
                documents[stored.value.id.uuid] = stored
            }
            return (ranked.compactMap { item in documents[item.id].map { SearchHit(person: $0, score: item.score) } }, total)
        }
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
