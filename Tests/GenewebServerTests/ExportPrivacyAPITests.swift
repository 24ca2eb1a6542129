import Foundation
import GenewebCore
import GenewebFormats
import GenewebServer
import GenewebStore
import GenewebTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// Exports over HTTP are written a page at a time for every caller: anonymous callers and
/// viewers get exactly the file the whole-base redaction gives, admins everything.
@Suite("Streamed exports over HTTP")
struct ExportPrivacyAPITests {
    @Test(
        "royal92 with living families: anonymous and viewer exports are the whole-base redaction byte for byte, admins get everything",
        .enabled(if: Corpus.runsTests, "corpus not found: set GENEWEB_CORPUS_DIR"), arguments: serverEngines
    )
    func byteIdenticalForEveryCaller(engine: DatabaseEngine) async throws {
        let directory = TemporaryDirectory()
        let postgresURL = engine == .postgres ? try await TestPostgres.makeDatabase() : nil
        let storage: StorageLocation? = postgresURL.map { .postgres(url: $0) }
        let configuration = AuthFixture.configuration(directory: directory, storage: storage)
        // A second handle on the same storage computes what the whole-base redaction gives.
        let database = try Database(location: configuration.storage, logger: Logger(label: "test.expected"))
        let app = try await buildApplication(configuration: configuration, logger: testLogger)
        do {
            try await app.test(.router) { client in
                let admin = try await client.loginAdmin()
                let imported = try await client.execute(
                    uri: "/api/v1/bases/royal/import", method: .post,
                    headers: [.authorization: "Bearer \(admin.access)"], body: ByteBuffer(string: try LivingRoyals.text())
                )
                #expect(imported.status == .created)
                // An editor's private working note, and a public one.
                for (text, isPrivate) in [("Private lead: ask cousin Edith about the 1998 letters", true), ("Public note on the royal houses", false)] {
                    let note = try await client.request(.post, "/api/v1/bases/royal/notes", json: ["text": text, "is_private": isPrivate], token: admin.access)
                    #expect(note.status == .created)
                }
                let viewer = try await client.makeUser("vera", role: .viewer, admin: admin)
                let whole = try #require(try await database.whileRunning { try await GenealogyExporter(database: database).load(try BaseName("royal")) })
                for (format, version) in [("gedcom551", GedcomDateVersion.v551), ("gedcom7", .v7)] {
                    let expected = LivingRoyals.wholeRedaction(whole, version: version)
                    for token in [nil, viewer.access] {
                        let response = try await client.request(.get, "/api/v1/bases/royal/export?format=\(format)", token: token)
                        #expect(response.status == .ok)
                        #expect(String(buffer: response.body) == expected.text, "\(format) for \(token == nil ? "anonymous" : "viewer")")
                    }
                    for token in [nil, viewer.access] {
                        let text = String(buffer: try await client.request(.get, "/api/v1/bases/royal/export?format=\(format)", token: token).body)
                        #expect(!text.contains("cousin Edith") && text.contains("Public note on the royal houses"), "private notes stay out of \(format)")
                    }
                    let full = try await client.request(.get, "/api/v1/bases/royal/export?format=\(format)", token: admin.access)
                    #expect(String(buffer: full.body) == GedcomWriter(document: whole, version: version).pieces().joined())
                    #expect(String(buffer: full.body).contains("cousin Edith"))
                }
                let gw = String(buffer: try await client.request(.get, "/api/v1/bases/royal/export?format=gw").body)
                for secret in LivingRoyals.secrets { #expect(!gw.contains(secret), "\(secret) leaks in .gw") }
                #expect(gw.contains("Ancien Victor"))
                #expect(!gw.contains("cousin Edith"), "private notes stay out of .gw")
            }
        } catch {
            if let postgresURL { await TestPostgres.drop(postgresURL) }
            throw error
        }
        if let postgresURL { await TestPostgres.drop(postgresURL) }
    }
}
