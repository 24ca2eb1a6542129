import Foundation
import GenewebStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GenewebServer

/// The history pages: every update keeps the version it replaces; an editor compares an earlier
/// version with the record field by field and restores it (a new version, audited, undoable);
/// a stale page is a 409; deleting or anonymizing a record erases its earlier versions.
@Suite("Web site history and restore")
struct SiteHistoryTests {
    typealias Browser = SiteSessionTests.Browser
    typealias Editing = SiteEditingTests
    typealias Acts = SiteFamilyActsTests

    /// Restore posts the page's token and the version it showed.
    static func restore(_ browser: Browser, _ path: String, version: String? = nil) async throws -> TestResponse {
        let page = String(buffer: try await browser.send(.get, path).body)
        let token = try #require(Browser.token(in: page))
        let shown = try #require(page.components(separatedBy: "name=\"version\" value=\"").dropFirst().first?.components(separatedBy: "\"").first)
        return try await browser.send(.post, path, form: [("csrf", token), ("version", version ?? shown)])
    }

    @Test("a person's earlier version: listed, compared field by field, restored as a new version; a stale page is a 409", arguments: serverEngines)
    func restorePerson(engine: DatabaseEngine) async throws {
        try await Editing.withFamily(engine) { browser, client, admin in
            let empty = String(buffer: try await browser.send(.get, "/b/default/p/paul.0.martin/history").body)
            #expect(empty.contains("No earlier version is kept"))
            let id = try await Acts.id("paul.0.martin", client, admin)
            let patched = try await client.request(.patch, "/api/v1/persons/\(id)", json: ["occupation": "Sailor", "first_name": "Pol"], token: admin.access)
            #expect(patched.status == .ok)

            let history = String(buffer: try await browser.send(.get, "/b/default/p/pol.0.martin/history").body)
            #expect(history.contains("href=\"/b/default/p/pol.0.martin/history/1\""))
            #expect(history.contains("Paul Martin (paul.0.martin)"))
            let compare = try await browser.send(.get, "/b/default/p/pol.0.martin/history/1")
            let page = String(buffer: compare.body)
            #expect(compare.status == .ok)
            #expect(page.contains("<td>Paul</td><td>Pol</td>") && page.contains("<td>—</td><td>Sailor</td>"))
            #expect(try await browser.send(.get, "/b/default/p/pol.0.martin/history/7").status == .notFound)
            #expect(try await browser.send(.get, "/b/default/p/pol.0.martin/history/-1").status == .notFound)

            // Without the page's token: refused, nothing written.
            let forged = try await browser.send(.post, "/b/default/p/pol.0.martin/history/1", form: [("version", "2")])
            #expect(forged.status == .badRequest)
            // Someone saved meanwhile: the page again with a 409, nothing restored.
            let stale = try await Self.restore(browser, "/b/default/p/pol.0.martin/history/1", version: "1")
            #expect(stale.status == .conflict && String(buffer: stale.body).contains("The record changed since this page was shown"))
            #expect(try await Editing.person("pol.0.martin", client, admin).field("occupation", as: String.self) == "Sailor")

            let restored = try await Self.restore(browser, "/b/default/p/pol.0.martin/history/1")
            #expect(restored.status == .seeOther && restored.headers[.location] == "/b/default/p/paul.0.martin")
            let person = try await Editing.person("paul.0.martin", client, admin)
            #expect(person["occupation"] == nil || person["occupation"] is NSNull)
            #expect(try person.field("version", as: Int.self) == 3)
            // The restore is a change like another: audited, and the version it replaced is kept.
            let after = String(buffer: try await browser.send(.get, "/b/default/p/paul.0.martin/history").body)
            #expect(after.contains("Restored an earlier version (version 1)"))
            #expect(after.contains("history/2\"") && after.contains("Pol Martin (pol.0.martin)"))
            // Viewers see no history.
            let viewer = Browser(client)
            _ = try await viewer.signIn("vera", "vera has a long passphrase")
            #expect(try await viewer.send(.get, "/b/default/p/paul.0.martin/history/1").status == .forbidden)
        }
    }

    @Test("a family's earlier version: marriage and children restored; the family page links its history", arguments: serverEngines)
    func restoreFamily(engine: DatabaseEngine) async throws {
        try await Editing.withFamily(engine) { browser, client, admin in
            let familyID = try #require(try await Acts.families(of: "jean.0.martin", client, admin).first).field("id", as: String.self)
            let here = "/b/default/f/\(familyID)"
            #expect(String(buffer: try await browser.send(.get, here).body).contains("href=\"\(here)/history\""))
            let fields = Editing.formFields(String(buffer: try await browser.send(.get, here + "/edit").body))
            let saved = try await browser.send(.post, here + "/edit", form: Editing.setting(fields, ["union.marriage.date": "1848", "action": "save"]))
            #expect(saved.status == .seeOther)
            let history = String(buffer: try await browser.send(.get, here + "/history").body)
            #expect(history.contains("href=\"\(here)/history/1\""))
            let compare = String(buffer: try await browser.send(.get, here + "/history/1").body)
            #expect(compare.contains("<th scope=\"row\">Marriage date</th><td>—</td><td>1848</td>"))
            let restored = try await Self.restore(browser, here + "/history/1")
            #expect(restored.status == .seeOther && restored.headers[.location] == here)
            let family = try #require(try await Acts.families(of: "jean.0.martin", client, admin).first)
            #expect(family["marriage"] == nil || family["marriage"] is NSNull)
            #expect(try family.field("children_ids", as: [String].self) == [try await Acts.id("paul.0.martin", client, admin)])
        }
    }

    @Test("anonymizing a person erases its earlier versions", arguments: serverEngines)
    func erasure(engine: DatabaseEngine) async throws {
        try await Editing.withFamily(engine) { browser, client, admin in
            let id = try await Acts.id("paul.0.martin", client, admin)
            #expect(try await client.request(.patch, "/api/v1/persons/\(id)", json: ["occupation": "Sailor"], token: admin.access).status == .ok)
            #expect(try await browser.send(.get, "/b/default/p/paul.0.martin/history/1").status == .ok)
            let anonymized = try await client.request(
                .post, "/api/v1/persons/\(id)/anonymize", json: ["confirm_irreversible": true, "reason": "the family asked"], token: admin.access)
            #expect(anonymized.status == .ok)
            let key = try await client.request(.get, "/api/v1/persons/\(id)", token: admin.access).json["key"] as? String
            let history = String(buffer: try await browser.send(.get, "/b/default/p/\(try #require(key))/history").body)
            #expect(!history.contains("/history/1\"") && !history.contains("Paul"))
            #expect(try await browser.send(.get, "/b/default/p/\(try #require(key))/history/1").status == .notFound)

        }
    }
}
