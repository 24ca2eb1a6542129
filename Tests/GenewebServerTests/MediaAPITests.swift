import Foundation
import GenewebFormats
import GenewebStore
import GenewebTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GenewebServer

@Suite("Media API")
struct MediaAPITests {
    /// A dead grandfather (public), a living granddaughter, and a family of each.
    static let gedcom = """
        0 HEAD
        1 CHAR UTF-8
        0 @A@ INDI
        1 NAME Anselme /Ancien/
        1 SEX M
        1 BIRT
        2 DATE 1850
        1 DEAT
        2 DATE 1920
        0 @L@ INDI
        1 NAME Lucie /Vivante/
        1 SEX F
        1 BIRT
        2 DATE 2001
        0 @F1@ FAM
        1 HUSB @A@
        0 @F2@ FAM
        1 WIFE @L@
        0 TRLR

        """

    /// Imports the tree; returns the ids of the grandfather, the granddaughter and their families.
    static func tree(_ client: some TestClientProtocol, admin: String) async throws -> (dead: String, living: String, deadFamily: String, livingFamily: String)
    {
        let imported = try await client.execute(
            uri: "/api/v1/import", method: .post, headers: [.authorization: "Bearer \(admin)"], body: ByteBuffer(string: gedcom))
        #expect(imported.status == .created)
        let persons = try await client.request(.get, "/api/v1/persons?limit=10", token: admin).json.objects("items")
        func person(_ name: String) throws -> String { try #require(persons.first { $0["first_name"] as? String == name }?["id"] as? String) }
        let families = try await client.request(.get, "/api/v1/families?limit=10", token: admin).json.objects("items")
        func family(of id: String) throws -> String {
            try #require(families.first { ($0["parents"] as? [[String: Any]] ?? []).contains { $0["person_id"] as? String == id } }?["id"] as? String)
        }
        let (dead, living) = (try person("Anselme"), try person("Lucie"))
        return (dead, living, try family(of: dead), try family(of: living))
    }

    @Test(
        "each kept type is stored and served back byte for byte, typed by its content, with safe headers",
        arguments: serverEngines)
    func eachType(engine: DatabaseEngine) async throws {
        try await withAuthApp(engine) { client in
            let admin = try await client.loginAdmin().access
            let cases: [([UInt8], String, String, Bool)] = [
                (MediaFixtures.jpeg, "photo.jpg", "image/jpeg", true), (MediaFixtures.png, "x.pdf", "image/png", true),
                (MediaFixtures.webp, "w.webp", "image/webp", true), (MediaFixtures.gif, "g.gif", "image/gif", true),
                (MediaFixtures.pdf, "acte de naissance.pdf", "application/pdf", false),
            ]
            for (bytes, name, type, inline) in cases {
                let created = try await client.upload(bytes, fileName: name, fields: ["title": "A \(type)"], token: admin)
                #expect(created.status == .created, "\(name): \(String(buffer: created.body))")
                let json = try created.json
                let id = try #require(json["id"] as? String)
                #expect(json["mime_type"] as? String == type, "\(name) is \(type) by its content")
                #expect(json["byte_size"] as? Int == bytes.count)
                #expect(json["file"] as? String == name)
                #expect(json["has_file"] as? Bool == true)
                #expect(created.headers[.location] == "/api/v1/media/\(id)")
                let sha = try #require(json["sha256"] as? String)
                let served = try await client.request(.get, "/api/v1/media/\(id)/file")
                #expect(served.status == .ok)
                #expect(Array(buffer: served.body) == bytes)
                #expect(served.headers[.contentType] == type)
                #expect(served.headers[.xContentTypeOptions] == "nosniff")
                #expect(served.headers[.contentDisposition]?.hasPrefix(inline ? "inline;" : "attachment;") == true)
                #expect(served.headers[.eTag] == "\"\(sha)\"")
                #expect(served.headers[.cacheControl]?.contains("private") == true)
                let again = try await client.request(.get, "/api/v1/media/\(id)/file", headers: [.ifNoneMatch: "\"\(sha)\""])
                #expect(again.status == .notModified)
                #expect(try await client.request(.get, "/api/v1/bases/default/media/\(id)").json["title"] as? String == "A \(type)")
            }
            // The OpenAPI document gives the same types for the file.
            let document = try await client.request(.get, "/openapi.json").json
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let fileRoute = try #require(paths["/api/v1/media/{media_id}/file"]?["get"] as? [String: Any])
            let success = try #require((fileRoute["responses"] as? [String: Any])?["200"] as? [String: Any])
            #expect(Set((success["content"] as? [String: Any] ?? [:]).keys) == Set(cases.map(\.2)))
            let upload = try #require(paths["/api/v1/media"]?["post"] as? [String: Any])
            #expect((upload["requestBody"] as? [String: Any])?["content"].map { ($0 as? [String: Any])?.keys.first } == "multipart/form-data")
            let list = try await client.request(.get, "/api/v1/media?limit=2").json
            #expect(list["total"] as? Int == cases.count)
            #expect(try list.objects("items").count == 2)
            #expect(try await client.request(.get, "/api/v1/media?limit=5000").status == .unprocessableContent)
        }
    }

    @Test("a file is refused by its content, whatever its name: HTML as .jpg, SVG, empty, not multipart (415, 422)", arguments: serverEngines)
    func refusals(engine: DatabaseEngine) async throws {
        try await withAuthApp(engine) { client in
            let admin = try await client.loginAdmin().access
            for (bytes, name) in [(MediaFixtures.html, "x.jpg"), (MediaFixtures.svg, "logo.svg"), (Array("GIF".utf8), "short.gif")] {
                let refused = try await client.upload(bytes, fileName: name, token: admin)
                #expect(refused.status == .unsupportedMediaType, "\(name)")
                #expect(try refused.json["error_code"] as? String == "UNSUPPORTED_MEDIA_TYPE")
            }
            #expect(try await client.upload(nil, fields: ["title": "no file"], token: admin).status == .unprocessableContent)
            #expect(try await client.upload(MediaFixtures.png, fields: ["colour": "red"], token: admin).status == .unprocessableContent)
            #expect(try await client.upload(MediaFixtures.png, fields: ["person_id": "not-an-id"], token: admin).status == .unprocessableContent)
            #expect(try await client.upload(MediaFixtures.png, fields: ["person_id": UUID().uuidString], token: admin).status == .unprocessableContent)
            let json = try await client.request(.post, "/api/v1/media", json: ["file": "x"], token: admin)
            #expect(json.status == .unsupportedMediaType)
            #expect(try await client.upload(MediaFixtures.png, token: nil).status == .unauthorized)
            // Nothing refused was kept.
            #expect(try await client.request(.get, "/api/v1/media").json["total"] as? Int == 0)
        }
    }

    @Test("a file over GENEWEB_MEDIA_MAX_BYTES is 413 with the error JSON, just over or far over", arguments: serverEngines)
    func tooLarge(engine: DatabaseEngine) async throws {
        try await withAuthApp(engine, configure: { $0.mediaMaxBytes = 1_000 }) { client in
            let admin = try await client.loginAdmin().access
            #expect(try await client.upload(MediaFixtures.png, token: admin).status == .created)
            for size in [1_001, 200_000] {
                let big = MediaFixtures.png + [UInt8](repeating: 0, count: size - MediaFixtures.png.count)
                let refused = try await client.upload(big, fileName: "big.png", token: admin)
                #expect(refused.status == .contentTooLarge, "\(size) bytes")
                #expect(try refused.json["error_code"] as? String == "PAYLOAD_TOO_LARGE")
            }
        }
    }

    @Test("attach, change with If-Match (a stale version is 412), delete: links and the GEDCOM's OBJE follow", arguments: serverEngines)
    func lifecycle(engine: DatabaseEngine) async throws {
        let dataDirectory = TemporaryDirectory()
        try await withAuthApp(engine, configure: { $0.dataDirectory = dataDirectory.path }) { client in
            let admin = try await client.loginAdmin().access
            let tree = try await Self.tree(client, admin: admin)
            let created = try await client.upload(MediaFixtures.png, fileName: "portrait.png", fields: ["person_id": tree.dead], token: admin)
            #expect(created.status == .created)
            let id = try #require(try created.json["id"] as? String)
            #expect(try created.json["person_ids"] as? [String] == [tree.dead])
            #expect(created.headers[.eTag] == "\"1\"")
            let gedcom = String(buffer: try await client.request(.get, "/api/v1/export", token: admin).body)
            #expect(gedcom.contains("1 OBJE @") && gedcom.contains("1 FILE portrait.png"), "the person's OBJE link and the media record")

            let patched = try await client.request(
                .patch, "/api/v1/media/\(id)", json: ["title": "Anselme in 1900", "family_ids": [tree.deadFamily]], token: admin,
                headers: [.ifMatch: "\"1\""])
            #expect(patched.status == .ok)
            #expect(try patched.json["version"] as? Int == 2)
            #expect(try patched.json["family_ids"] as? [String] == [tree.deadFamily])
            #expect(try patched.json["person_ids"] as? [String] == [tree.dead], "kinds not named keep their links")
            let stale = try await client.request(.patch, "/api/v1/media/\(id)", json: ["title": "lost"], token: admin, headers: [.ifMatch: "\"1\""])
            #expect(stale.status == .preconditionFailed)
            #expect(stale.headers[.eTag] == "\"2\"")
            #expect(try await client.request(.patch, "/api/v1/media/\(id)", json: ["colour": "red"], token: admin).status == .unprocessableContent)
            #expect(
                try await client.request(.patch, "/api/v1/media/\(id)", json: ["source_ids": [UUID().uuidString]], token: admin).status
                    == .unprocessableContent)
            #expect(try await client.request(.get, "/api/v1/media/\(id)").json["title"] as? String == "Anselme in 1900")

            let sha = try #require(try created.json["sha256"] as? String)
            let stored = dataDirectory.url.appendingPathComponent("media/\(sha.prefix(2))/\(sha)").path
            #expect(FileManager.default.fileExists(atPath: stored))
            // The same bytes again: a second media, one file.
            let twin = try await client.upload(MediaFixtures.png, fileName: "copy.png", token: admin)
            let twinID = try #require(try twin.json["id"] as? String)
            #expect(try await client.request(.delete, "/api/v1/media/\(id)", token: admin, headers: [.ifMatch: "\"1\""]).status == .preconditionFailed)
            #expect(try await client.request(.delete, "/api/v1/media/\(id)", token: admin).status == .noContent)
            #expect(try await client.request(.get, "/api/v1/media/\(id)").status == .notFound)
            #expect(try await client.request(.get, "/api/v1/media/\(id)/file").status == .notFound)
            #expect(FileManager.default.fileExists(atPath: stored), "the twin still uses the file")
            let after = String(buffer: try await client.request(.get, "/api/v1/export", token: admin).body)
            #expect(!after.contains("portrait.png"))
            #expect(!after.contains("1 OBJE @"), "no record links the deleted media any more")
            #expect(try await client.request(.delete, "/api/v1/media/\(twinID)", token: admin).status == .noContent)
            #expect(!FileManager.default.fileExists(atPath: stored), "the last media of the content takes its file away")
        }
    }

    @Test("a media of a living person, or of a family with a living parent, does not exist for anonymous callers and viewers", arguments: serverEngines)
    func privacy(engine: DatabaseEngine) async throws {
        try await withAuthApp(engine) { client in
            let admin = try await client.loginAdmin()
            let tree = try await Self.tree(client, admin: admin.access)
            let viewer = try await client.makeUser("vera", role: .viewer, admin: admin).access
            let editor = try await client.makeUser("eddie", role: .editor, admin: admin).access
            func upload(_ field: String, _ id: String, title: String) async throws -> String {
                let response = try await client.upload(MediaFixtures.png, fileName: "\(title).png", fields: [field: id, "title": title], token: editor)
                #expect(response.status == .created)
                return try #require(try response.json["id"] as? String)
            }
            let portrait = try await upload("person_id", tree.living, title: "SecretPortrait")
            let wedding = try await upload("family_id", tree.livingFamily, title: "SecretWedding")
            let public1 = try await upload("person_id", tree.dead, title: "OldPortrait")
            for token in [nil, viewer] {
                for id in [portrait, wedding] {
                    #expect(try await client.request(.get, "/api/v1/media/\(id)", token: token).status == .notFound)
                    #expect(try await client.request(.get, "/api/v1/media/\(id)/file", token: token).status == .notFound)
                }
                let list = String(buffer: try await client.request(.get, "/api/v1/media", token: token).body)
                #expect(list.contains(public1) && !list.contains(portrait) && !list.contains(wedding) && !list.contains("Secret"))
                #expect(try await client.request(.get, "/api/v1/media/\(public1)/file", token: token).status == .ok)
                for format in ["gedcom551", "gedcom7", "zip"] {
                    let export = String(
                        decoding: Array(buffer: try await client.request(.get, "/api/v1/export?format=\(format)", token: token).body), as: UTF8.self)
                    #expect(!export.contains("Secret"), "\(format) export")
                    #expect(export.contains("OldPortrait"), "\(format) export")
                }
            }
            for token in [editor, admin.access] {
                #expect(try await client.request(.get, "/api/v1/media/\(portrait)/file", token: token).status == .ok)
                #expect(String(buffer: try await client.request(.get, "/api/v1/media", token: token).body).contains("SecretWedding"))
            }
            let full = String(buffer: try await client.request(.get, "/api/v1/export", token: admin.access).body)
            #expect(full.contains("SecretPortrait") && full.contains("SecretWedding"))
        }
    }

    @Test("deleting a person, a family or a source forgets its links; the media stays", arguments: serverEngines)
    func deletedRecords(engine: DatabaseEngine) async throws {
        try await withAuthApp(engine) { client in
            let admin = try await client.loginAdmin().access
            let tree = try await Self.tree(client, admin: admin)
            let source = try #require(
                try await client.request(.post, "/api/v1/sources", json: ["title": "Parish register"], token: admin).json["id"] as? String)
            let created = try await client.upload(MediaFixtures.gif, fields: ["person_id": tree.living, "source_id": source], token: admin)
            let id = try #require(try created.json["id"] as? String)
            #expect(
                try await client.request(.patch, "/api/v1/media/\(id)", json: ["family_ids": [tree.livingFamily]], token: admin).status == .ok)
            #expect(try await client.request(.delete, "/api/v1/families/\(tree.livingFamily)", token: admin).status == .ok)
            #expect(try await client.request(.delete, "/api/v1/persons/\(tree.living)", token: admin).status == .noContent)
            #expect(try await client.request(.delete, "/api/v1/sources/\(source)", token: admin).status == .noContent)
            let media = try await client.request(.get, "/api/v1/media/\(id)", token: admin).json
            for field in ["person_ids", "family_ids", "source_ids"] { #expect(media[field] as? [String] == [], "\(field)") }
            // Nothing shows a living person any more: anyone may see it.
            #expect(try await client.request(.get, "/api/v1/media/\(id)/file").status == .ok)
        }
    }

    @Test("a zip export imported into a new base brings every file back byte for byte, with its links", arguments: serverEngines)
    func zipRoundTrip(engine: DatabaseEngine) async throws {
        try await withAuthApp(engine) { client in
            let admin = try await client.loginAdmin().access
            let tree = try await Self.tree(client, admin: admin)
            var uploaded: [String: [UInt8]] = [:]
            for (bytes, name, field, id) in [
                (MediaFixtures.jpeg, "a.jpg", "person_id", tree.dead), (MediaFixtures.pdf, "b.pdf", "family_id", tree.deadFamily),
                (MediaFixtures.gif, "c.gif", "person_id", tree.living),
            ] {
                let response = try await client.upload(bytes, fileName: name, fields: [field: id, "title": name], token: admin)
                uploaded[name] = bytes
                #expect(response.status == .created)
            }
            let zip = try await client.request(.get, "/api/v1/export?format=zip", token: admin)
            #expect(zip.status == .ok)
            #expect(zip.headers[.contentType] == "application/zip")
            let archive = Array(buffer: zip.body)
            let reader = try ZipReader(archive)
            #expect(reader.entries.map(\.name).filter { $0.hasPrefix("media/") }.count == 3)
            let gedcom = String(decoding: try reader.contents(of: try #require(reader.entry(named: "default.ged"))), as: UTF8.self)
            #expect(gedcom.contains("1 FILE media/"))
            try await Self.checkWithUnzip(archive)

            let imported = try await client.execute(
                uri: "/api/v1/bases/copy/import", method: .post, headers: [.authorization: "Bearer \(admin)"], body: ByteBuffer(bytes: archive))
            #expect(imported.status == .created, "\(String(buffer: imported.body))")
            let copies = try await client.request(.get, "/api/v1/bases/copy/media?limit=10", token: admin).json.objects("items")
            #expect(copies.count == 3)
            for copy in copies {
                let title = try #require(copy["title"] as? String)
                let id = try #require(copy["id"] as? String)
                let served = try await client.request(.get, "/api/v1/bases/copy/media/\(id)/file", token: admin)
                #expect(Array(buffer: served.body) == uploaded[title], "\(title) byte for byte")
                #expect(copy["sha256"] as? String == MediaFileStore.digest(of: uploaded[title] ?? []))
                let links = (copy["person_ids"] as? [String] ?? []) + (copy["family_ids"] as? [String] ?? [])
                #expect(links.count == 1, "\(title) keeps its link")
            }
            // The living granddaughter's picture stays hers in the copy: hidden from anonymous callers.
            let anonymous = String(buffer: try await client.request(.get, "/api/v1/bases/copy/media").body)
            #expect(anonymous.contains("a.jpg") && !anonymous.contains("c.gif"))
            // And anonymous callers' archives leave it out.
            let publicZip = try ZipReader(Array(buffer: try await client.request(.get, "/api/v1/export?format=zip").body))
            #expect(publicZip.entries.filter { $0.name.hasPrefix("media/") }.count == 2)
        }
    }

    @Test("a zip that is compressed, damaged or escapes its folder is refused with 422, nothing imported")
    func zipRefusals() async throws {
        try await withAuthApp { client in
            let admin = try await client.loginAdmin().access
            var writer = ZipWriter()
            var good = try writer.entry(named: "tree.ged", bytes: Array("0 HEAD\n0 TRLR\n".utf8))
            good += try writer.entry(named: "media/aa.png", bytes: MediaFixtures.png)
            good += try writer.finish()
            var escaping = good
            // The second entry's name, in its local header and in the directory: media/aa.png → ../../x.png
            for range in Self.ranges(of: Array("media/aa.png".utf8), in: escaping) { escaping.replaceSubrange(range, with: Array("../../xx.png".utf8)) }
            var damaged = good
            damaged[45] ^= 0xFF  // inside tree.ged's bytes (local header 30 + name 8)
            var compressed = good
            let directory = try #require(Self.ranges(of: [0x50, 0x4B, 0x01, 0x02], in: good).first).lowerBound
            compressed[directory + 10] = 8  // method: deflate
            var html = ZipWriter()
            var smuggled = try html.entry(named: "tree.ged", bytes: Array("0 HEAD\n0 TRLR\n".utf8))
            smuggled += try html.entry(named: "media/x.jpg", bytes: MediaFixtures.html)
            smuggled += try html.finish()
            for (bytes, label) in [
                (escaping, "escaping"), (damaged, "damaged"), (compressed, "compressed"), (smuggled, "html inside"), (Array(good.prefix(40)), "cut"),
            ] {
                let response = try await client.execute(
                    uri: "/api/v1/bases/other/import?format=zip", method: .post, headers: [.authorization: "Bearer \(admin)"], body: ByteBuffer(bytes: bytes))
                #expect(response.status == .unprocessableContent, "\(label): \(String(buffer: response.body))")
            }
            #expect(try await client.request(.get, "/api/v1/bases/other/media", token: admin).status == .notFound)
        }
    }

    @Test("an archive's file that no OBJE names is not kept; a media named by the archive gets its bytes")
    func unreferencedArchiveFile() async throws {
        let dataDirectory = TemporaryDirectory()
        try await withAuthApp(configure: { $0.dataDirectory = dataDirectory.path }) { client in
            let admin = try await client.loginAdmin().access
            let gedcom = "0 HEAD\n1 CHAR UTF-8\n0 @I1@ INDI\n1 NAME Old /Man/\n1 DEAT Y\n1 OBJE @M1@\n0 @M1@ OBJE\n1 FILE media/a.png\n0 TRLR\n"
            var writer = ZipWriter()
            var archive = try writer.entry(named: "tree.ged", bytes: Array(gedcom.utf8))
            archive += try writer.entry(named: "media/a.png", bytes: MediaFixtures.png)
            archive += try writer.entry(named: "media/extra.gif", bytes: MediaFixtures.gif)
            archive += try writer.finish()
            let imported = try await client.execute(
                uri: "/api/v1/bases/restored/import", method: .post, headers: [.authorization: "Bearer \(admin)"], body: ByteBuffer(bytes: archive))
            #expect(imported.status == .created, "\(String(buffer: imported.body))")
            let items = try await client.request(.get, "/api/v1/bases/restored/media", token: admin).json.objects("items")
            #expect(items.count == 1)
            #expect(items.first?["has_file"] as? Bool == true)
            #expect((items.first?["person_ids"] as? [String])?.count == 1)
            func kept(_ bytes: [UInt8]) -> Bool {
                let sha = MediaFileStore.digest(of: bytes)
                return FileManager.default.fileExists(atPath: dataDirectory.url.appendingPathComponent("media/\(sha.prefix(2))/\(sha)").path)
            }
            #expect(kept(MediaFixtures.png))
            #expect(!kept(MediaFixtures.gif))
            // Replaced by a file without media, the base's files go with its media.
            let replaced = try await client.execute(
                uri: "/api/v1/bases/restored/import?replace=true", method: .post, headers: [.authorization: "Bearer \(admin)"],
                body: ByteBuffer(string: "0 HEAD\n1 CHAR UTF-8\n0 @I1@ INDI\n1 NAME New /Man/\n0 TRLR\n"))
            #expect(replaced.status == .created)
            #expect(!kept(MediaFixtures.png))
        }
    }

    @Test("the uploaded file name loses its folders and control characters")
    func fileNames() {
        #expect(MediaController.fileName("C:\\Users\\me\\photo.jpg") == "photo.jpg")
        #expect(MediaController.fileName("../../etc/passwd") == "passwd")
        #expect(MediaController.fileName("a\nb\r\n1 NOTE x.png") == "ab1 NOTE x.png")
        #expect(MediaController.fileName("  ") == nil)
        #expect(
            ContentDisposition.value(inline: false, fileName: "acte \"été\".pdf")
                == "attachment; filename=\"acte __t__.pdf\"; filename*=UTF-8''acte%20%22%C3%A9t%C3%A9%22.pdf")
    }

    static func ranges(of needle: [UInt8], in haystack: [UInt8]) -> [Range<Int>] {
        guard haystack.count >= needle.count else { return [] }
        return (0...(haystack.count - needle.count)).filter { Array(haystack[$0..<($0 + needle.count)]) == needle }.map { $0..<($0 + needle.count) }
    }

    /// Another program reads the archive too (Info-ZIP's `unzip -t`, when installed).
    static func checkWithUnzip(_ archive: [UInt8]) async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/unzip") else { return }
        let directory = TemporaryDirectory()
        let file = directory.url.appendingPathComponent("export.zip")
        try Data(archive).write(to: file)
        let (status, output) = try await runProgram(URL(fileURLWithPath: "/usr/bin/unzip"), ["-tq", file.path])
        #expect(status == 0, "unzip -t reads the export: \(output)")
    }
}
