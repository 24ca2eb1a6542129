import Foundation
import GenewebCore
import SQLKit

/// An average age over the persons of one sex born in one century.
public struct CenturyAverage: Sendable, Equatable {
    /// First year of the century of birth: 1800 for persons born 1800–1899.
    public let century: Int
    public let sex: Sex
    public let persons: Int
    public let averageYears: Double
}

/// A person with an age, for the longest-lived and oldest-living lists.
public struct PersonAge: Sendable, Equatable {
    public let id: UUID
    public let firstName: String
    public let surname: String
    public let birthYear: Int?
    public let years: Int
}

/// The statistics GeneWeb shows for a base, over the persons a caller may see.
public struct BaseStatistics: Sendable {
    public var persons = 0
    public var men = 0
    public var women = 0
    public var unknownSex = 0
    /// Persons with a death, burial or death status recorded.
    public var deceased = 0
    /// Persons the living rule calls living; nil when the view leaves the living out.
    public var living: Int?
    public var families = 0
    public var withBirthDate = 0
    public var withDeathDate = 0
    public var birthsByCentury: [(century: Int, persons: Int)] = []
    /// Age at death by century of birth and sex.
    public var lifeExpectancy: [CenturyAverage] = []
    /// Age at each marriage by century of birth and sex.
    public var ageAtMarriage: [CenturyAverage] = []
    /// Age at the birth of the first child by century of birth and sex.
    public var ageAtFirstChild: [CenturyAverage] = []
    public var longestLived: [PersonAge] = []
    /// Deaths by age (decades: 0 for 0–9 years, … 10 for 100 and over) and sex: the population
    /// pyramid of the dead.
    public var deathsByAge: [(decade: Int, sex: Sex, persons: Int)] = []
    /// The living persons born first; empty when the view leaves the living out.
    public var oldestLiving: [PersonAge] = []
}

/// Computes `BaseStatistics` in the database with aggregates over the indexed columns of
/// migration 10; every figure is restricted by the same `Visibility` as the lists.
public struct StatisticsRepository: Sendable {
    let database: Database
    /// Days in an average Gregorian year.
    static let yearDays = 365.2425

    public init(database: Database) {
        self.database = database
    }

    public func statistics(base: Int, visibility: Visibility, rule: LivingRule, listLength: Int = 10) async throws -> BaseStatistics {
        let visible = visibility.condition
        let inBase: SQLQueryString = "p.base_id = \(bind: base) AND " + visible
        let today = DateCalendar.gregorian.date(julianDay: rule.today)
        return try await database.withConnection { sql in
            var stats = BaseStatistics()
            let countsLiving: Bool
            if case .everyone = visibility { countsLiving = true } else { countsLiving = false }
            let counts = try await sql.raw(
                """
                SELECT count(*) AS persons,
                    SUM(CASE WHEN p.sex = 'male' THEN 1 ELSE 0 END) AS men,
                    SUM(CASE WHEN p.sex = 'female' THEN 1 ELSE 0 END) AS women,
                    SUM(p.deceased) AS deceased,
                    SUM(CASE WHEN p.birth_sort IS NOT NULL THEN 1 ELSE 0 END) AS with_birth,
                    SUM(CASE WHEN p.death_sort IS NOT NULL THEN 1 ELSE 0 END) AS with_death,
                    SUM(CASE WHEN
                """ + " " + Visibility.notLiving(rule) + " THEN 0 ELSE 1 END) AS living FROM persons p WHERE " + inBase
            ).first()
            if let counts {
                stats.persons = try counts.decode(column: "persons", as: Int.self)
                stats.men = try counts.decode(column: "men", as: Int?.self) ?? 0
                stats.women = try counts.decode(column: "women", as: Int?.self) ?? 0
                stats.unknownSex = stats.persons - stats.men - stats.women
                stats.deceased = try counts.decode(column: "deceased", as: Int?.self) ?? 0
                stats.withBirthDate = try counts.decode(column: "with_birth", as: Int?.self) ?? 0
                stats.withDeathDate = try counts.decode(column: "with_death", as: Int?.self) ?? 0
                stats.living = countsLiving ? try counts.decode(column: "living", as: Int?.self) ?? 0 : nil
            }
            // A family counts when every parent in it is visible.
            stats.families =
                try await sql.raw(
                    """
                    SELECT count(*) AS n FROM families f WHERE f.base_id = \(bind: base) AND NOT EXISTS (
                        SELECT 1 FROM family_members fm JOIN persons p ON p.id = fm.person_id
                        WHERE fm.family_id = f.id AND fm.role = 'parent' AND NOT
                    """ + " " + visible + ")"
                ).first()?.decode(column: "n", as: Int.self) ?? 0

            stats.birthsByCentury = try await sql.raw(
                "SELECT (p.birth_year / 100) * 100 AS century, count(*) AS n FROM persons p WHERE "
                    + inBase + " AND p.birth_year > 0 GROUP BY (p.birth_year / 100) * 100 ORDER BY century"
            ).all().map {
                (try $0.decode(column: "century", as: Int.self), try $0.decode(column: "n", as: Int.self))
            }
            stats.lifeExpectancy = try await averages(
                sql,
                """
                SELECT p.birth_year AS birth_year, p.sex AS sex, p.death_sort - p.birth_sort AS days FROM persons p WHERE
                """ + " " + inBase + " AND p.birth_year > 0 AND p.death_sort >= p.birth_sort")
            // Age in whole calendar years, as `ages` counts it (a year less when the birthday is not
            // reached), by decade; 100 and over together.
            let age: SQLQueryString = "(p.death_year - p.birth_year - CASE WHEN p.death_md < p.birth_md THEN 1 ELSE 0 END)"
            let decade: SQLQueryString = "CASE WHEN " + age + " >= 100 THEN 10 ELSE " + age + " / 10 END"
            stats.deathsByAge = try await sql.raw(
                "SELECT " + decade + " AS decade, p.sex AS sex, count(*) AS n FROM persons p WHERE " + inBase
                    + " AND p.birth_year IS NOT NULL AND p.death_year IS NOT NULL AND p.death_sort >= p.birth_sort GROUP BY " + decade + ", p.sex"
            ).all().map { row in
                (
                    try row.decode(column: "decade", as: Int.self), Sex(rawValue: try row.decode(column: "sex", as: String.self)) ?? .unknown,
                    try row.decode(column: "n", as: Int.self)
                )
            }
            stats.ageAtMarriage = try await averages(
                sql,
                """
                SELECT p.birth_year AS birth_year, p.sex AS sex, f.marriage_sort - p.birth_sort AS days
                FROM persons p JOIN family_members fm ON fm.person_id = p.id AND fm.role = 'parent'
                JOIN families f ON f.id = fm.family_id WHERE
                """ + " " + inBase + " AND p.birth_year > 0 AND f.marriage_sort > p.birth_sort"
                    // A marriage is as private as its most private spouse (`FamilyPrivacy`).
                    + " AND NOT EXISTS (SELECT 1 FROM family_members sm JOIN persons s ON s.id = sm.person_id"
                    + " WHERE sm.family_id = f.id AND sm.role = 'parent' AND NOT " + visibility.condition(on: "s") + ")")
            stats.ageAtFirstChild = try await averages(
                sql,
                """
                SELECT p.birth_year AS birth_year, p.sex AS sex, MIN(c.birth_sort) - p.birth_sort AS days
                FROM persons p JOIN family_members fm ON fm.person_id = p.id AND fm.role = 'parent'
                JOIN family_members cm ON cm.family_id = fm.family_id AND cm.role = 'child'
                JOIN persons c ON c.id = cm.person_id WHERE
                """ + " " + inBase + " AND p.birth_year > 0 AND c.birth_sort > p.birth_sort AND " + visibility.condition(on: "c")
                    + " GROUP BY p.id, p.birth_year, p.sex, p.birth_sort")
            stats.longestLived = try await ages(
                sql,
                """
                SELECT p.id, p.first_name, p.surname, p.birth_year, p.birth_md, p.death_year AS end_year, p.death_md AS end_md,
                    p.death_sort - p.birth_sort AS days FROM persons p WHERE
                """ + " " + inBase + " AND p.death_sort >= p.birth_sort ORDER BY days DESC, p.id LIMIT \(bind: listLength)")
            if countsLiving {
                stats.oldestLiving = try await ages(
                    sql,
                    """
                    SELECT p.id, p.first_name, p.surname, p.birth_year, p.birth_md, \(bind: today.year) AS end_year,
                        \(bind: today.month * 100 + today.day) AS end_md, \(bind: rule.today) - p.birth_sort AS days FROM persons p
                    WHERE p.base_id = \(bind: base) AND p.birth_latest IS NOT NULL AND NOT
                    """ + " " + Visibility.notLiving(rule) + " ORDER BY p.birth_sort, p.id LIMIT \(bind: listLength)")
            }
            return stats
        }
    }

    /// Averages of `days` (as years) by century of `birth_year` and `sex` over the rows of `rows`.
    private func averages(_ sql: any SQLDatabase, _ rows: SQLQueryString) async throws -> [CenturyAverage] {
        try await sql.raw(
            """
            SELECT (r.birth_year / 100) * 100 AS century, r.sex AS sex, count(*) AS n,
                AVG(CAST(r.days AS DOUBLE PRECISION)) AS days FROM (
            """ + " " + rows + ") r GROUP BY (r.birth_year / 100) * 100, r.sex ORDER BY century, sex"
        ).all().map { row in
            CenturyAverage(
                century: try row.decode(column: "century", as: Int.self),
                sex: Sex(rawValue: try row.decode(column: "sex", as: String.self)) ?? .unknown,
                persons: try row.decode(column: "n", as: Int.self),
                averageYears: ((try row.decode(column: "days", as: Double.self)) / Self.yearDays * 10).rounded() / 10
            )
        }
    }

    /// Persons with their age in whole years: by calendar when both years are known (a year
    /// less when the day of the year is not reached yet), by days otherwise.
    private func ages(_ sql: any SQLDatabase, _ query: SQLQueryString) async throws -> [PersonAge] {
        try await sql.raw(query).all().map { row in
            let birthYear = try row.decode(column: "birth_year", as: Int?.self)
            var years = Int(Double(try row.decode(column: "days", as: Int.self)) / Self.yearDays)
            if let birthYear, let endYear = try row.decode(column: "end_year", as: Int?.self) {
                years = endYear - birthYear
                if let birthDay = try row.decode(column: "birth_md", as: Int?.self), let endDay = try row.decode(column: "end_md", as: Int?.self),
                    endDay < birthDay
                {
                    years -= 1
                }
            }
            return PersonAge(
                id: try row.decode(column: "id", as: UUID.self),
                firstName: try row.decode(column: "first_name", as: String.self),
                surname: try row.decode(column: "surname", as: String.self),
                birthYear: birthYear, years: years
            )
        }
    }
}

extension StatisticsRepository {
    /// The ids of the persons of a base that `visibility` lets through.
    public func visiblePersonIDs(base: Int, visibility: Visibility) async throws -> Set<UUID> {
        try await database.withConnection { sql in
            Set(
                try await sql.raw("SELECT p.id FROM persons p WHERE p.base_id = \(bind: base) AND " + visibility.condition).all().map {
                    try $0.decode(column: "id", as: UUID.self)
                })
        }
    }
}
