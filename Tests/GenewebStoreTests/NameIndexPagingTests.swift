import Foundation
import GenewebCore
import GenewebFormats
import Logging
import SQLKit
import Testing

@testable import GenewebStore

/// The name indexes read their groups once and page them in memory; the pages, totals and
/// orders (ties included, in the database's collation) are what paging in SQL gives.
@Suite("Name indexes paged in memory")
struct NameIndexPagingTests {
    @Test("surnames, first names and places: every order, prefix, page and view as SQL pages them", arguments: allEngines)
    func sameAsSQLPaging(engine: DatabaseEngine) async throws {
        try await EngineFixture.with(engine) { database in
            try await MigrationRunner(database: database, logger: Logger(label: "test.names")).migrate()
            let repository = NameIndexRepository(database: database)
            let rule = LivingRule()
            let visibilities: [Visibility] = [.everyone, .notLiving(rule), .publicView(rule), .namesPublic]
            var compared = 0
            for seed in UInt64(1)...2 {
                var random = SeededRandom(seed: seed)
                let name = try BaseName("names\(seed)")
                _ = try await GenealogyImporter(database: database).importDocument(
                    RandomBase.document(persons: 200, random: &random), into: name, format: "gedcom", replace: false)
                let base = try #require(try await BaseRepository(database: database).id(of: name))
                for visibility in visibilities {
                    for prefix in [nil, "m", "Ma", "du", "zz"] as [String?] {
                        for order in NameIndexRepository.Order.allCases {
                            for (offset, limit) in [(0, 3), (2, 4), (0, 1000), (11, 5), (500, 5)] {
                                let context = "seed \(seed) \(visibility) \(prefix ?? "-") \(order) \(offset)/\(limit)"
                                for kind in [NameIndexRepository.Kind.surname, .firstName] {
                                    let found = try await repository.names(
                                        kind, base: base, visibility: visibility, prefix: prefix, order: order, offset: offset, limit: limit)
                                    let expected = try await Self.sqlPage(
                                        Self.grouped(kind, base: base, visibility: visibility, prefix: prefix), order: order, offset: offset,
                                        limit: limit, database: database)
                                    #expect(found.names == expected.names, "\(kind) \(context)")
                                    #expect(found.total == expected.total, "\(kind) \(context)")
                                    if !expected.names.isEmpty { compared += 1 }
                                }
                                let places = try await repository.places(
                                    base: base, visibility: visibility, prefix: prefix, order: order, offset: offset, limit: limit)
                                let expected = try await Self.sqlPage(
                                    Self.groupedPlaces(base: base, visibility: visibility, prefix: prefix), order: order, offset: offset, limit: limit,
                                    database: database)
                                #expect(places.names == expected.names, "places \(context)")
                                #expect(places.total == expected.total, "places \(context)")
                            }
                        }
                    }
                }
            }
            #expect(compared > 200, "the random bases give the indexes names to page")
        }
    }

    @Test("a surname of 600 CJK characters (1,800 bytes) is written, indexed and searched on both engines", arguments: allEngines)
    func longName(engine: DatabaseEngine) async throws {
        try await EngineFixture.with(engine) { database in
            try await MigrationRunner(database: database, logger: Logger(label: "test.names")).migrate()
            var random = SeededRandom(seed: 3)
            let surname = String((0..<600).map { _ in Character(UnicodeScalar(UInt32(0x4E00 + random.int(0...20_000)))!) })
            var document = GedcomDocument()
            document.persons = [Person(firstName: "Jean", surname: surname, sex: .male)]
            _ = try await GenealogyImporter(database: database).importDocument(document, into: try BaseName("default"), format: "gedcom", replace: false)
            let base = try #require(try await BaseRepository(database: database).id(of: try BaseName("default")))
            let found = try await NameIndexRepository(database: database).names(
                .surname, base: base, visibility: .everyone, prefix: nil, order: .name, offset: 0, limit: 10)
            #expect(found.total == 1 && found.names.first?.name == surname)
            // Searched by the whole name, it is found: the query's word is cut like the index's.
            let search = try await SearchRepository(database: database).search(
                PersonSearch(query: "jean " + surname), base: base, visibility: .everyone, offset: 0, limit: 5)
            #expect(search.total == 1)
        }
    }

    /// The grouping of `NameIndexRepository`, written out again for the reference.
    static func grouped(_ kind: NameIndexRepository.Kind, base: Int, visibility: Visibility, prefix: String?) -> SQLQueryString {
        let (name, key) = kind == .surname ? ("surname", "surname_key") : ("first_name", "first_name_key")
        var query: SQLQueryString =
            "SELECT p.\(unsafeRaw: key) AS name_key, MIN(p.\(unsafeRaw: name)) AS name, count(*) AS n FROM persons p WHERE p.base_id = \(bind: base) AND p.\(unsafeRaw: key) <> '' AND "
            + visibility.condition
        if let prefix = prefix.map(NameNormalizer.key), !prefix.isEmpty {
            query += " AND p.\(unsafeRaw: key) >= \(bind: prefix) AND p.\(unsafeRaw: key) < \(bind: prefix + "~")"
        }
        return query + " GROUP BY p.\(unsafeRaw: key)"
    }

    static func groupedPlaces(base: Int, visibility: Visibility, prefix: String?) -> SQLQueryString {
        var query: SQLQueryString =
            "SELECT pl.place_key AS name_key, MIN(pl.place) AS name, count(*) AS n FROM person_places pl JOIN persons p ON p.id = pl.person_id WHERE pl.base_id = \(bind: base) AND "
            + visibility.condition
        if let prefix = prefix.map(NameNormalizer.key), !prefix.isEmpty {
            query += " AND pl.place_key >= \(bind: prefix) AND pl.place_key < \(bind: prefix + "~")"
        }
        return query + " GROUP BY pl.place_key"
    }

    /// Paging in SQL, as the repository did before: a count, then ORDER BY with LIMIT and OFFSET.
    static func sqlPage(_ grouped: SQLQueryString, order: NameIndexRepository.Order, offset: Int, limit: Int, database: Database) async throws -> (
        names: [NameCount], total: Int
    ) {
        let sort: SQLQueryString = order == .count ? " ORDER BY n DESC, name_key" : " ORDER BY name_key"
        return try await database.withConnection { sql in
            let total = try await sql.raw("SELECT count(*) AS total FROM (" + grouped + ") g").first()?.decode(column: "total", as: Int.self) ?? 0
            let rows = try await sql.raw("SELECT name_key, name, n FROM (" + grouped + ") g" + sort + " LIMIT \(bind: limit) OFFSET \(bind: offset)").all()
            return (
                try rows.map {
                    NameCount(
                        name: try $0.decode(column: "name", as: String.self), key: try $0.decode(column: "name_key", as: String.self),
                        count: try $0.decode(column: "n", as: Int.self))
                }, total
            )
        }
    }
}
