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
        /// Its month × 100 + day (for the anniversaries of a whole month).
        public var monthDay = 0
    }

    public struct Marriage: Sendable, Equatable {
        public let familyID: UUID
        public let parentIDs: [UUID]
        public let year: Int
        public var monthDay = 0
    }

    /// Month × 100 + day of every day of `month`, or of one day of it.
    public static func days(month: Int, day: Int?) -> ClosedRange<Int> {
        day.map { month * 100 + $0...month * 100 + $0 } ?? (month * 100 + 1...month * 100 + 31)
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Births (or baptisms) and deaths (or burials) on `month`/`day`, oldest first, at most `limit` of each.
    public func personEvents(base: Int, month: Int, day: Int, visibility: Visibility, limit: Int)
        async throws -> (births: [PersonEvent], deaths: [PersonEvent])
    {
        try await personEvents(base: base, days: Self.days(month: month, day: day), visibility: visibility, limit: limit)
    }

    /// Births and deaths on the days `days` (month × 100 + day), by day then oldest first, at
    /// most `limit` of each.
    public func personEvents(base: Int, days: ClosedRange<Int>, visibility: Visibility, limit: Int)
        async throws -> (births: [PersonEvent], deaths: [PersonEvent])
    {
        try await database.withConnection { sql in
            func events(_ column: String, _ year: String, _ sort: String) async throws -> [PersonEvent] {
                try await sql.raw(
                    "SELECT p.id, \(unsafeRaw: "p." + year) AS year, \(unsafeRaw: "p." + column) AS md FROM persons p WHERE p.base_id = \(bind: base) AND "
                        + "\(unsafeRaw: "p." + column) >= \(bind: days.lowerBound) AND \(unsafeRaw: "p." + column) <= \(bind: days.upperBound) AND "
                        + visibility.condition + " ORDER BY \(unsafeRaw: "p." + column) , \(unsafeRaw: "p." + sort), p.id LIMIT \(bind: limit)"
                ).all().map {
                    PersonEvent(
                        personID: try $0.decode(column: "id", as: UUID.self), year: try $0.decode(column: "year", as: Int?.self) ?? 0,
                        monthDay: try $0.decode(column: "md", as: Int.self))
                }
            }
            return (try await events("birth_md", "birth_year", "birth_sort"), try await events("death_md", "death_year", "death_sort"))
        }
    }

    /// Marriages on `month`/`day` whose parents are all visible, oldest first.
    public func marriages(base: Int, month: Int, day: Int, visibility: Visibility, limit: Int) async throws -> [Marriage] {
        try await marriages(base: base, days: Self.days(month: month, day: day), visibility: visibility, limit: limit)
    }

    /// Marriages on the days `days` whose parents are all visible, by day then oldest first.
    public func marriages(base: Int, days: ClosedRange<Int>, visibility: Visibility, limit: Int) async throws -> [Marriage] {
        try await database.withConnection { sql in
            let families = try await sql.raw(
                """
                SELECT f.id, f.marriage_sort, f.marriage_md FROM families f WHERE f.base_id = \(bind: base)
                AND f.marriage_md >= \(bind: days.lowerBound) AND f.marriage_md <= \(bind: days.upperBound)
                AND NOT EXISTS (SELECT 1 FROM family_members fm JOIN persons p ON p.id = fm.person_id
                    WHERE fm.family_id = f.id AND fm.role = 'parent' AND NOT
                """ + " " + visibility.condition + ") ORDER BY f.marriage_md, f.marriage_sort, f.id LIMIT \(bind: limit)"
            ).all()
            var marriages: [Marriage] = []
            for row in families {
                let id = try row.decode(column: "id", as: UUID.self)
                let parents = try await sql.raw("SELECT person_id FROM family_members WHERE family_id = \(bind: id) AND role = 'parent' ORDER BY position")
                    .all().map { try $0.decode(column: "person_id", as: UUID.self) }
                let day = try row.decode(column: "marriage_sort", as: Int.self)
                marriages.append(
                    Marriage(
                        familyID: id, parentIDs: parents, year: DateCalendar.gregorian.date(julianDay: day).year,
                        monthDay: try row.decode(column: "marriage_md", as: Int.self)))
            }
            return marriages
        }
    }
}
