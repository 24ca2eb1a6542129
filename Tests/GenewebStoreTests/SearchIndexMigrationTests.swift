import Foundation
import GenewebCore
import GenewebStore
import GenewebTestSupport
import Logging
import SQLKit
import Testing

@Suite("Search index migration")
struct SearchIndexMigrationTests {
    @Test("persons stored before migration 10 are indexed by it: words, sounds, death and birth columns", arguments: allEngines)
    func backfill(engine: DatabaseEngine) async throws {
        try await EngineFixture.with(engine) { database in
            let logger = Logger(label: "test.migrations")
            try await MigrationRunner(database: database, migrations: Array(Migrations.all.prefix(9)), logger: logger).migrate()
            var dead = Person(firstName: "Éléonore", surname: "Strauß", sex: .female)
            dead.events = [
                Event(kind: .birth, date: .calendar(CalendarDate(year: 1870)), place: "Saint-Étienne"),
                Event(kind: .death, date: .calendar(CalendarDate(year: 1950))),
            ]
            var living = Person(firstName: "Zoé", surname: "Strauss", sex: .female)
            living.events = [Event(kind: .birth, date: .calendar(CalendarDate(day: 2, month: 5, year: 2001)))]
            for person in [dead, living] {
                let json = String(decoding: try JSONEncoder().encode(person), as: UTF8.self)
                let document: SQLQueryString = engine == .postgres ? "CAST(\(bind: json) AS JSONB)" : "\(bind: json)"
                try await database.withConnection { sql in
                    try await sql.raw(
                        """
                        INSERT INTO persons (id, base_id, first_name, surname, occurrence, first_name_key, surname_key, sex, document)
                        VALUES (\(bind: person.id.uuid), 1, \(bind: person.firstName), \(bind: person.surname), 0,
                        \(bind: NameNormalizer.key(person.firstName)), \(bind: NameNormalizer.key(person.surname)), \(bind: person.sex.rawValue),
                        """ + document + ")"
                    ).run()
                }
            }
            #expect(try await MigrationRunner(database: database, logger: logger).migrate() == [10, 11, 12, 13])
            let search = SearchRepository(database: database)
            let rule = LivingRule()
            let everyone = try await search.search(PersonSearch(query: "strauss"), base: 1, visibility: .everyone, offset: 0, limit: 10)
            #expect(everyone.total == 2)
            let visible = try await search.search(PersonSearch(query: "STRAUSS"), base: 1, visibility: .publicView(rule), offset: 0, limit: 10)
            #expect(visible.hits.map(\.person.value.firstName) == ["Éléonore"], "the backfilled death and birth columns decide")
            let place = try await search.search(PersonSearch(birthPlace: "saint etienne"), base: 1, visibility: .everyone, offset: 0, limit: 10)
            #expect(place.hits.map(\.person.value.firstName) == ["Éléonore"])
            let sound = try await search.search(PersonSearch(surname: "Straus"), base: 1, visibility: .everyone, offset: 0, limit: 10)
            #expect(sound.total == 2)
        }
    }

    @Test("persons stored before migration 12 get their places indexed; the index groups spellings and counts persons", arguments: allEngines)
    func placeBackfill(engine: DatabaseEngine) async throws {
        try await EngineFixture.with(engine) { database in
            let logger = Logger(label: "test.migrations")
            try await MigrationRunner(database: database, migrations: Array(Migrations.all.prefix(11)), logger: logger).migrate()
            var first = Person(firstName: "Anne", surname: "Lieu")
            first.events = [
                Event(kind: .birth, date: .calendar(CalendarDate(year: 1800)), place: "Saint-Étienne, Loire"),
                Event(kind: .death, date: .calendar(CalendarDate(year: 1870)), place: "Lyon"),
            ]
            var second = Person(firstName: "Paul", surname: "Lieu")
            second.events = [
                Event(kind: .birth, date: .calendar(CalendarDate(year: 1820)), place: "saint etienne,loire"),
                Event(kind: .death, date: .calendar(CalendarDate(year: 1880)), place: "Saint-Étienne, Loire"),
            ]
            for person in [first, second] {
                let json = String(decoding: try JSONEncoder().encode(person), as: UTF8.self)
                let document: SQLQueryString = engine == .postgres ? "CAST(\(bind: json) AS JSONB)" : "\(bind: json)"
                try await database.withConnection { sql in
                    try await sql.raw(
                        """
                        INSERT INTO persons (id, base_id, first_name, surname, occurrence, first_name_key, surname_key, sex, deceased, document)
                        VALUES (\(bind: person.id.uuid), 1, \(bind: person.firstName), \(bind: person.surname), 0,
                        \(bind: NameNormalizer.key(person.firstName)), \(bind: NameNormalizer.key(person.surname)), 'unknown', 1,
                        """ + document + ")"
                    ).run()
                }
            }
            #expect(try await MigrationRunner(database: database, logger: logger).migrate() == [12, 13])
            let (places, total) = try await NameIndexRepository(database: database).places(
                base: 1, visibility: .everyone, prefix: nil, order: .count, offset: 0, limit: 10)
            #expect(total == 2)
            #expect(places.first?.count == 2 && places.first?.key == NameNormalizer.key("Saint-Étienne, Loire"), "two persons, one place however written")
            let (found, count) = try await PersonRepository(database: database).list(
                base: 1, filter: PersonFilter(place: "SAINT ETIENNE LOIRE"), offset: 0, limit: 10)
            #expect(count == 2 && Set(found.map(\.value.firstName)) == ["Anne", "Paul"])
            let (lyon, _) = try await PersonRepository(database: database).list(base: 1, filter: PersonFilter(place: "lyon"), offset: 0, limit: 10)
            #expect(lyon.map(\.value.firstName) == ["Anne"])
        }
    }
}
