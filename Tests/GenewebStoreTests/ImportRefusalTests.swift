import Foundation
import GenewebCore
import GenewebFormats
import GenewebStore
import GenewebTestSupport
import Logging
import Synchronization
import Testing

/// Imports that must write nothing: cancelled half-way, or breaking a constraint of the base.
@Suite("Imports cancelled or refused")
struct ImportRefusalTests {
    static let logger = Logger(label: "test.import")

    @Test("an import cancelled after its first batch is rolled back: no base, no person", arguments: allEngines)
    func cancelledMidway(engine: DatabaseEngine) async throws {
        try await EngineFixture.with(engine) { database in
            try await MigrationRunner(database: database, logger: Self.logger).migrate()
            let document = SyntheticTree(persons: 5000, seed: 7).generate()
            let (batches, written) = AsyncStream<Void>.makeStream()
            let importing = Task {
                try await GenealogyImporter(database: database).importDocument(
                    document, into: try BaseName("halfway"), format: "gedcom", replace: false,
                    progress: { _ in written.yield() }
                )
            }
            // Cancelled once a batch is in the transaction, as when an HTTP client goes away.
            var iterator = batches.makeAsyncIterator()
            _ = await iterator.next()
            importing.cancel()
            await #expect(throws: CancellationError.self) { try await importing.value }
            #expect(try await BaseRepository(database: database).id(of: try BaseName("halfway")) == nil)
            let persons = try await database.withConnection { sql in
                try await sql.raw("SELECT count(*) AS n FROM persons").first()?.decode(column: "n", as: Int.self)
            }
            #expect(persons == 0)
            // The connection went back clean: the next import works.
            let report = try await GenealogyImporter(database: database).importDocument(
                document, into: try BaseName("whole"), format: "gedcom", replace: false
            )
            #expect(report.persons == 5000)
        }
    }

    @Test(".gw persons whose keys differ only by case or accents are numbered apart, not refused by the base's unique key", arguments: allEngines)
    func foldedNamesakes(engine: DatabaseEngine) async throws {
        try await EngineFixture.with(engine) { database in
            try await MigrationRunner(database: database, logger: Self.logger).migrate()
            let gw = """
                encoding: utf-8
                gwplus

                fam ? Mary + ? John
                beg
                - h Paul
                end

                fam ? mary + Dupont Jean
                beg
                - f Rose
                end

                fam DUPONT Jean + ? Mary
                """
            let file = try GenealogyFile.open(Array(gw.utf8), fileName: "namesakes.gw", format: .auto)
            let report = try await GenealogyImporter(database: database).importFile(file, into: try BaseName("namesakes"), replace: false)
            #expect(report.persons == 7)
            #expect(report.warnings.contains { $0.contains("numbered 1") }, "\(report.warnings)")
            let keys = try await database.withConnection { sql in
                try await sql.raw("SELECT first_name_key, surname_key, occurrence FROM persons").all().map {
                    "\(try $0.decode(column: "first_name_key", as: String.self)).\(try $0.decode(column: "occurrence", as: Int.self)).\(try $0.decode(column: "surname_key", as: String.self))"
                }
            }
            #expect(Set(keys).count == keys.count)
        }
    }
}
