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

/// Computes `BaseStatistics` over the persons a `Visibility` lets through: the base's rows are
/// read in one snapshot (`StatisticsRows`) and summed in memory; only the names of the persons
/// listed are read afterwards.
public struct StatisticsRepository: Sendable {
    let database: Database
    /// Rows per aggregated chunk of the scans.
    let chunkRows: Int
    /// Days in an average Gregorian year.
    static let yearDays = 365.2425

    public init(database: Database, chunkRows: Int = 100_000) {
        self.database = database
        self.chunkRows = chunkRows
    }

    public func statistics(base: Int, visibility: Visibility, rule: LivingRule, listLength: Int = 10) async throws -> BaseStatistics {
        let rows = try await rows(of: base)
        var (stats, longestLived, oldestLiving) = rows.figures(visibility, rule: rule, listLength: listLength)
        let names = try await names(of: (longestLived + oldestLiving).map(\.id))
        stats.longestLived = longestLived.compactMap { Self.age($0, names) }
        stats.oldestLiving = oldestLiving.compactMap { Self.age($0, names) }
        return stats
    }

    /// First names and surnames of a few persons (the lists' ten or so), by id.
    private func names(of ids: [UUID]) async throws -> [UUID: (first: String, surname: String)] {
        guard !ids.isEmpty else { return [:] }
        return try await database.withConnection { sql in
            var query: SQLQueryString = "SELECT id, first_name, surname FROM persons WHERE id IN ("
            for (index, id) in ids.enumerated() {
                if index > 0 { query += ", " }
                query += "\(bind: id)"
            }
            query += ")"
            var names: [UUID: (first: String, surname: String)] = [:]
            for row in try await sql.raw(query).all() {
                names[try row.decode(column: "id", as: UUID.self)] = (
                    try row.decode(column: "first_name", as: String.self), try row.decode(column: "surname", as: String.self)
                )
            }
            return names
        }
    }

    /// A listed person with their age in whole years: by calendar when both years are known (a
    /// year less when the day of the year is not reached yet), by days otherwise.
    private static func age(_ listed: StatisticsRows.Listed, _ names: [UUID: (first: String, surname: String)]) -> PersonAge? {
        // A person removed between the two reads is left out of the list.
        guard let name = names[listed.id] else { return nil }
        var years = Int(Double(listed.days) / yearDays)
        if let birthYear = listed.birthYear, let endYear = listed.endYear {
            years = endYear &- birthYear
            if let birthDay = listed.birthMonthDay, let endDay = listed.endMonthDay, endDay < birthDay { years = years &- 1 }
        }
        return PersonAge(id: listed.id, firstName: name.first, surname: name.surname, birthYear: listed.birthYear, years: years)
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
