import Foundation
import GenewebCore
import SQLKit

/// Births, deaths and marriages that fell on a day of the year (GeneWeb's anniversaries page),
/// from dates known to the day, among the persons a caller may see.
public struct AnniversaryRepository: Sendable {
    public struct PersonEvent: Sendable, Equatable {
        public let personID: UUID
        /// Gregorian year of the event.
        public let year: Int
    }

    public struct Marriage: Sendable, Equatable {
        public let familyID: UUID
        public let parentIDs: [UUID]
        public let year: Int
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Births (or baptisms) and deaths (or burials) on `month`/`day`, oldest first, at most `limit` of each.
    public func personEvents(base: Int, month: Int, day: Int, visibility: Visibility, limit: Int)
        async throws -> (births: [PersonEvent], deaths: [PersonEvent])
    {
        let monthDay = month * 100 + day
        return try await database.withConnection { sql in
            func events(_ column: String, _ year: String, _ sort: String) async throws -> [PersonEvent] {
                try await sql.raw(
                    "SELECT p.id, \(unsafeRaw: "p." + year) AS year FROM persons p WHERE p.base_id = \(bind: base) AND "
                        + "\(unsafeRaw: "p." + column) = \(bind: monthDay) AND " + visibility.condition
                        + " ORDER BY \(unsafeRaw: "p." + sort), p.id LIMIT \(bind: limit)"
                ).all().map {
                    PersonEvent(personID: try $0.decode(column: "id", as: UUID.self), year: try $0.decode(column: "year", as: Int?.self) ?? 0)
                }
            }
            return (try await events("birth_md", "birth_year", "birth_sort"), try await events("death_md", "death_year", "death_sort"))
        }
    }

    /// Marriages on `month`/`day` whose parents are all visible, oldest first.
    public func marriages(base: Int, month: Int, day: Int, visibility: Visibility, limit: Int) async throws -> [Marriage] {
        try await database.withConnection { sql in
            let families = try await sql.raw(
                """
                SELECT f.id, f.marriage_sort FROM families f WHERE f.base_id = \(bind: base) AND f.marriage_md = \(bind: month * 100 + day)
                AND NOT EXISTS (SELECT 1 FROM family_members fm JOIN persons p ON p.id = fm.person_id
                    WHERE fm.family_id = f.id AND fm.role = 'parent' AND NOT
                """ + " " + visibility.condition + ") ORDER BY f.marriage_sort, f.id LIMIT \(bind: limit)"
            ).all()
            var marriages: [Marriage] = []
            for row in families {
                let id = try row.decode(column: "id", as: UUID.self)
                let parents = try await sql.raw("SELECT person_id FROM family_members WHERE family_id = \(bind: id) AND role = 'parent' ORDER BY position")
                    .all().map { try $0.decode(column: "person_id", as: UUID.self) }
                let day = try row.decode(column: "marriage_sort", as: Int.self)
                marriages.append(Marriage(familyID: id, parentIDs: parents, year: DateCalendar.gregorian.date(julianDay: day).year))
            }
            return marriages
        }
    }
}
