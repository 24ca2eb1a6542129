import Foundation
import GenewebServer
import GenewebStore
import GenewebTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// The acceptance test of API.md's privacy rule: a person born 30 years ago with no death never
/// appears with a name, a date or a place to anonymous callers or viewers, whatever route of the
/// OpenAPI document they call and however they fill its parameters. Nor does the wedding of a
/// living couple (2018), or that of their living parents (1990): a family is as private as its
/// most private parent. Nor do her portrait and the couple's wedding photo: their ids, titles and
/// bytes.
@Suite("A living person never leaks, over every route")
struct LivingPersonPrivacyTests {
    static let birthYear = Calendar(identifier: .gregorian).component(.year, from: Date()) - 30
    /// Strings that must never reach a caller who may not see her, or the living couples.
    static let secrets =
        [
            "Zéphyrine", "Zephyrine", "ZEPHYRINE", "Vivantelle", "VIVANTELLE",
            "Jeunot", "JEUNOT", "Parentine", "PARENTINE", "Epousee", "EPOUSEE",
        ] + detailSecrets

    static var gedcom: String {
        """
        0 HEAD
        1 CHAR UTF-8
        0 @F@ INDI
        1 NAME Auguste /Ancien/
        1 SEX M
        1 BIRT
        2 DATE 1890
        1 DEAT
        2 DATE 1990
        0 @M@ INDI
        1 NAME Berthe /Durand/
        1 SEX F
        1 BIRT
        2 DATE 1895
        1 DEAT
        2 DATE 1995
        0 @Z@ INDI
        1 NAME Zéphyrine /Vivantelle/
        1 SEX F
        1 BIRT
        2 DATE 14 JUL \(birthYear)
        2 PLAC Secretville
        1 OCCU nurse
        1 NOTE her secret diary
        0 @S@ INDI
        1 NAME Cyprien /Ancien/
        1 SEX M
        1 BIRT
        2 DATE 1925
        1 DEAT
        2 DATE 2000
        0 @H@ INDI
        1 NAME Hector /Jeunot/
        1 SEX M
        1 BIRT
        2 DATE 4 APR 1960
        0 @O@ INDI
        1 NAME Odile /Parentine/
        1 SEX F
        1 BIRT
        2 DATE 9 SEP 1962
        0 @L@ INDI
        1 NAME Lucien /Jeunot/
        1 SEX M
        1 BIRT
        2 DATE 3 MAR 1992
        0 @B@ INDI
        1 NAME Mireille /Epousee/
        1 SEX F
        1 BIRT
        2 DATE 1993
        0 @FAM1@ FAM
        1 HUSB @F@
        1 WIFE @M@
        1 CHIL @S@
        1 CHIL @Z@
        0 @FAM2@ FAM
        1 HUSB @H@
        1 WIFE @O@
        1 ENGA
        2 DATE 1 FEB 1989
        2 PLAC Fiancailleville
        1 MARR
        2 DATE 23 JUN 1990
        2 PLAC Parentville
        2 NOTE parents wedding note
        1 DIV
        2 DATE 7 NOV 2001
        2 PLAC Divorceville
        1 NOTE parents family note
        1 CHIL @L@
        0 @FAM3@ FAM
        1 HUSB @L@
        1 WIFE @B@
        1 MARR
        2 DATE 12 MAY 2018
        2 PLAC Mariageville
        2 NOTE wedding secret note
        1 NOTE couple family note
        0 TRLR

        """
    }

    /// Her name may show on a base whose policy makes living persons' names public; nothing else
    /// may, nor anything of the two living couples' families: dates (as text, ISO and Julian day),
    /// places, notes.
    static let detailSecrets = ["Secretville", "secret diary", "nurse", "14 JUL \(birthYear)", "\(birthYear)-07-14"] + familySecrets
    static let familySecrets = [
        "Mariageville", "wedding secret note", "couple family note", "12 MAY 2018", "2018-05-12", "2458251",
        "Parentville", "parents wedding note", "parents family note", "23 JUN 1990", "1990-06-23", "2448066",
        "Fiancailleville", "1 FEB 1989", "1989-02-01", "Divorceville", "7 NOV 2001", "2001-11-07",
    ]

    @Test(
        "every route of the OpenAPI document, as anonymous and as viewer, with her id, her key and her name as parameters",
        arguments: [(true, false), (false, false), (true, true)])
    func everyRoute(publicRead: Bool, publicNames: Bool) async throws {
        try await withAuthApp(publicRead: publicRead) { client in
            let admin = try await client.loginAdmin()
            let imported = try await client.execute(
                uri: "/api/v1/import", method: .post, headers: [.authorization: "Bearer \(admin.access)"],
                body: ByteBuffer(string: Self.gedcom))
            #expect(imported.status == .created)
            if publicNames {
                #expect(
                    try await client.request(.patch, "/api/v1/database/databases/default", json: ["living_names": "public"], token: admin.access).status == .ok)
            }
            _ = try await client.makeUser("vera", role: .viewer, admin: admin)
            let everyone = try await client.request(.get, "/api/v1/persons?limit=100", token: admin.access).json.objects("items")
            func id(_ first: String) throws -> String { try #require(everyone.first { $0["first_name"] as? String == first }?["id"] as? String) }
            let (zephyrine, father, brother) = (try id("Zéphyrine"), try id("Auguste"), try id("Cyprien"))
            let (groom, groomFather) = (try id("Lucien"), try id("Hector"))
            func familyID(of person: String, asParent: Bool) async throws -> String {
                let items = try #require(
                    try await client.request(.get, "/api/v1/persons/\(person)/families", token: admin.access)
                        .json["items"] as? [[String: Any]])
                let found = items.first { (($0["parents"] as? [[String: Any]]) ?? []).contains { $0["person_id"] as? String == person } == asParent }
                return try #require(found?["id"] as? String)
            }
            let family = try await familyID(of: father, asParent: true)
            let (couple, parents) = (try await familyID(of: groom, asParent: true), try await familyID(of: groomFather, asParent: true))
            // Her portrait and the living couple's wedding photo: bytes that say so, and titles too.
            func upload(_ field: String, _ id: String, title: String) async throws -> String {
                let bytes = MediaFixtures.png + Array(" PORTRAITBYTES of \(title)".utf8)
                let response = try await client.upload(bytes, fileName: "\(title).png", fields: [field: id, "title": title], token: admin.access)
                #expect(response.status == .created)
                return try #require(try response.json["id"] as? String)
            }
            let portrait = try await upload("person_id", zephyrine, title: "portrait of the living")
            let weddingPhoto = try await upload("family_id", couple, title: "wedding photo of the living")
            let mediaSecrets = [portrait, weddingPhoto, "PORTRAITBYTES", "of the living"]
            let served = try await client.request(.get, "/api/v1/media/\(portrait)/file", token: admin.access)
            #expect(String(buffer: served.body).contains("PORTRAITBYTES"), "the admin sees her portrait")
            // The admin sees her and the weddings, so the strings are really in the base.
            #expect(String(buffer: try await client.request(.get, "/api/v1/persons/\(zephyrine)", token: admin.access).body).contains("Vivantelle"))
            let seenByAdmin = String(buffer: try await client.request(.get, "/api/v1/families?limit=100", token: admin.access).body)
            for secret in [
                "Mariageville", "wedding secret note", "couple family note", "12 MAY 2018", "2458251", "Parentville",
                "parents wedding note", "parents family note", "Fiancailleville", "Divorceville",
            ] {
                #expect(seenByAdmin.contains(secret), "the admin should see \(secret)")
            }

            let secrets = (publicNames ? Self.detailSecrets : Self.secrets) + mediaSecrets
            let document = try await client.request(.get, "/openapi.json").json
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            #expect(paths.count > 50)
            let query =
                "query=vivantelle&q=vivantelle&surname=vivantelle&first_name=zephyrine&include_living=true&birth_place=secretville"
                + "&prefix=viv&root_person_id=\(zephyrine)&max_generations=10&format=gedcom551&limit=100&month=7&day=14&top=100"
            // A fresh sign-in per call: the routes called include the viewer's own logout.
            func viewer() async throws -> String { try await client.login("vera", "vera has a long passphrase").access }
            // Her id where a person is expected, the other ids around her; then the living groom
            // with his wedding, and his father with his parents' wedding.
            let subjects = [
                (zephyrine, father, family), (father, zephyrine, family), (brother, zephyrine, family),
                (groom, groomFather, couple), (groomFather, groom, parents),
            ]
            var calls = 0
            for (template, operations) in paths.sorted(by: { $0.key < $1.key }) {
                for method in operations.keys.sorted() {
                    for (subject, other, family) in subjects {
                        let path =
                            template
                            .replacingOccurrences(of: "{person_id}", with: subject)
                            .replacingOccurrences(of: "{other_id}", with: other)
                            .replacingOccurrences(of: "{family_id}", with: family)
                            .replacingOccurrences(of: "{key}", with: "zephyrine.0.vivantelle")
                            .replacingOccurrences(of: "{base}", with: "default")
                            .replacingOccurrences(of: "{name}", with: "default")
                            .replacingOccurrences(of: "{sosa_number}", with: "1")
                            .replacingOccurrences(of: "{user_id}", with: UUID().uuidString)
                            .replacingOccurrences(of: "{source_id}", with: UUID().uuidString)
                            .replacingOccurrences(of: "{note_id}", with: UUID().uuidString)
                            .replacingOccurrences(of: "{place_id}", with: UUID().uuidString)
                            .replacingOccurrences(of: "{media_id}", with: subject == zephyrine ? portrait : weddingPhoto)
                        #expect(!path.contains("{"), "a parameter of \(template) is not filled")
                        let httpMethod = HTTPRequest.Method(method.uppercased())!
                        let body: [String: Any]? = ["post", "put", "patch"].contains(method) ? ["query": "vivantelle"] : nil
                        for token in [nil, try await viewer()] {
                            let response = try await client.request(httpMethod, "\(path)?\(query)", json: body, token: token)
                            let text = String(buffer: response.body)
                            let label: Comment = "\(method.uppercased()) \(path) as \(token == nil ? "anonymous" : "viewer") → \(response.status.code)"
                            #expect(response.status.code < 500, label)
                            // An error's `path` repeats the media id asked for: that tells nothing.
                            for secret in secrets where text.contains(secret) && !path.contains(secret) {
                                Issue.record("\(label) shows \"\(secret)\": \(text.prefix(400))")
                            }
                            calls += 1
                        }
                    }
                }
            }
            #expect(calls > 400)

            // Every export format, whole, as anonymous and viewer: the couples are in it (their
            // links hold) but not their weddings; the admin's export has them.
            for format in ["gedcom551", "gedcom7", "gw", "zip"] {
                let full = String(buffer: try await client.request(.get, "/api/v1/export?format=\(format)", token: admin.access).body)
                #expect(full.contains("Mariageville") && full.contains("Parentville"), "the admin's \(format) export has the weddings")
                if format == "zip" { #expect(full.contains("PORTRAITBYTES"), "the admin's zip has her portrait") }
                for path in ["/api/v1/export", "/api/v1/bases/default/export"] {
                    for token in [nil, try await viewer()] {
                        let response = try await client.request(.get, "\(path)?format=\(format)", token: token)
                        let label: Comment = "\(path)?format=\(format) as \(token == nil ? "anonymous" : "viewer") → \(response.status.code)"
                        #expect(response.status == (publicRead || token != nil ? .ok : .unauthorized), label)
                        let text = String(buffer: response.body)
                        for secret in Self.secrets + mediaSecrets where text.contains(secret) {
                            Issue.record("\(label) shows \"\(secret)\"")
                        }
                    }
                }
            }

            // The family routes show the couple's shape, not its details.
            for token in [nil, try await viewer()] where publicRead || token != nil {
                let shown = try await client.request(.get, "/api/v1/families/\(couple)", token: token).json
                #expect(shown["privacy"] as? String == "restricted")
                // Exactly the shape: ids, relation, parents and children, and no event.
                #expect(
                    shown.keySet == [
                        "id", "family_id", "version", "privacy", "relation", "parents", "children", "children_ids", "father_ids", "mother_ids", "events",
                    ])
                #expect(try shown.field("events", as: [Any].self).isEmpty)
                #expect(try Set(shown.objects("parents").compactMap { $0["person_id"] as? String }).contains(groom))
            }
        }
    }
}
