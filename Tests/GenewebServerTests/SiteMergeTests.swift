import Foundation
import GenewebStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GenewebServer

/// GeneWeb's merge in the browser: find the other record, choose fact by fact, and get one
/// person with every event, family link, alias and witness link of both.
@Suite("Web site merge")
struct SiteMergeTests {
    typealias Browser = SiteSessionTests.Browser
    typealias Editing = SiteEditingTests
    typealias Acts = SiteFamilyActsTests

    /// The family of `SiteEditingTests` and a second record of Paul: born the same year, a
    /// sailor, married to Anne Le Gall with a son Yann, and witness of Jean's death.
    static func withDuplicate(
        _ engine: DatabaseEngine, _ body: @escaping @Sendable (Browser, any TestClientProtocol, Tokens) async throws -> Void
    ) async throws {
        try await Editing.withFamily(engine) { browser, client, admin in
            #expect(
                try await Acts.post(
                    browser, "/b/default/new-person",
                    ["first_name": "Paul", "surname": "Martin", "occupation": "Sailor", "birth.date": "1850", "birth.place": "Quimper, Finistère"]
                ).status == .seeOther)
            #expect(
                try await Acts.post(
                    browser, "/b/default/p/paul.1.martin/add-spouse", ["spouse.first_name": "Anne", "spouse.surname": "Le Gall", "spouse.sex": "female"]
                ).status
                    == .seeOther)
            let union = try #require(try await Acts.families(of: "anne.0.le_gall", client, admin).first).field("id", as: String.self)
            #expect(try await Acts.post(browser, "/b/default/f/\(union)/add-child", ["child.first_name": "Yann"]).status == .seeOther)
            let duplicate = try await Acts.id("paul.1.martin", client, admin)
            let jean = try await Acts.id("jean.0.martin", client, admin)
            let witnessed = try await client.request(
                .patch, "/api/v1/persons/\(jean)", json: ["death": ["date": "1890", "witnesses": [["person_id": duplicate]]]], token: admin.access)
            #expect(witnessed.status == .ok)
            try await body(browser, client, admin)
        }
    }

    @Test("find the other record by words, compare, choose: one person with both records' facts, families and witness links", arguments: serverEngines)
    func merge(engine: DatabaseEngine) async throws {
        try await Self.withDuplicate(engine) { browser, client, admin in
            let kept = try await Acts.id("paul.0.martin", client, admin)
            let found = String(buffer: try await browser.send(.get, "/b/default/p/paul.0.martin/merge?with=paul+martin").body)
            #expect(found.contains("href=\"/b/default/p/paul.0.martin/merge?with=paul.1.martin\""))
            #expect(!found.contains("merge?with=paul.0.martin\""))

            let compared = try await browser.send(.get, "/b/default/p/paul.0.martin/merge?with=paul.1.martin")
            let page = String(buffer: compared.body)
            #expect(compared.status == .ok && page.contains("name=\"choice.occupation\" value=\"other\"") && page.contains("Sailor"))
            let fields = Editing.setting(Editing.formFields(page), ["choice.occupation": "other", "choice.birth": "kept"])
            let merged = try await browser.send(.post, "/b/default/p/paul.0.martin/merge", form: fields)
            #expect(merged.status == .seeOther && merged.headers[.location] == "/b/default/p/paul.0.martin")

            #expect(try await client.request(.get, "/api/v1/persons/by-key/paul.1.martin", token: admin.access).status == .notFound)
            let paul = try await Editing.person("paul.0.martin", client, admin)
            #expect(try paul.field("id", as: String.self) == kept && paul["occupation"] as? String == "Sailor")
            #expect(try paul.field("birth", as: [String: Any].self).field("date", as: [String: Any].self).field("text", as: String.self) == "12 MAR 1850")
            // Both families: the parents' (as a child) and the union with Anne (as a spouse).
            let families = try await Acts.families(of: "paul.0.martin", client, admin)
            #expect(families.count == 2)
            #expect(try families.contains { try $0.field("father_ids", as: [String].self) == [kept] && $0.field("children_ids", as: [String].self).count == 1 })
            // Jean's death names Paul as its witness now.
            let jean = try await Editing.person("jean.0.martin", client, admin)
            let witnesses = try jean.field("death", as: [String: Any].self).objects("witnesses")
            #expect(witnesses.count == 1 && witnesses.first?["person_id"] as? String == kept)
            let history = String(buffer: try await browser.send(.get, "/b/default/p/paul.0.martin/history").body)
            #expect(history.contains("Merged"))
        }
    }

    @Test("two records that are children of different families are not merged; nothing changes")
    func twoFamiliesOfBirth() async throws {
        try await Self.withDuplicate(.sqlite) { browser, client, admin in
            #expect(
                try await Acts.post(
                    browser, "/b/default/p/paul.1.martin/add-parents", ["father.first_name": "Hervé", "father.surname": "Martin"]
                ).status == .seeOther)
            let fields = Editing.formFields(String(buffer: try await browser.send(.get, "/b/default/p/paul.0.martin/merge?with=paul.1.martin").body))
            let refused = try await browser.send(.post, "/b/default/p/paul.0.martin/merge", form: fields)
            #expect(refused.status == .conflict && String(buffer: refused.body).contains("merge the two families"))
            #expect(try await client.request(.get, "/api/v1/persons/by-key/paul.1.martin", token: admin.access).status == .ok)
        }
    }

    @Test("a record changed after the comparison was shown is not merged: the page asks again", arguments: serverEngines)
    func changedMeanwhile(engine: DatabaseEngine) async throws {
        try await Self.withDuplicate(engine) { browser, client, admin in
            let fields = Editing.formFields(String(buffer: try await browser.send(.get, "/b/default/p/paul.0.martin/merge?with=paul.1.martin").body))
            let duplicate = try await Acts.id("paul.1.martin", client, admin)
            #expect(try await client.request(.patch, "/api/v1/persons/\(duplicate)", json: ["occupation": "Fisher"], token: admin.access).status == .ok)
            let late = try await browser.send(.post, "/b/default/p/paul.0.martin/merge", form: fields)
            #expect(late.status == .conflict && String(buffer: late.body).contains("changed since this page was shown"))
            #expect(try await client.request(.get, "/api/v1/persons/by-key/paul.1.martin", token: admin.access).status == .ok)
        }
    }
}
