import Foundation
import GenewebServer
import GenewebStore
import GenewebTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Import and export over HTTP")
struct ImportExportAPITests {
    static var livingYear: Int { Calendar(identifier: .gregorian).component(.year, from: Date()) - 30 }

    static var gedcom: String {
        """
        0 HEAD
        1 GEDC
        2 VERS 5.5.1
        1 CHAR UTF-8
        0 @I1@ INDI
        1 NAME Jean /Dupont/
        1 SEX M
        1 BIRT
        2 DATE 12 MAY 1850
        2 PLAC Reims
        1 DEAT
        2 DATE 1920
        0 @I2@ INDI
        1 NAME Zoé /Vivante/
        1 SEX F
        1 BIRT
        2 DATE 3 MAR \(livingYear)
        2 PLAC Nantes
        0 @F1@ FAM
        1 HUSB @I1@
        1 CHIL @I2@
        0 TRLR

        """
    }

    static let gw = """
        encoding: utf-8
        gwplus

        fam Martin Paul 1820 + Durand Anne 1825
        beg
        - h Louis 1850
        - f Rose 1852
        end

        """

    @Test("admin imports raw GEDCOM into a new base; a second import needs replace; the persons are there", arguments: serverEngines)
    func rawImport(engine: DatabaseEngine) async throws {
        try await withAuthApp(engine) { client in
            let admin = try await client.loginAdmin().access
            let response = try await client.execute(
                uri: "/api/v1/bases/dupont/import", method: .post,
                headers: [.authorization: "Bearer \(admin)", .contentType: "application/x-gedcom"],
                body: ByteBuffer(string: Self.gedcom))
            #expect(response.status == .created)
            let report = try response.json
            #expect(report["persons"] as? Int == 2 && report["families"] as? Int == 1)
            #expect(report["base"] as? String == "dupont")
            #expect(try await client.request(.get, "/api/v1/bases/dupont/persons", token: admin).json["total"] as? Int == 2)
            let again = try await client.execute(
                uri: "/api/v1/bases/dupont/import", method: .post,
                headers: [.authorization: "Bearer \(admin)"], body: ByteBuffer(string: Self.gedcom))
            #expect(again.status == .conflict)
            let replaced = try await client.execute(
                uri: "/api/v1/bases/dupont/import?replace=true", method: .post,
                headers: [.authorization: "Bearer \(admin)"], body: ByteBuffer(string: Self.gedcom))
            #expect(replaced.status == .created)
            #expect(try await client.request(.get, "/api/v1/bases/dupont/persons", token: admin).json["total"] as? Int == 2)
            let audit = try await client.request(.get, "/api/v1/audit?action=base.import", token: admin)
            #expect(try audit.json["total"] as? Int == 2)
        }
    }

    @Test("multipart upload of a .gw file; editors and anonymous callers may not import")
    func multipart() async throws {
        try await withAuthApp { client in
            let admin = try await client.loginAdmin()
            let boundary = "----geneweb-test-boundary"
            let body =
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nignored\r\n"
                + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"martin.gw\"\r\nContent-Type: text/plain\r\n\r\n"
                + Self.gw + "\r\n--\(boundary)--\r\n"
            let headers: HTTPFields = [.authorization: "Bearer \(admin.access)", .contentType: "multipart/form-data; boundary=\(boundary)"]
            let response = try await client.execute(uri: "/api/v1/bases/martin/import", method: .post, headers: headers, body: ByteBuffer(string: body))
            #expect(response.status == .created)
            #expect(try response.json["format"] as? String == "gw")
            #expect(try response.json["persons"] as? Int == 4)
            let editor = try await client.makeUser("eddie", role: .editor, admin: admin)
            #expect(
                try await client.execute(
                    uri: "/api/v1/bases/x/import", method: .post, headers: [.authorization: "Bearer \(editor.access)"], body: ByteBuffer(string: Self.gedcom)
                ).status == .forbidden)
            #expect(try await client.execute(uri: "/api/v1/bases/x/import", method: .post, body: ByteBuffer(string: Self.gedcom)).status == .unauthorized)
        }
    }

    @Test("empty, binary and oversized files are refused with nothing written")
    func refusals() async throws {
        let directory = TemporaryDirectory()
        var configuration = AuthFixture.configuration(directory: directory)
        configuration.importMaxBytes = 2000
        let app = try await buildApplication(configuration: configuration, logger: testLogger)
        try await app.test(.router) { client in
            let admin = try await client.loginAdmin().access
            let auth: HTTPFields = [.authorization: "Bearer \(admin)"]
            let empty = try await client.execute(uri: "/api/v1/bases/a/import", method: .post, headers: auth, body: ByteBuffer())
            #expect(empty.status == .unprocessableContent)
            let junk = try await client.execute(
                uri: "/api/v1/bases/b/import", method: .post, headers: auth, body: ByteBuffer(bytes: [0, 159, 146, 150, 0, 1, 2, 255, 254, 0]))
            #expect(junk.status == .unprocessableContent)
            #expect(try (junk.json["validation_errors"] as? [[String: Any]])?.first?["field"] as? String == "file")
            let big = try await client.execute(
                uri: "/api/v1/bases/c/import", method: .post, headers: auth,
                body: ByteBuffer(string: Self.gedcom + String(repeating: "0 NOTE padding\n", count: 200)))
            #expect(big.status == .contentTooLarge)
            #expect(try big.json["error_code"] as? String == "PAYLOAD_TOO_LARGE")
            let bases = try await client.request(.get, "/api/v1/database/databases", token: admin)
            let names = (try bases.json["databases"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
            #expect(names == ["default"], "no base was created by a refused import")
        }
    }

    @Test("export: admins get everything; others get the living redacted, in GEDCOM 5.5.1, 7 and .gw")
    func export() async throws {
        try await withAuthApp { client in
            let admin = try await client.loginAdmin().access
            _ = try await client.execute(
                uri: "/api/v1/bases/dupont/import", method: .post, headers: [.authorization: "Bearer \(admin)"], body: ByteBuffer(string: Self.gedcom))
            let full = try await client.request(.get, "/api/v1/bases/dupont/export", token: admin)
            #expect(full.status == .ok)
            let fullText = String(buffer: full.body)
            #expect(fullText.contains("Zoé /Vivante/") && fullText.contains("Jean /Dupont/") && fullText.contains("Nantes"))
            #expect(full.headers[.contentDisposition]?.contains("dupont.ged") == true)
            // Admins' GEDCOM exports are read a page of persons at a time: still one whole file.
            let full7 = String(buffer: try await client.request(.get, "/api/v1/bases/dupont/export?format=gedcom7", token: admin).body)
            #expect(full7.hasPrefix("0 HEAD\n") && full7.hasSuffix("0 TRLR\n") && full7.contains("2 VERS 7.0"))
            #expect(full7.contains("Zoé /Vivante/") && full7.contains("0 @F1@ FAM"))
            #expect(try await client.request(.get, "/api/v1/bases/nowhere/export", token: admin).status == .notFound)
            for format in ["gedcom551", "gedcom7", "gw"] {
                let response = try await client.request(.get, "/api/v1/bases/dupont/export?format=\(format)")
                #expect(response.status == .ok, "\(format)")
                let text = String(buffer: response.body)
                #expect(!text.contains("Vivante") && !text.contains("Zoé") && !text.contains("Nantes"), "\(format) leaks the living person")
                #expect(text.contains("Dupont"), "\(format) keeps the dead")
                #expect(text.contains("Living"), "\(format) keeps the living person as a placeholder")
            }
            #expect(try await client.request(.get, "/api/v1/bases/dupont/export?format=pdf").status == .unprocessableContent)
            #expect(try await client.request(.get, "/api/v1/bases/nowhere/export").status == .notFound)
        }
    }
}
