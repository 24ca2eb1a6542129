import Foundation
import GenewebStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GenewebServer

/// Pictures and documents on the site: an editor adds one from the person page's form (the type
/// read from the bytes, the page's token required), the page shows the portrait and the gallery,
/// and a media of a person the visitor may not see is neither shown nor served.
@Suite("Web site media")
struct SiteMediaTests {
    typealias Browser = SiteSessionTests.Browser
    typealias Editing = SiteEditingTests

    static func addForm(_ browser: Browser, _ key: String, file: [UInt8], fileName: String, title: String, token: String? = nil) async throws
        -> TestResponse
    {
        let path = "/b/default/p/\(key)/media"
        let form = String(buffer: try await browser.send(.get, path).body)
        let csrf = try #require(token ?? Browser.token(in: form))
        return try await browser.upload(path, fields: [("csrf", csrf), ("title", title)], file: ("file", fileName, file))
    }

    @Test(
        "an editor adds a picture and a document: portrait, gallery, files served with their type; a disguised file and a forged form are refused",
        arguments: serverEngines)
    func addAndShow(engine: DatabaseEngine) async throws {
        try await Editing.withFamily(engine) { browser, client, admin in
            let person = String(buffer: try await browser.send(.get, "/b/default/p/paul.0.martin").body)
            #expect(person.contains("href=\"/b/default/p/paul.0.martin/media\""))
            let added = try await Self.addForm(browser, "paul.0.martin", file: MediaFixtures.png, fileName: "paul.png", title: "Paul in 1900")
            #expect(added.status == .seeOther && added.headers[.location] == "/b/default/p/paul.0.martin")
            let pdf = try await Self.addForm(browser, "paul.0.martin", file: MediaFixtures.pdf, fileName: "will.pdf", title: "His will")
            #expect(pdf.status == .seeOther)

            let page = String(buffer: try await Browser(client).send(.get, "/b/default/p/paul.0.martin").body)
            let portrait = try #require(
                page.components(separatedBy: "<figure class=\"portrait\"><a href=\"").dropFirst().first?.components(separatedBy: "\"").first)
            #expect(portrait.hasPrefix("/b/default/m/"))
            #expect(page.contains("alt=\"Paul in 1900\"") && page.contains("<span class=\"caption\">His will</span>"))
            let file = try await Browser(client).send(.get, portrait)
            #expect(file.status == .ok && Array(buffer: file.body) == MediaFixtures.png)
            #expect(file.headers[.contentType] == "image/png" && file.headers[.xContentTypeOptions] == "nosniff")
            // The API sees the same media, attached to Paul.
            let listed = try await client.request(.get, "/api/v1/media", token: admin.access).json
            #expect(listed["total"] as? Int == 2)

            let disguised = try await Self.addForm(browser, "paul.0.martin", file: MediaFixtures.html, fileName: "photo.jpg", title: "x")
            #expect(disguised.status == .unsupportedMediaType && String(buffer: disguised.body).contains("nothing was added"))
            let forged = try await Self.addForm(browser, "paul.0.martin", file: MediaFixtures.png, fileName: "a.png", title: "x", token: "forged")
            #expect(forged.status == .badRequest)
            #expect(try await client.request(.get, "/api/v1/media", token: admin.access).json["total"] as? Int == 2)

            // A PUT of the person through the API replaces its facts, not its media.
            let paulID = try await Editing.person("paul.0.martin", client, admin).field("id", as: String.self)
            let replaced = try await client.request(
                .put, "/api/v1/persons/\(paulID)", json: ["first_name": "Paul", "surname": "Martin", "sex": "male"], token: admin.access)
            #expect(replaced.status == .ok)
            // (The editor's browser: without his dates Paul may now be living, and hidden from visitors.)
            #expect(String(buffer: try await browser.send(.get, "/b/default/p/paul.0.martin").body).contains("<figure class=\"portrait\">"))

            let viewer = Browser(client)
            _ = try await viewer.signIn("vera", "vera has a long passphrase")
            #expect(try await viewer.send(.get, "/b/default/p/paul.0.martin/media").status == .forbidden)
            #expect(!String(buffer: try await viewer.send(.get, "/b/default/p/paul.0.martin").body).contains("/media\""))
        }
    }

    @Test("a living person's picture: not served to visitors, and not in the gallery of a visible person it shows too")
    func privacy() async throws {
        try await SiteSessionTests.withLivingBase { client, admin in
            let persons = try await client.request(.get, "/api/v1/persons?limit=100", token: admin.access).json.objects("items")
            let her = try #require(persons.first { $0["first_name"] as? String == "Zéphyrine" }?["id"] as? String)
            let elder = try #require(persons.first { $0["first_name"] as? String == "Auguste" }?["id"] as? String)
            let uploaded = try await client.upload(
                MediaFixtures.png, fileName: "her.png", fields: ["person_id": her, "title": "Zéphyrine at the beach"], token: admin.access)
            #expect(uploaded.status == .created)
            let id = try #require(uploaded.json["id"] as? String)
            // The same picture shows Auguste too.
            #expect(try await client.request(.patch, "/api/v1/media/\(id)", json: ["person_ids": [her, elder]], token: admin.access).status == .ok)
            let own = try await client.upload(
                MediaFixtures.gif, fileName: "auguste.gif", fields: ["person_id": elder, "title": "Auguste alone"], token: admin.access)
            #expect(own.status == .created)

            let visitor = Browser(client)
            #expect(try await visitor.send(.get, "/b/default/m/\(id)").status == .notFound)
            let page = String(buffer: try await visitor.send(.get, "/b/default/p/auguste.0.ancien").body)
            #expect(page.contains("Auguste alone") && !page.contains("beach") && !page.contains(id))

            let editor = Browser(client)
            _ = try await editor.signIn("eddie", "eddie has a long passphrase")
            #expect(try await editor.send(.get, "/b/default/m/\(id)").status == .ok)
            #expect(String(buffer: try await editor.send(.get, "/b/default/p/auguste.0.ancien").body).contains("Zéphyrine at the beach"))
        }
    }
}
