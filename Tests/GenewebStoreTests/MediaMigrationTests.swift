import Foundation
import GenewebCore
import GenewebStore
import GenewebTestSupport
import Logging
import SQLKit
import Testing

@Suite("Media files migration")
struct MediaMigrationTests {
    @Test("media imported before migration 13 keep working and get their links from the records' OBJE", arguments: allEngines)
    func backfill(engine: DatabaseEngine) async throws {
        try await EngineFixture.with(engine) { database in
            let logger = Logger(label: "test.migrations")
            try await MigrationRunner(database: database, migrations: Array(Migrations.all.prefix(12)), logger: logger).migrate()
            let portrait = Media(file: "photos/jean.jpg", format: "jpeg", title: "Jean")
            let person = Person(firstName: "Jean", surname: "Objet", mediaIDs: [portrait.id, MediaID()])
            let json = (
                media: String(decoding: try JSONEncoder().encode(portrait), as: UTF8.self),
                person: String(decoding: try JSONEncoder().encode(person), as: UTF8.self)
            )
            @Sendable func document(_ text: String) -> SQLQueryString {
                engine == .postgres ? "CAST(\(bind: text) AS JSONB)" : "\(bind: text)"
            }
            try await database.withConnection { sql in
                try await sql.raw(
                    "INSERT INTO media (id, base_id, file, document) VALUES (\(bind: portrait.id.uuid), 1, \(bind: portrait.file), " + document(json.media)
                        + ")"
                ).run()
                try await sql.raw(
                    """
                    INSERT INTO persons (id, base_id, first_name, surname, occurrence, first_name_key, surname_key, sex, document)
                    VALUES (\(bind: person.id.uuid), 1, 'Jean', 'Objet', 0, 'jean', 'objet', 'unknown',
                    """ + document(json.person) + ")"
                ).run()
            }
            #expect(try await MigrationRunner(database: database, logger: logger).migrate() == Migrations.all.map(\.version).filter { $0 >= 13 })
            let stored = try #require(try await MediaRepository(database: database).find(portrait.id.uuid, base: 1))
            #expect(stored.media.file == "photos/jean.jpg")
            #expect(stored.file == nil, "an imported path has no stored bytes")
            #expect(stored.version == 1)
            // The link to a media the base does not have is left out.
            #expect(stored.links == [MediaLink(mediaID: portrait.id.uuid, kind: .person, recordID: person.id.uuid)])
        }
    }
}
