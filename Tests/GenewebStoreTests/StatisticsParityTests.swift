import Foundation
import GenewebCore
import GenewebFormats
import Logging
import SQLKit
import Testing

@testable import GenewebStore

/// The statistics summed in memory (`StatisticsRows`) are the figures the former SQL gave, on
/// both engines, for every view, on random bases with undated persons, private and public ones,
/// marriages and children, full dates and years only.
@Suite("Statistics in memory against the former SQL")
struct StatisticsParityTests {
    @Test("random bases: every figure and list equal to the SQL's, for each view", arguments: allEngines)
    func randomBases(engine: DatabaseEngine) async throws {
        try await EngineFixture.with(engine) { database in
            try await MigrationRunner(database: database, logger: Logger(label: "test.statistics")).migrate()
            let rule = LivingRule()
            // Chunks of 37 rows: the scans cross many chunk boundaries.
            let repository = StatisticsRepository(database: database, chunkRows: 37)
            var compared = 0
            for seed in UInt64(1)...3 {
                var random = SeededRandom(seed: seed)
                let name = try BaseName("stats\(seed)")
                _ = try await GenealogyImporter(database: database).importDocument(
                    Self.document(persons: 240, random: &random), into: name, format: "gedcom", replace: false)
                let base = try #require(try await BaseRepository(database: database).id(of: name))
                for visibility in [Visibility.everyone, .notLiving(rule), .publicView(rule), .namesPublic] {
                    let found = try await repository.statistics(base: base, visibility: visibility, rule: rule, listLength: 7)
                    let expected = try await ReferenceStatistics.statistics(database: database, base: base, visibility: visibility, rule: rule, listLength: 7)
                    let context = "seed \(seed) \(visibility)"
                    #expect(found.persons == expected.persons && found.men == expected.men && found.women == expected.women, "\(context)")
                    #expect(found.unknownSex == expected.unknownSex && found.deceased == expected.deceased, "\(context)")
                    #expect(found.living == expected.living && found.families == expected.families, "\(context)")
                    #expect(found.withBirthDate == expected.withBirthDate && found.withDeathDate == expected.withDeathDate, "\(context)")
                    #expect(found.birthsByCentury.map { [$0.century, $0.persons] } == expected.birthsByCentury.map { [$0.century, $0.persons] }, "\(context)")
                    #expect(found.lifeExpectancy == expected.lifeExpectancy, "\(context)")
                    #expect(found.ageAtMarriage == expected.ageAtMarriage, "\(context)")
                    #expect(found.ageAtFirstChild == expected.ageAtFirstChild, "\(context)")
                    // The SQL gave these in no order.
                    func deaths(_ stats: BaseStatistics) -> [String] { stats.deathsByAge.map { "\($0.decade) \($0.sex) \($0.persons)" }.sorted() }
                    #expect(deaths(found) == deaths(expected), "\(context)")
                    #expect(found.longestLived == expected.longestLived, "\(context)")
                    #expect(found.oldestLiving == expected.oldestLiving, "\(context)")
                    if found.families > 0 && !found.ageAtFirstChild.isEmpty && !found.longestLived.isEmpty { compared += 1 }
                }
            }
            #expect(compared >= 9, "the random bases give every figure something to count")
        }
    }

    @Test("an undated living couple's recent marriage stays out of the anniversaries and the counts", arguments: allEngines)
    func undatedLivingCouple(engine: DatabaseEngine) async throws {
        try await EngineFixture.with(engine) { database in
            try await MigrationRunner(database: database, logger: Logger(label: "test.statistics")).migrate()
            var document = GedcomDocument()
            let (husband, wife) = (Person(firstName: "Paul", surname: "Vivant", sex: .male), Person(firstName: "Anne", surname: "Vivant", sex: .female))
            document.persons = [husband, wife]
            let married = Event(kind: .marriage, date: .calendar(CalendarDate(day: 15, month: 6, year: 2015)))
            document.families = [Family(parents: [husband.id, wife.id], children: [], events: [married])]
            _ = try await GenealogyImporter(database: database).importDocument(document, into: try BaseName("default"), format: "gedcom", replace: false)
            let base = try #require(try await BaseRepository(database: database).id(of: try BaseName("default")))
            let rule = LivingRule()
            let anniversaries = AnniversaryRepository(database: database)
            #expect(try await anniversaries.marriages(base: base, month: 6, day: 15, visibility: .everyone, limit: 10).count == 1)
            #expect(try await anniversaries.marriages(base: base, month: 6, day: 15, visibility: .publicView(rule), limit: 10).isEmpty)
            #expect(try await anniversaries.marriages(base: base, month: 6, day: 15, visibility: .notLiving(rule), limit: 10).isEmpty)
            let statistics = StatisticsRepository(database: database)
            #expect(try await statistics.statistics(base: base, visibility: .everyone, rule: rule).families == 1)
            #expect(try await statistics.statistics(base: base, visibility: .publicView(rule), rule: rule).families == 0)
            let reference = try await ReferenceStatistics.statistics(database: database, base: base, visibility: .publicView(rule), rule: rule)
            #expect(reference.families == 0)
        }
    }

    /// `RandomBase`'s persons with some full dates (anniversary days, ages to the day) and
    /// families whose marriages and children date the undated.
    static func document(persons: Int, random: inout SeededRandom) -> GedcomDocument {
        var document = RandomBase.document(persons: persons, random: &random)
        for index in document.persons.indices where random.chance(0.5) {
            let full = CalendarDate(day: random.int(1...28), month: random.int(1...12), year: random.int(1700...2015))
            if let birth = document.persons[index].events.firstIndex(where: { $0.kind == .birth }) {
                document.persons[index].events[birth].date = .calendar(full)
            }
            if random.chance(0.3), let death = document.persons[index].events.firstIndex(where: { $0.kind == .death }) {
                document.persons[index].events[death].date = .calendar(
                    CalendarDate(day: random.int(1...28), month: random.int(1...12), year: full.dmy.year + random.int(0...95)))
            }
        }
        for family in document.families.indices where random.chance(0.5) {
            document.families[family].children.append(random.pick(document.persons).id)
        }
        return document
    }
}

/// The statistics as SQL computed them before `StatisticsRows`: the reference.
enum ReferenceStatistics {
    static func statistics(database: Database, base: Int, visibility: Visibility, rule: LivingRule, listLength: Int = 10) async throws -> BaseStatistics {
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
            stats.lifeExpectancy = try await Self.averages(
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
            stats.ageAtMarriage = try await Self.averages(
                sql,
                """
                SELECT p.birth_year AS birth_year, p.sex AS sex, f.marriage_sort - p.birth_sort AS days
                FROM persons p JOIN family_members fm ON fm.person_id = p.id AND fm.role = 'parent'
                JOIN families f ON f.id = fm.family_id WHERE
                """ + " " + inBase + " AND p.birth_year > 0 AND f.marriage_sort > p.birth_sort"
                    // A marriage is as private as its most private spouse (`FamilyPrivacy`).
                    + " AND NOT EXISTS (SELECT 1 FROM family_members sm JOIN persons s ON s.id = sm.person_id"
                    + " WHERE sm.family_id = f.id AND sm.role = 'parent' AND NOT " + visibility.condition(on: "s") + ")")
            stats.ageAtFirstChild = try await Self.averages(
                sql,
                """
                SELECT p.birth_year AS birth_year, p.sex AS sex, MIN(c.birth_sort) - p.birth_sort AS days
                FROM persons p JOIN family_members fm ON fm.person_id = p.id AND fm.role = 'parent'
                JOIN family_members cm ON cm.family_id = fm.family_id AND cm.role = 'child'
                JOIN persons c ON c.id = cm.person_id WHERE
                """ + " " + inBase + " AND p.birth_year > 0 AND c.birth_sort > p.birth_sort AND " + visibility.condition(on: "c")
                    + " GROUP BY p.id, p.birth_year, p.sex, p.birth_sort")
            stats.longestLived = try await Self.ages(
                sql,
                """
                SELECT p.id, p.first_name, p.surname, p.birth_year, p.birth_md, p.death_year AS end_year, p.death_md AS end_md,
                    p.death_sort - p.birth_sort AS days FROM persons p WHERE
                """ + " " + inBase + " AND p.death_sort >= p.birth_sort ORDER BY days DESC, p.id LIMIT \(bind: listLength)")
            if countsLiving {
                stats.oldestLiving = try await Self.ages(
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
    static func averages(_ sql: any SQLDatabase, _ rows: SQLQueryString) async throws -> [CenturyAverage] {
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
                averageYears: ((try row.decode(column: "days", as: Double.self)) / StatisticsRepository.yearDays * 10).rounded() / 10
            )
        }
    }

    /// Persons with their age in whole years: by calendar when both years are known (a year
    /// less when the day of the year is not reached yet), by days otherwise.
    static func ages(_ sql: any SQLDatabase, _ query: SQLQueryString) async throws -> [PersonAge] {
        try await sql.raw(query).all().map { row in
            let birthYear = try row.decode(column: "birth_year", as: Int?.self)
            var years = Int(Double(try row.decode(column: "days", as: Int.self)) / StatisticsRepository.yearDays)
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
