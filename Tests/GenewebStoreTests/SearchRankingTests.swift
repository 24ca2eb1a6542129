import Foundation
import GenewebCore
import GenewebFormats
import Logging
import SQLKit
import Testing

@testable import GenewebStore

/// The search that ranks in steps (`SearchPlan`) gives what scoring every match gives: the same
/// persons, scores, order and total, on both engines, for random small bases whose names are
/// chosen to collide by spelling, prefix and sound, in names and in aliases.
@Suite("Search ranking against scoring every match")
struct SearchRankingTests {
    @Test("random bases: same hits, order, scores and total as the all-matches ranking", arguments: allEngines)
    func randomBases(engine: DatabaseEngine) async throws {
        try await EngineFixture.with(engine) { database in
            try await MigrationRunner(database: database, logger: Logger(label: "test.search")).migrate()
            let repository = SearchRepository(database: database)
            let rule = LivingRule()
            let visibilities: [Visibility] = [.everyone, .notLiving(rule), .publicView(rule), .namesPublic]
            var compared = 0
            for seed in UInt64(1)...3 {
                var random = SeededRandom(seed: seed)
                let name = try BaseName("random\(seed)")
                let document = RandomBase.document(persons: 260, random: &random)
                _ = try await GenealogyImporter(database: database).importDocument(document, into: name, format: "gedcom", replace: false)
                let base = try #require(try await BaseRepository(database: database).id(of: name))
                for search in RandomBase.searches {
                    for visibility in visibilities {
                        for (offset, limit) in [(0, 5), (3, 4), (0, 1000), (12, 10)] {
                            let found = try await repository.search(search, base: base, visibility: visibility, offset: offset, limit: limit)
                            let expected = try await ReferenceSearch.run(
                                search, base: base, visibility: visibility, offset: offset, limit: limit, database: database)
                            let context = "seed \(seed) \(search) \(visibility) \(offset)/\(limit)"
                            #expect(found.total == expected.total, "\(context)")
                            #expect(found.hits.map(\.person.value.id.uuid) == expected.hits.map(\.id), "\(context)")
                            #expect(found.hits.map(\.score) == expected.hits.map(\.score), "\(context)")
                            if !expected.hits.isEmpty { compared += 1 }
                        }
                    }
                }
            }
            #expect(compared > 300, "the random bases give the searches something to rank")
        }
    }

    @Test("a prefix of the rarest word with every other word exact ranks above its exact matches with a mere sound", arguments: allEngines)
    func laterBandOutranks(engine: DatabaseEngine) async throws {
        try await EngineFixture.with(engine) { database in
            try await MigrationRunner(database: database, logger: Logger(label: "test.search")).migrate()
            var document = GedcomDocument()
            // "martin" is the rarer word (6 index entries by spelling and sound, "jean" 7), so it
            // drives: Jean Martinez is only a prefix match of it, John Martin only sounds like Jean.
            let soundOnly = Person(firstName: "John", surname: "Martin", sex: .male, events: [Self.dead])
            let prefixed = Person(firstName: "Jean", surname: "Martinez", sex: .male, events: [Self.dead])
            let exact = Person(firstName: "Jean", surname: "Martin", sex: .male, events: [Self.dead])
            let other = Person(firstName: "Jean", surname: "Durand", sex: .male, events: [Self.dead])
            document.persons = [soundOnly, prefixed, exact, other]
            _ = try await GenealogyImporter(database: database).importDocument(document, into: try BaseName("default"), format: "gedcom", replace: false)
            let base = try #require(try await BaseRepository(database: database).id(of: try BaseName("default")))
            let search = SearchRepository(database: database)
            let page = try await search.search(PersonSearch(query: "martin jean"), base: base, visibility: .everyone, offset: 0, limit: 2)
            #expect(page.total == 3)
            #expect(page.hits.map(\.person.value.id) == [exact.id, prefixed.id])
            #expect(page.hits.map(\.score) == [200, 160])
            let second = try await search.search(PersonSearch(query: "martin jean"), base: base, visibility: .everyone, offset: 2, limit: 2)
            #expect(second.hits.map(\.person.value.id) == [soundOnly.id])
            #expect(second.hits.map(\.score) == [130])
            let past = try await search.search(PersonSearch(query: "martin jean"), base: base, visibility: .everyone, offset: 3, limit: 2)
            #expect(past.hits.isEmpty && past.total == 3, "a page past the end keeps the total")
        }
    }

    static let dead = Event(kind: .death, date: .calendar(CalendarDate(year: 1900)))
}

/// The search as it was before `SearchPlan`: every match of every word scored, grouped by
/// person, sorted whole; the reference the stepped ranking must agree with.
enum ReferenceSearch {
    struct Hit {
        let id: UUID
        let score: Int
    }

    static func run(_ search: PersonSearch, base: Int, visibility: Visibility, offset: Int, limit: Int, database: Database) async throws -> (
        hits: [Hit], total: Int
    ) {
        let terms = search.terms
        var from: SQLQueryString = "persons p"
        var conditions: SQLQueryString = " WHERE p.base_id = \(bind: base) AND " + visibility.condition
        var scoreColumn: SQLQueryString = "0"
        if !terms.isEmpty {
            var union: SQLQueryString = ""
            for (index, term) in terms.enumerated() {
                if index > 0 { union += " UNION ALL " }
                union += termMatches(term, base: base)
            }
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
            let total = try await sql.raw("SELECT count(*) AS n FROM " + source).first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await sql.raw(
                "SELECT p.id AS id, " + score + " AS score FROM " + source
                    + " ORDER BY score DESC, p.surname_key, p.first_name_key, p.occurrence, p.id LIMIT \(bind: limit) OFFSET \(bind: offset)"
            ).all()
            return (try rows.map { Hit(id: try $0.decode(column: "id", as: UUID.self), score: try $0.decode(column: "score", as: Int.self)) }, total)
        }
    }

    static func termMatches(_ term: PersonSearch.Term, base: Int) -> SQLQueryString {
        let fields = term.fields.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let upper = term.word + "~"
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
}

/// Persons whose names collide on purpose: shared words, words that begin others ("jean",
/// "jeanne"), words that sound alike ("dupont", "dupond"), the same word as a name and as an
/// alias, living and dead, dated and undated with families as evidence, every access.
enum RandomBase {
    static let firstNames = ["Jean", "Jeanne", "Jeannot", "John", "Marie", "Maria", "Martin", "Martine", "Louis", "Louise", "Claude", "Claudine"]
    static let surnames = ["Martin", "Martins", "Marten", "Dupont", "Dupond", "Dupuis", "Lefebvre", "Lefevre", "Geruzet", "Muller", "Mueller", "Jean"]
    static let places = ["Paris", "Parisot, Doubs", "Lyon", "Saint-Étienne", "Paris, Île-de-France"]
    static let others = ["Jean le Bon", "Martin", "dit Lafleur", "Marie", "Dupont de Nemours"]

    static func document(persons count: Int, random: inout SeededRandom) -> GedcomDocument {
        var document = GedcomDocument()
        var occurrences: [String: Int] = [:]
        for _ in 0..<count {
            let first = random.pick(firstNames)
            let last = random.pick(surnames)
            let key = NameNormalizer.key(first) + "|" + NameNormalizer.key(last)
            let occurrence = occurrences[key, default: 0]
            occurrences[key] = occurrence + 1
            var person = Person(
                firstName: first, surname: last, occurrence: occurrence, sex: random.pick([.male, .female, .unknown]),
                access: random.pick([.ifTitles, .ifTitles, .ifTitles, .public, .private]))
            if random.chance(0.15) { person.publicName = random.pick(others) }
            if random.chance(0.15) { person.aliases = [random.pick(others)] }
            if random.chance(0.1) { person.qualifiers = [random.pick(others)] }
            if random.chance(0.1) { person.firstNameAliases = [random.pick(firstNames)] }
            if random.chance(0.1) { person.surnameAliases = [random.pick(surnames)] }
            if random.chance(0.8) {
                let year = random.int(1700...2015)
                let place = random.chance(0.7) ? random.pick(places) : nil
                person.events.append(Event(kind: .birth, date: .calendar(CalendarDate(year: year)), place: place))
            }
            if random.chance(0.4) { person.events.append(Event(kind: .death, date: .calendar(CalendarDate(year: random.int(1750...2020))))) }
            document.persons.append(person)
        }
        // Families give undated persons the evidence of their children's births and marriages.
        for _ in 0..<(count / 4) {
            let parents = [random.pick(document.persons).id, random.pick(document.persons).id]
            guard parents[0] != parents[1] else { continue }
            let child = random.pick(document.persons).id
            guard !parents.contains(child) else { continue }
            var events: [Event] = []
            if random.chance(0.5) { events.append(Event(kind: .marriage, date: .calendar(CalendarDate(year: random.int(1750...2010))))) }
            document.families.append(Family(parents: parents, children: [child], events: events))
        }
        return document
    }

    static let searches: [PersonSearch] = [
        PersonSearch(query: "martin"),
        PersonSearch(query: "jean martin"),
        PersonSearch(query: "martin jean"),
        PersonSearch(query: "jea"),
        PersonSearch(query: "dupond"),
        PersonSearch(query: "mar"),
        PersonSearch(query: "jean le"),
        PersonSearch(query: "claude lefebvre", birthYearFrom: 1800, birthYearTo: 1900),
        PersonSearch(surname: "muller", sex: .female),
        PersonSearch(query: "marie", birthPlace: "paris"),
        PersonSearch(firstName: "jean", surname: "martin"),
        PersonSearch(query: "jean marie martin"),
        PersonSearch(query: "lafleur"),
        PersonSearch(query: "jean dupont martin louis"),
        PersonSearch(sex: .female, birthYearFrom: 1850),
        PersonSearch(query: "nobody"),
    ]
}

/// A small deterministic generator (SplitMix64), so that a failing base can be rebuilt.
struct SeededRandom {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    mutating func chance(_ probability: Double) -> Bool {
        Double(next() % 1_000_000) / 1_000_000 < probability
    }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
}
