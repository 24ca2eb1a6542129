import Foundation
import GenewebStore
import GenewebTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GenewebServer

@Suite("GET person answers kept per base version, day and kind of caller")
struct PersonAnswerCacheTests {
    @Test("a kept answer never outlives a write, nor crosses from a caller who sees everything to one who does not", arguments: serverEngines)
    func keptAnswers(engine: DatabaseEngine) async throws {
        try await withAuthApp(engine) { client in
            let admin = try await client.loginAdmin()
            let editor = try await client.makeUser("keeper", role: .editor, admin: admin)
            let dead = try await PersonsAPITests.create(
                client, ["first_name": "Aline", "surname": "Gardée", "birth": ["date": "1850"], "occupation": "lingère"], token: editor.access)
            let living = try await PersonsAPITests.create(
                client, ["first_name": "Vivien", "surname": "Gardée", "birth": ["date": "1990", "place": "Lyon"]], token: editor.access)
            let (deadID, livingID) = (try #require(dead["id"] as? String), try #require(living["id"] as? String))

            // The same answer twice, headers included.
            let first = try await client.request(.get, "/api/v1/persons/\(deadID)")
            let again = try await client.request(.get, "/api/v1/persons/\(deadID)")
            #expect(first.status == .ok && again.status == .ok)
            #expect(String(buffer: first.body) == String(buffer: again.body))
            #expect(first.headers[.eTag] == "\"1\"" && again.headers[.eTag] == "\"1\"")
            #expect(again.headers[.contentType] == "application/json; charset=utf-8")

            // A living person: restricted for anonymous callers before and after an admin read it in full.
            for round in 1...2 {
                let anonymous = try await client.request(.get, "/api/v1/persons/\(livingID)")
                let body = String(buffer: anonymous.body)
                #expect(anonymous.status == .ok && body.contains("restricted") && !body.contains("Lyon") && !body.contains("1990"), "round \(round)")
                #expect(anonymous.headers[.eTag] == nil)
                let full = try await client.request(.get, "/api/v1/persons/\(livingID)", token: admin.access)
                #expect(String(buffer: full.body).contains("Lyon"), "round \(round)")
            }

            // Writes show at once: a change, a death that makes the person visible, a deletion.
            let byKeyBefore = try await client.request(.get, "/api/v1/persons/by-key/aline.0.gardee")
            #expect(try byKeyBefore.json["occupation"] as? String == "lingère" && byKeyBefore.headers[.eTag] == "\"1\"")
            let patched = try await client.request(
                .patch, "/api/v1/persons/\(deadID)", json: ["occupation": "couturière"], token: editor.access, headers: [.ifMatch: "\"1\""])
            #expect(patched.status == .ok)
            let afterPatch = try await client.request(.get, "/api/v1/persons/\(deadID)")
            #expect(try afterPatch.json["occupation"] as? String == "couturière" && afterPatch.headers[.eTag] == "\"2\"")
            let byKeyAfter = try await client.request(.get, "/api/v1/persons/by-key/aline.0.gardee")
            #expect(try byKeyAfter.json["occupation"] as? String == "couturière" && byKeyAfter.headers[.eTag] == "\"2\"")
            let died = try await client.request(
                .patch, "/api/v1/persons/\(livingID)", json: ["death": ["date": "2020"]], token: editor.access, headers: [.ifMatch: "\"1\""])
            #expect(died.status == .ok)
            #expect(String(buffer: try await client.request(.get, "/api/v1/persons/\(livingID)").body).contains("Lyon"))
            let deleted = try await client.request(.delete, "/api/v1/persons/\(deadID)", token: editor.access)
            #expect(deleted.status == .noContent || deleted.status == .ok)
            #expect(try await client.request(.get, "/api/v1/persons/\(deadID)").status == .notFound)
        }
    }

    @Test("genealogy answers are kept until a write, apart for each kind of caller and each query", arguments: serverEngines)
    func keptGenealogy(engine: DatabaseEngine) async throws {
        try await withAuthApp(engine) { client in
            let admin = try await client.loginAdmin()
            func create(_ fields: [String: Any]) async throws -> String {
                try #require(try await PersonsAPITests.create(client, fields, token: admin.access)["id"] as? String)
            }
            let child = try await create(["first_name": "Odile", "surname": "Arbre", "birth": ["date": "1900"], "death": ["date": "1980"]])
            let father = try await create(["first_name": "Basile", "surname": "Arbre", "birth": ["date": "1870"], "death": ["date": "1940"]])
            // Marked private: restricted for anonymous callers, until she is made public.
            let mother = try await create([
                "first_name": "Céleste", "surname": "Discrète", "birth": ["date": "1875", "place": "Nantes"], "death": ["date": "1950"], "access": "private",
            ])
            let family = try await client.request(
                .post, "/api/v1/families", json: ["parents": [father, mother], "children_ids": [child]], token: admin.access)
            #expect(family.status == .created)
            let path = "/api/v1/genealogy/ancestors/\(child)?max_generations=2"

            let first = try await client.request(.get, path)
            let again = try await client.request(.get, path)
            #expect(first.status == .ok && String(buffer: first.body) == String(buffer: again.body))
            // Only a walked answer says how long the walk took: the second came from memory.
            #expect(first.headers[.init("Server-Timing")!]?.hasPrefix("graph") == true)
            #expect(again.headers[.init("Server-Timing")!] == nil, "the second answer came from memory")
            #expect(again.headers[.contentType] == "application/json; charset=utf-8")
            // The private mother: restricted for anonymous callers before and after an admin read her in full.
            for round in 1...2 {
                let anonymous = String(buffer: try await client.request(.get, path).body)
                #expect(anonymous.contains("restricted") && !anonymous.contains("Nantes") && !anonymous.contains("Céleste"), "round \(round)")
                let full = String(buffer: try await client.request(.get, path, token: admin.access).body)
                #expect(full.contains("Céleste") && full.contains("Nantes"), "round \(round)")
            }
            // A parameter the route ignores is the same question: the same kept answer.
            let junk = try await client.request(.get, path + "&utm_source=x&max_generations=9")
            #expect(junk.headers[.init("Server-Timing")!] == nil && String(buffer: junk.body) == String(buffer: again.body))
            // Another query is another answer.
            let one = try await client.request(.get, "/api/v1/genealogy/ancestors/\(child)?max_generations=1")
            #expect(try one.json["max_generations"] as? Int == 1)
            let relationship = "/api/v1/genealogy/relationship/\(child)/\(father)"
            #expect(String(buffer: try await client.request(.get, relationship).body).contains("Basile"))

            // A write shows at once: a rename, then the mother made public.
            let renamed = try await client.request(
                .patch, "/api/v1/persons/\(father)", json: ["first_name": "Barnabé"], token: admin.access, headers: [.ifMatch: "\"1\""])
            #expect(renamed.status == .ok)
            let afterRename = String(buffer: try await client.request(.get, path).body)
            #expect(afterRename.contains("Barnabé") && !afterRename.contains("Basile"))
            let walkedAgain = try await client.request(.get, path)
            #expect(walkedAgain.headers[.init("Server-Timing")!] == nil, "kept again after the write's answer")
            #expect(String(buffer: try await client.request(.get, relationship).body).contains("Barnabé"))
            let opened = try await client.request(
                .patch, "/api/v1/persons/\(mother)", json: ["access": "public"], token: admin.access, headers: [.ifMatch: "\"1\""])
            #expect(opened.status == .ok)
            #expect(String(buffer: try await client.request(.get, path).body).contains("Nantes"))
            // An error is never kept: an unknown person stays a 404, and a person added later is found.
            #expect(try await client.request(.get, "/api/v1/genealogy/ancestors/\(UUID().uuidString.lowercased())").status == .notFound)
        }
    }

    @Test("memory stays within its budget; forgetting a base drops its answers only")
    func bounded() {
        let cache = PersonAnswerCache(byteBudget: 32 << 20)
        let body = ByteBuffer(repeating: 0x20, count: 1 << 20)
        let stamp = PersonAnswerCache.Stamp(version: 1, day: 1)
        for index in 0..<40 {
            let key = PersonAnswerKey(base: index % 2, person: UUID(), seesEverything: false, publicNames: false)
            cache.keep(.init(stamp: stamp, body: body, entityVersion: 1), for: key)
        }
        #expect(cache.count > 0 && cache.count <= cache.byteBudget >> 20)
        let before = cache.count
        cache.forget(base: 0)
        #expect(cache.count < before && cache.count > 0)
        // Addresses and queries come from requests: they count in the budget too.
        let pages = AnonymousPageCache(byteBudget: 1 << 20)
        let query = String(repeating: "q", count: 100_000)
        for index in 0..<40 {
            let key = AnonymousPageKey(base: 1, path: "/b/x/p/\(index)", query: query, language: "en", publicNames: false)
            pages.keep(.init(stamp: .init(version: 1, day: 1), body: ByteBuffer(string: "x"), entityVersion: nil), for: key)
        }
        #expect(pages.count > 0 && pages.count <= 10)
    }

    @Test("anonymous readers' person pages are kept until a write; signed-in readers' never come from them; each language its own", arguments: serverEngines)
    func keptPages(engine: DatabaseEngine) async throws {
        try await SiteEditingTests.withFamily(engine) { browser, client, admin in
            let path = "/b/default/p/jean.0.martin"
            let first = try await SitePagesTests.page(client, path, language: "en")
            let again = try await SitePagesTests.page(client, path, language: "en")
            #expect(first == again && first.contains("Martin") && !first.contains("eddie"))
            let french = try await SitePagesTests.page(client, path, language: "fr")
            #expect(french != first && french.contains("lang=\"fr\""))
            // The signed-in editor's page names her and carries her form token; the next
            // anonymous page still does not.
            let signedIn = String(buffer: try await browser.send(.get, path).body)
            #expect(signedIn.contains("eddie") && signedIn.contains("name=\"csrf\""))
            let anonymous = try await SitePagesTests.page(client, path, language: "en")
            #expect(anonymous == first && !anonymous.contains("csrf"))
            // A write shows in the next anonymous page.
            let jean = try await SiteEditingTests.person("jean.0.martin", client, admin)
            let patched = try await client.request(
                .patch, "/api/v1/persons/\(try #require(jean["id"] as? String))", json: ["occupation": "tonnelier"], token: admin.access)
            #expect(patched.status == .ok)
            #expect(try await SitePagesTests.page(client, path, language: "en").contains("tonnelier"))
        }
    }
}
