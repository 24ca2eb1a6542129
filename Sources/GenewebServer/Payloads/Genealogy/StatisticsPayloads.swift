import Foundation
import GenewebCore
import GenewebStore

/// `/genealogy/stats`: counts, dates, ages by century of birth, frequent names, notable lifespans.
struct StatisticsPayload: Encodable {
    struct CenturyCount: Encodable {
        let century: Int
        let persons: Int
    }

    struct Average: Encodable {
        let century: Int
        let sex: String
        let persons: Int
        let averageYears: Double
    }

    struct Lifespan: Encodable {
        let personID: String
        let firstName: String
        let surname: String
        let birthYear: Int?
        let years: Int

        init(_ age: PersonAge) {
            personID = age.id.uuidString.lowercased()
            firstName = age.firstName
            surname = age.surname
            birthYear = age.birthYear
            years = age.years
        }
    }

    let scope: String
    let persons: Int
    let men: Int
    let women: Int
    let unknownSex: Int
    let deceased: Int
    /// Null when the caller does not see living persons.
    let living: Int?
    let families: Int
    let withBirthDate: Int
    let withDeathDate: Int
    let birthsByCentury: [CenturyCount]
    let lifeExpectancy: [Average]
    let ageAtMarriage: [Average]
    let ageAtFirstChild: [Average]
    let topSurnames: [NameCountPayload]
    let topFirstNames: [NameCountPayload]
    let longestLived: [Lifespan]
    let oldestLiving: [Lifespan]

    init(_ figures: BaseStatistics, surnames: [NameCount], firstNames: [NameCount], scope: String) {
        func averages(_ list: [CenturyAverage]) -> [Average] {
            list.map { Average(century: $0.century, sex: $0.sex.rawValue, persons: $0.persons, averageYears: $0.averageYears) }
        }
        self.scope = scope
        persons = figures.persons
        men = figures.men
        women = figures.women
        unknownSex = figures.unknownSex
        deceased = figures.deceased
        living = figures.living
        families = figures.families
        withBirthDate = figures.withBirthDate
        withDeathDate = figures.withDeathDate
        birthsByCentury = figures.birthsByCentury.map { CenturyCount(century: $0.century, persons: $0.persons) }
        lifeExpectancy = averages(figures.lifeExpectancy)
        ageAtMarriage = averages(figures.ageAtMarriage)
        ageAtFirstChild = averages(figures.ageAtFirstChild)
        topSurnames = surnames.map(NameCountPayload.init)
        topFirstNames = firstNames.map(NameCountPayload.init)
        longestLived = figures.longestLived.map(Lifespan.init)
        oldestLiving = figures.oldestLiving.map(Lifespan.init)
    }

    enum CodingKeys: String, CodingKey {
        case scope, persons, men, women, deceased, living, families
        case unknownSex = "unknown_sex"
        case withBirthDate = "with_birth_date"
        case withDeathDate = "with_death_date"
        case birthsByCentury = "births_by_century"
        case lifeExpectancy = "life_expectancy"
        case ageAtMarriage = "age_at_marriage"
        case ageAtFirstChild = "age_at_first_child"
        case topSurnames = "top_surnames"
        case topFirstNames = "top_first_names"
        case longestLived = "longest_lived"
        case oldestLiving = "oldest_living"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(scope, forKey: .scope)
        try container.encode(persons, forKey: .persons)
        try container.encode(men, forKey: .men)
        try container.encode(women, forKey: .women)
        try container.encode(unknownSex, forKey: .unknownSex)
        try container.encode(deceased, forKey: .deceased)
        try container.encode(living, forKey: .living)  // null, not absent, when hidden
        try container.encode(families, forKey: .families)
        try container.encode(withBirthDate, forKey: .withBirthDate)
        try container.encode(withDeathDate, forKey: .withDeathDate)
        try container.encode(birthsByCentury, forKey: .birthsByCentury)
        try container.encode(lifeExpectancy, forKey: .lifeExpectancy)
        try container.encode(ageAtMarriage, forKey: .ageAtMarriage)
        try container.encode(ageAtFirstChild, forKey: .ageAtFirstChild)
        try container.encode(topSurnames, forKey: .topSurnames)
        try container.encode(topFirstNames, forKey: .topFirstNames)
        try container.encode(longestLived, forKey: .longestLived)
        try container.encode(oldestLiving, forKey: .oldestLiving)
    }
}

/// One anniversary: the year it happened and who it concerns.
struct AnniversaryPayload: Encodable {
    let year: Int
    let yearsAgo: Int
    let persons: [VisiblePerson]
    let familyID: String?
}

struct AnniversariesPayload: Encodable {
    let month: Int
    let day: Int
    let births: [AnniversaryPayload]
    let deaths: [AnniversaryPayload]
    let marriages: [AnniversaryPayload]
}

/// Inbreeding over a base.
struct ConsanguinityPayload: Encodable {
    struct Bucket: Encodable {
        let label: String
        let from: Double
        var persons = 0

        /// GeneWeb's usual landmarks, highest first: a person counts in the first bucket they reach.
        static let all: [Bucket] = [
            Bucket(label: "≥ 1/4 (children of siblings, or of a parent and child)", from: 0.25),
            Bucket(label: "≥ 1/8 (children of half-siblings, of an uncle and niece, of double first cousins)", from: 0.125),
            Bucket(label: "≥ 1/16 (children of first cousins)", from: 0.0625),
            Bucket(label: "≥ 1/64 (children of second cousins)", from: 1.0 / 64),
            Bucket(label: "> 0 (more remote)", from: .leastNonzeroMagnitude),
        ]
    }

    struct Ranked: Encodable {
        let person: VisiblePerson
        let coefficient: Double
    }

    let persons: Int
    let withBothParents: Int
    let inbred: Int
    let average: Double
    let maximum: Double
    let distribution: [Bucket]
    let mostInbred: [Ranked]
}
