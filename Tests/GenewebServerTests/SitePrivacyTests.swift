import Foundation
import GenewebServer
import GenewebStore
import GenewebTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// The web site keeps the privacy rule of the JSON API: every page of the site, as anonymous and
/// as viewer, with the living person of `LivingPersonPrivacyTests` (and the living couples) as
/// every parameter, never shows her name, dates or places: not in the text, the `<title>`, an
/// attribute or a link.
@Suite("A living person never leaks on the web site")
struct SitePrivacyTests {
    @Test("every page, as anonymous and as viewer, with her key, her id and her name as parameters", arguments: [(false), (true)])
    func everyPage(publicNames: Bool) async throws {
        let catalog = RouteCatalog()
        try await withAuthApp(catalog: catalog) { client in
            let admin = try await client.loginAdmin()
            let imported = try await client.execute(
                uri: "/api/v1/import", method: .post, headers: [.authorization: "Bearer \(admin.access)"],
                body: ByteBuffer(string: LivingPersonPrivacyTests.gedcom))
            #expect(imported.status == .created)
            if publicNames {
                #expect(
                    try await client.request(.patch, "/api/v1/database/databases/default", json: ["living_names": "public"], token: admin.access).status == .ok)
            }
            var secrets = publicNames ? LivingPersonPrivacyTests.detailSecrets : LivingPersonPrivacyTests.secrets
            let viewer = try await client.makeUser("vera", role: .viewer, admin: admin)
            // Her portrait: its title and its id never show either.
            let all = try await client.request(.get, "/api/v1/persons?limit=100", token: admin.access).json.objects("items")
            let herID = try #require(all.first { $0["first_name"] as? String == "Zéphyrine" }?["id"] as? String)
            let portrait = try await client.upload(
                MediaFixtures.png, fileName: "portrait.png", fields: ["person_id": herID, "title": "Zéphyrine at Secretville"], token: admin.access)
            #expect(portrait.status == .created)
            let portraitID = try #require(portrait.json["id"] as? String)
            secrets.append(portraitID)

            // The strings are really in the base: the admin sees her page and her wedding.
            let herPage = String(buffer: try await client.request(.get, "/b/default/p/zephyrine.0.vivantelle", token: admin.access).body)
            #expect(herPage.contains("Vivantelle") && herPage.contains("Secretville"))
            let groomPage = String(buffer: try await client.request(.get, "/b/default/p/lucien.0.jeunot", token: admin.access).body)
            #expect(groomPage.contains("Mariageville"))

            let everyone = try await client.request(.get, "/api/v1/persons?limit=100", token: admin.access).json.objects("items")
            let her = try #require(everyone.first { $0["first_name"] as? String == "Zéphyrine" }?["id"] as? String)
            let familyIDs = try await client.request(.get, "/api/v1/families?limit=100", token: admin.access).json.objects("items")
            let families = familyIDs.compactMap { $0["id"] as? String }
            #expect(families.count == 3)

            let keys = ["zephyrine.0.vivantelle", her, "auguste.0.ancien", "cyprien.0.ancien", "lucien.0.jeunot", "hector.0.jeunot", "mireille.0.epousee"]
            let names = ["vivantelle", "zephyrine", "ancien", "jeunot", "epousee"]
            let queries = [
                "with=zephyrine.0.vivantelle&q=vivantelle&prefix=viv&generations=8&day=14&month=7",
                "with=\(her)&q=zephyrine&prefix=z&order=count&generations=3&angle=360",
                "with=lucien.0.jeunot&q=jeunot&prefix=j&day=12&month=5", "with=vivantelle&q=epousee&day=23&month=6",
            ]
            let pages = catalog.routes.filter { !$0.documented && $0.method == .get && $0.path.hasPrefix("/b") }
            #expect(pages.count >= 15)
            var calls = 0
            for route in pages {
                var paths = [route.path.replacingOccurrences(of: ":base", with: "default")]
                for (parameter, values) in [(":key", keys), (":family_id", families), (":name", names), (":version", ["1", "2"]), (":media_id", [portraitID])]
                where paths[0].contains(parameter) {
                    paths = paths.flatMap { path in values.map { path.replacingOccurrences(of: parameter, with: $0) } }
                }
                for path in paths {
                    #expect(!path.contains(":"), "a parameter of \(route.path) is not filled")
                    for query in queries {
                        for token in [nil, viewer.access] {
                            let response = try await client.request(.get, "\(path)?\(query)", token: token)
                            let text = String(buffer: response.body)
                            let label: Comment = "GET \(path)?\(query) as \(token == nil ? "anonymous" : "viewer") → \(response.status.code)"
                            #expect(response.status.code < 500, label)
                            // The portrait's id shows only where the visitor typed it (the page's own address).
                            for secret in secrets where text.contains(secret) && !(secret == portraitID && path.contains(secret)) {
                                Issue.record("\(label) shows \"\(secret)\": \(text.components(separatedBy: secret)[0].suffix(200))")
                            }
                            calls += 1
                        }
                    }
                }
            }
            #expect(calls > 300)

            // Her page is a 404 for them, the same as a person who does not exist.
            for token in [nil, viewer.access] {
                #expect(try await client.request(.get, "/b/default/p/zephyrine.0.vivantelle", token: token).status == .notFound)
                let father = String(buffer: try await client.request(.get, "/b/default/p/auguste.0.ancien", token: token).body)
                #expect(father.contains(publicNames ? "Zéphyrine Vivantelle" : "Private person"), "she is in her father's children, without a link")
                #expect(!father.contains("zephyrine.0.vivantelle") && !father.contains(her))
            }
        }
    }
}
