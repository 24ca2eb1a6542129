import Foundation
import GenewebStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GenewebServer

/// One form per real-world act: add a spouse, add parents, add a child — each existing or new
/// relative, found by key or by a search step that works without JavaScript, written all
/// together or not at all, on both engines.
@Suite("Web site family acts")
struct SiteFamilyActsTests {
    typealias Browser = SiteSessionTests.Browser
    typealias Editing = SiteEditingTests

    /// The form of `path` as the browser would send it, with `changes`.
    static func post(_ browser: Browser, _ path: String, _ changes: [String: String]) async throws -> TestResponse {
        let fields = Editing.formFields(String(buffer: try await browser.send(.get, path).body))
        #expect(fields.contains { $0.0 == "csrf" && !$0.1.isEmpty })
        return try await browser.send(.post, path, form: Editing.setting(fields, changes.merging(["action": "save"]) { first, _ in first }))
    }

    static func families(of key: String, _ client: any TestClientProtocol, _ admin: Tokens) async throws -> [[String: Any]] {
        let id = try await Editing.person(key, client, admin).field("id", as: String.self)
        let response = try await client.request(.get, "/api/v1/persons/\(id)/families", token: admin.access)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
        return try object.objects("items")
    }

    static func id(_ key: String, _ client: any TestClientProtocol, _ admin: Tokens) async throws -> String {
        try await Editing.person(key, client, admin).field("id", as: String.self)
    }

    @Test("add a spouse: a new one with the marriage in one form; an existing one found by words, then chosen", arguments: serverEngines)
    func addSpouse(engine: DatabaseEngine) async throws {
        try await Editing.withFamily(engine) { browser, client, admin in
            let page = String(buffer: try await browser.send(.get, "/b/default/p/paul.0.martin").body)
            #expect(page.contains("href=\"/b/default/p/paul.0.martin/add-spouse\""))
            let added = try await Self.post(
                browser, "/b/default/p/paul.0.martin/add-spouse",
                [
                    "spouse.first_name": "Anne", "spouse.surname": "Le Gall", "spouse.birth.date": "1855", "union.marriage.date": "12 MAY 1875",
                    "union.marriage.place": "Quimper",
                ])
            #expect(added.status == .seeOther && added.headers[.location] == "/b/default/p/paul.0.martin")
            let anne = try await Self.id("anne.0.le_gall", client, admin)
            let paul = try await Self.id("paul.0.martin", client, admin)
            let union = try #require(try await Self.families(of: "paul.0.martin", client, admin).first { ($0["father_ids"] as? [String]) == [paul] })
            #expect(try union.field("mother_ids", as: [String].self) == [anne])
            let marriage = try union.field("marriage", as: [String: Any].self)
            #expect(try marriage.field("date", as: [String: Any].self).field("text", as: String.self) == "12 MAY 1875")
            #expect(try marriage.field("place", as: String.self) == "Quimper")
            #expect(String(buffer: try await browser.send(.get, "/b/default/p/paul.0.martin").body).contains("Anne Le Gall"))

            // Words of a name: a search step lists the persons to choose from, then the choice.
            let words = try await Self.post(browser, "/b/default/p/jean.0.martin/add-spouse", ["spouse.existing": "anne gall"])
            let step = String(buffer: words.body)
            #expect(words.status == .unprocessableContent && step.contains("name=\"spouse.choice\" value=\"anne.0.le_gall\""))
            let chosen = try await browser.send(
                .post, "/b/default/p/jean.0.martin/add-spouse",
                form: Editing.setting(Editing.formFields(step), ["spouse.choice": "anne.0.le_gall", "action": "save"]))
            #expect(chosen.status == .seeOther)
            #expect(try await Self.families(of: "anne.0.le_gall", client, admin).count == 2)
        }
    }

    @Test("add parents: a new father and mother and their marriage at once; a person with parents is told so", arguments: serverEngines)
    func addParents(engine: DatabaseEngine) async throws {
        try await Editing.withFamily(engine) { browser, client, admin in
            #expect(!String(buffer: try await browser.send(.get, "/b/default/p/paul.0.martin").body).contains("/add-parents\""))
            let added = try await Self.post(
                browser, "/b/default/p/jean.0.martin/add-parents",
                [
                    "father.first_name": "Pierre", "father.surname": "Martin", "mother.first_name": "Yvonne", "mother.surname": "Le Bihan",
                    "union.marriage.date": "1815",
                ])
            #expect(added.status == .seeOther)
            let pierre = try await Editing.person("pierre.0.martin", client, admin)
            #expect(try pierre.field("sex", as: String.self) == "male")
            #expect(try await Editing.person("yvonne.0.le_bihan", client, admin).field("sex", as: String.self) == "female")
            // The charts follow at once: Paul's pedigree now reaches his grandfather.
            let pedigree = String(buffer: try await browser.send(.get, "/b/default/p/paul.0.martin/ancestors?generations=3").body)
            #expect(pedigree.contains("Pierre Martin") && pedigree.contains("Yvonne Le Bihan"))

            let again = try await Self.post(browser, "/b/default/p/paul.0.martin/add-parents", ["father.first_name": "Other", "father.surname": "Martin"])
            #expect(again.status == .unprocessableContent && String(buffer: again.body).contains("This person already has parents."))
        }
    }

    @Test("add a child at a chosen place among the siblings; an existing person with parents is refused", arguments: serverEngines)
    func addChild(engine: DatabaseEngine) async throws {
        try await Editing.withFamily(engine) { browser, client, admin in
            let jean = try await Self.id("jean.0.martin", client, admin)
            let family = try #require(try await Self.families(of: "jean.0.martin", client, admin).first)
            let familyID = try family.field("id", as: String.self)
            let page = String(buffer: try await browser.send(.get, "/b/default/p/jean.0.martin").body)
            #expect(page.contains("/b/default/f/\(familyID)/add-child"))
            let added = try await Self.post(
                browser, "/b/default/f/\(familyID)/add-child", ["child.first_name": "Louise", "child.sex": "female", "position": "0"])
            #expect(added.status == .seeOther && added.headers[.location] == "/b/default/f/\(familyID)")
            let children = try #require(try await Self.families(of: "jean.0.martin", client, admin).first?["children_ids"] as? [String])
            #expect(children == [try await Self.id("louise.0.martin", client, admin), try await Self.id("paul.0.martin", client, admin)])
            #expect(try await Editing.person("louise.0.martin", client, admin).field("surname", as: String.self) == "Martin")

            let refused = try await Self.post(browser, "/b/default/f/\(familyID)/add-child", ["child.existing": "paul.0.martin"])
            #expect(refused.status == .unprocessableContent && String(buffer: refused.body).contains("already in this family"))
            _ = jean
        }
    }

    @Test("an act that would make someone their own ancestor writes nothing, not even its new persons", arguments: serverEngines)
    func allOrNothing(engine: DatabaseEngine) async throws {
        try await Editing.withFamily(engine) { browser, client, admin in
            // Paul as his own father's father: refused, and the new mother is not created either.
            let loop = try await Self.post(
                browser, "/b/default/p/jean.0.martin/add-parents",
                ["father.existing": "paul.0.martin", "mother.first_name": "Ghost", "mother.surname": "Mother"])
            #expect(loop.status == .conflict && String(buffer: loop.body).contains("their own ancestor"))
            #expect(try await client.request(.get, "/api/v1/persons/by-key/ghost.0.mother", token: admin.access).status == .notFound)
            #expect(try await Self.families(of: "jean.0.martin", client, admin).count == 1)
        }
    }

    @Test(
        "the family form edits both spouses, the marriage and the children's order in one save; a spouse changed meanwhile is a 409", arguments: serverEngines)
    func editFamily(engine: DatabaseEngine) async throws {
        try await Editing.withFamily(engine) { browser, client, admin in
            let familyID = try #require(try await Self.families(of: "jean.0.martin", client, admin).first).field("id", as: String.self)
            let path = "/b/default/f/\(familyID)/edit"
            #expect(String(buffer: try await browser.send(.get, "/b/default/f/\(familyID)").body).contains("href=\"\(path)\""))
            _ = try await Self.post(browser, "/b/default/f/\(familyID)/add-child", ["child.first_name": "Louise", "position": "0"])
            let fields = Editing.formFields(String(buffer: try await browser.send(.get, path).body))
            #expect(fields.contains { $0 == ("parent.0.first_name", "Jean") } && fields.contains { $0 == ("parent.1.death.date", "1899") })
            #expect(fields.contains { $0 == ("children.0.position", "1") } && fields.contains { $0 == ("children.1.position", "2") })

            let saved = try await browser.send(
                .post, path,
                form: Editing.setting(
                    fields,
                    [
                        "parent.1.birth.date": "ABT 1826", "union.marriage.date": "1848", "children.0.position": "2", "children.1.position": "1",
                        "action": "save",
                    ]))
            #expect(saved.status == .seeOther && saved.headers[.location] == "/b/default/f/\(familyID)")
            let marie = try await Editing.person("marie.0.durand", client, admin)
            #expect(try marie.field("birth", as: [String: Any].self).field("date", as: [String: Any].self).field("text", as: String.self) == "ABT 1826")
            #expect(try marie.field("death", as: [String: Any].self).field("date", as: [String: Any].self).field("text", as: String.self) == "1899")
            let family = try #require(try await Self.families(of: "jean.0.martin", client, admin).first)
            #expect(
                try family.field("children_ids", as: [String].self) == [
                    try await Self.id("paul.0.martin", client, admin), try await Self.id("louise.0.martin", client, admin),
                ])
            #expect(try family.field("marriage", as: [String: Any].self).field("date", as: [String: Any].self).field("text", as: String.self) == "1848")

            // Marie changed through the API after the form was opened: 409, nothing written.
            let opened = Editing.formFields(String(buffer: try await browser.send(.get, path).body))
            let marieID = try await Self.id("marie.0.durand", client, admin)
            #expect(try await client.request(.patch, "/api/v1/persons/\(marieID)", json: ["occupation": "Midwife"], token: admin.access).status == .ok)
            let late = try await browser.send(.post, path, form: Editing.setting(opened, ["parent.1.first_name": "Marie-Anne", "action": "save"]))
            #expect(late.status == .conflict)
            #expect(try await Editing.person("marie.0.durand", client, admin).field("occupation", as: String.self) == "Midwife")
            let again = try await browser.send(.post, path, form: Editing.setting(Editing.formFields(String(buffer: late.body)), ["action": "save"]))
            #expect(again.status == .seeOther)
            let renamed = try await Editing.person("marie-anne.0.durand", client, admin)
            #expect(try renamed.field("occupation", as: String.self) == "Midwife")
        }
    }

    @Test("the acts' forms need the editor role and the page's token")
    func rolesAndTokens() async throws {
        try await Editing.withFamily(.sqlite) { browser, client, _ in
            let viewer = Browser(client)
            _ = try await viewer.signIn("vera", "vera has a long passphrase")
            #expect(try await viewer.send(.get, "/b/default/p/paul.0.martin/add-spouse").status == .forbidden)
            #expect(try await viewer.send(.get, "/b/default/p/jean.0.martin/add-parents").status == .forbidden)
            #expect(try await Browser(client).send(.get, "/b/default/p/paul.0.martin/add-spouse").status == .unauthorized)
            let forged = try await browser.send(.post, "/b/default/p/paul.0.martin/add-spouse", form: [("spouse.first_name", "X"), ("spouse.surname", "Y")])
            #expect(forged.status == .badRequest)
        }
    }
}
