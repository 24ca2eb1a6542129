import Foundation
import GenewebServer
import GenewebStore
import GenewebTestSupport
import Hummingbird
import HummingbirdTesting
import Logging
import SQLKit
import Testing

@Suite("Encrypted fields through the API")
struct EncryptedAPITests {
    @Test("with an encryption key, an account's email and a private note read back through the API but not in the table", arguments: serverEngines)
    func readableThroughTheAPI(engine: DatabaseEngine) async throws {
        let directory = TemporaryDirectory()
        var storage: StorageLocation = .sqlite(path: directory.url.appendingPathComponent("geneweb.sqlite").path)
        var postgresURL: String?
        if engine == .postgres {
            let url = try await TestPostgres.makeDatabase()
            postgresURL = url
            storage = .postgres(url: url)
        }
        var configuration = AuthFixture.configuration(directory: directory, storage: storage)
        let cipher = FieldCipher(current: .init(secret: "api-test-encryption-key-of-32-bytes-or-more"))
        configuration.encryption = cipher
        let app = try await buildApplication(configuration: configuration, logger: testLogger)
        try await app.test(.router) { client in
            let admin = try await client.loginAdmin()
            let user = try await client.makeUser("ines", role: .viewer, admin: admin)
            let me = try await client.request(.get, "/auth/me", token: user.access)
            #expect(try me.json["email"] as? String == "ines@example.org")
            let note = try await client.request(
                .post, "/api/v1/notes", json: ["title": "Secret", "text": "hidden text", "is_private": true], token: admin.access)
            let noteID = try #require(try note.json["id"] as? String)
            #expect(try await client.request(.get, "/api/v1/notes/\(noteID)", token: admin.access).json["text"] as? String == "hidden text")
        }
        let database = try Database(location: storage, logger: Logger(label: "test.raw"))
        try await database.whileRunning { () async throws in
            let (email, document) = try await database.withConnection { sql in
                (
                    try await sql.raw("SELECT email FROM users WHERE username = 'ines'").first()?.decode(column: "email", as: String.self) ?? "",
                    try await sql.raw("SELECT CAST(document AS TEXT) AS document FROM notes").first()?.decode(column: "document", as: String.self) ?? ""
                )
            }
            #expect(email.hasPrefix("enc:v1:") && !email.contains("ines"))
            #expect(document.contains("sealed") && !document.contains("hidden text"))
        }
        if let postgresURL { await TestPostgres.drop(postgresURL) }
    }
}
