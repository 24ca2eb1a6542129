import Foundation
import GenewebStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GenewebServer

/// Editing persons in the browser: the person form (every field the API accepts, dates checked
/// and read back in words, problems next to their fields in the page's language), a version
/// conflict that loses nothing, deleting with a page that says what else changes, and the
/// history — with CSRF and roles enforced, on both engines.
@Suite("Web site editing")
struct SiteEditingTests {
    typealias Browser = SiteSessionTests.Browser

    static let gedcom = """
        0 HEAD
        1 CHAR UTF-8
        0 @S1@ SOUR
        1 TITL Parish register of Quimper
        0 @I1@ INDI
        1 NAME Jean /Martin/
        1 SEX M
        1 BIRT
        2 DATE 1820
        1 DEAT
        2 DATE 1890
        0 @I2@ INDI
        1 NAME Marie /Durand/
        1 SEX F
        1 BIRT
        2 DATE 1825
        1 DEAT
        2 DATE 1899
        0 @I3@ INDI
        1 NAME Paul /Martin/
        1 SEX M
        1 BIRT
        2 DATE 12 MAR 1850
        2 PLAC Quimper
        1 RESI
        2 DATE 1880
        2 PLAC Brest
        2 SOUR @S1@
        3 PAGE folio 12
        1 DEAT
        2 DATE 1910
        1 FAMC @F1@
        0 @F1@ FAM
        1 HUSB @I1@
        1 WIFE @I2@
        1 CHIL @I3@
        0 TRLR
        """

    /// A base with the family above, an editor (`eddie`) and a viewer (`vera`); `body` gets
    /// the editor's browser, signed in, and the admin's API tokens.
    static func withFamily(
        _ engine: DatabaseEngine, _ body: @escaping @Sendable (Browser, any TestClientProtocol, Tokens) async throws -> Void
    ) async throws {
        try await withAuthApp(engine) { client in
            let admin = try await client.loginAdmin()
            let imported = try await client.execute(
                uri: "/api/v1/import", method: .post, headers: [.authorization: "Bearer \(admin.access)"], body: ByteBuffer(string: gedcom))
            #expect(imported.status == .created)
            _ = try await client.makeUser("eddie", role: .editor, admin: admin)
            _ = try await client.makeUser("vera", role: .viewer, admin: admin)
            let browser = Browser(client)
            #expect(try await browser.signIn("eddie", "eddie has a long passphrase").status == .seeOther)
            try await body(browser, client, admin)
        }
    }

    /// The person as the API shows it to the admin.
    static func person(_ key: String, _ client: any TestClientProtocol, _ admin: Tokens) async throws -> [String: Any] {
        let response = try await client.request(.get, "/api/v1/persons/by-key/\(key)", token: admin.access)
        #expect(response.status == .ok)
        return try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    /// The fields of the first form with method post on the page, as the browser would send them
    /// (inputs and text areas with their values, selects with their selected option).
    static func formFields(_ html: String) -> [(String, String)] {
        guard let start = html.range(of: "<form class=\"edit\""), let end = html.range(of: "</form>", range: start.upperBound..<html.endIndex) else {
            return []
        }
        let form = String(html[start.lowerBound..<end.lowerBound])
        func unescape(_ text: String) -> String {
            text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&lt;", with: "<")
                .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        }
        func attribute(_ name: String, in tag: Substring) -> String? {
            guard let range = tag.range(of: " \(name)=\"") else { return nil }
            return tag[range.upperBound...].split(separator: "\"", maxSplits: 1, omittingEmptySubsequences: false).first.map { unescape(String($0)) }
        }
        var fields: [(String, String)] = []
        for part in form.components(separatedBy: "<").dropFirst() {
            let tag = Substring(part)
            if tag.hasPrefix("input "), tag.contains("type=\"checkbox\"") || tag.contains("type=\"radio\""), !tag.contains(" checked") {
                continue  // an unticked box or an unchosen radio button is not sent
            } else if tag.hasPrefix("input "), let name = attribute("name", in: tag) {
                fields.append((name, attribute("value", in: tag) ?? ""))
            } else if tag.hasPrefix("textarea "), let name = attribute("name", in: tag) {
                fields.append((name, unescape(String(tag.split(separator: ">", maxSplits: 1, omittingEmptySubsequences: false).last ?? ""))))
            } else if tag.hasPrefix("select "), let name = attribute("name", in: tag) {
                fields.append((name, ""))
            } else if tag.hasPrefix("option "), tag.contains(" selected"), let value = attribute("value", in: tag), let last = fields.indices.last {
                fields[last].1 = value
            }
        }
        return fields
    }

    static func setting(_ fields: [(String, String)], _ changes: [String: String]) -> [(String, String)] {
        var fields = fields
        for (name, value) in changes {
            if let index = fields.firstIndex(where: { $0.0 == name }) { fields[index].1 = value } else { fields.append((name, value)) }
        }
        return fields
    }

    @Test(
        "the person form shows every field, saves through the API's rules, keeps what it does not show, and the history says who changed what",
        arguments: serverEngines)
    func editAndSave(engine: DatabaseEngine) async throws {
        try await Self.withFamily(engine) { browser, client, admin in
            let person = try await browser.send(.get, "/b/default/p/paul.0.martin")
            #expect(String(buffer: person.body).contains("href=\"/b/default/p/paul.0.martin/edit\""))
            let form = try await browser.send(.get, "/b/default/p/paul.0.martin/edit")
            let html = String(buffer: form.body)
            #expect(form.status == .ok)
            let fields = Self.formFields(html)
            #expect(fields.contains { $0 == ("first_name", "Paul") } && fields.contains { $0 == ("birth.date", "12 MAR 1850") })
            #expect(fields.contains { $0 == ("events.0.kind", "residence") } && fields.contains { $0 == ("events.0.place", "Brest") })
            #expect(fields.contains { $0.0 == "csrf" && !$0.1.isEmpty } && fields.contains { $0.0 == "version" && !$0.1.isEmpty })

            let posted = Self.setting(
                fields, ["occupation": "Sailor", "birth.date": "ABT 1851", "events.0.place": "Brest, Finistère", "aliases": "Paolo\nPaulo", "action": "save"])
            let saved = try await browser.send(.post, "/b/default/p/paul.0.martin/edit", form: posted)
            #expect(saved.status == .seeOther && saved.headers[.location] == "/b/default/p/paul.0.martin")
            let json = try await Self.person("paul.0.martin", client, admin)
            #expect(try json.field("occupation", as: String.self) == "Sailor")
            #expect(try json.field("aliases", as: [String].self) == ["Paolo", "Paulo"])
            let birth = try json.field("birth", as: [String: Any].self)
            #expect(try birth.field("date", as: [String: Any].self).field("text", as: String.self) == "ABT 1851")
            #expect(try birth.field("place", as: String.self) == "Quimper")
            // The residence's citation is not on the form, and is still there.
            let export = String(buffer: try await client.request(.get, "/api/v1/export", token: admin.access).body)
            #expect(export.contains("2 PLAC Brest, Finistère\n2 SOUR @") && export.contains("3 PAGE folio 12"))

            // A main title, saved, then the form saved again untouched: still the main title.
            let withTitle = Self.formFields(String(buffer: try await browser.send(.get, "/b/default/p/paul.0.martin/edit").body))
            let titled = try await browser.send(
                .post, "/b/default/p/paul.0.martin/edit",
                form: Self.setting(withTitle, ["titles.0.title": "Mayor", "titles.0.place": "Quimper", "titles.0.start": "1890", "titles.0.main": "on"]))
            #expect(titled.status == .seeOther)
            let again = Self.formFields(String(buffer: try await browser.send(.get, "/b/default/p/paul.0.martin/edit").body))
            #expect(again.contains { $0 == ("titles.0.main", "on") })
            #expect(try await browser.send(.post, "/b/default/p/paul.0.martin/edit", form: Self.setting(again, ["action": "save"])).status == .seeOther)
            let titles = try await Self.person("paul.0.martin", client, admin).objects("titles")
            #expect(titles.count == 1 && (titles.first?["is_main"] as? Bool) == true && (titles.first?["title"] as? String) == "Mayor")

            let history = String(buffer: try await browser.send(.get, "/b/default/p/paul.0.martin/history").body)
            #expect(history.contains("<td>eddie</td>") && history.contains("Changed") && history.contains("Occupation"))
        }
    }

    @Test("witnesses by key or by words: one match becomes its key, several are listed to choose from, an unknown key is a problem", arguments: serverEngines)
    func witnesses(engine: DatabaseEngine) async throws {
        try await Self.withFamily(engine) { browser, client, admin in
            let path = "/b/default/p/paul.0.martin/edit"
            let fields = Self.formFields(String(buffer: try await browser.send(.get, path).body))
            #expect(fields.contains { $0 == ("birth.witnesses", "") } && fields.contains { $0 == ("events.0.witnesses", "") })

            let several = try await browser.send(.post, path, form: Self.setting(fields, ["birth.witnesses": "Martin", "action": "save"]))
            let severalPage = String(buffer: several.body)
            #expect(several.status == .unprocessableContent)
            #expect(severalPage.contains("Several persons match “Martin”") && severalPage.contains("jean.0.martin (Jean Martin, 1820–1890)"))
            let unknown = try await browser.send(.post, path, form: Self.setting(fields, ["birth.witnesses": "nobody.0.here", "action": "save"]))
            #expect(unknown.status == .unprocessableContent && String(buffer: unknown.body).contains("Nobody has the key “nobody.0.here”."))

            let saved = try await browser.send(
                .post, path, form: Self.setting(fields, ["birth.witnesses": "jean.0.martin\nMarie Durand", "events.0.witnesses": "marie.0.durand"]))
            #expect(saved.status == .seeOther)
            let again = Self.formFields(String(buffer: try await browser.send(.get, path).body))
            #expect(again.contains { $0 == ("birth.witnesses", "jean.0.martin\nmarie.0.durand") })
            #expect(again.contains { $0 == ("events.0.witnesses", "marie.0.durand") })
            let jean = try await Self.person("jean.0.martin", client, admin).field("id", as: String.self)
            let birth = try await Self.person("paul.0.martin", client, admin).field("birth", as: [String: Any].self)
            let text = String(decoding: try JSONSerialization.data(withJSONObject: birth), as: UTF8.self)
            #expect(text.contains(jean))
            // The residence kept its citation; removing a line removes that witness only.
            let removed = try await browser.send(.post, path, form: Self.setting(again, ["birth.witnesses": "marie.0.durand"]))
            #expect(removed.status == .seeOther)
            let after = Self.formFields(String(buffer: try await browser.send(.get, path).body))
            #expect(after.contains { $0 == ("birth.witnesses", "marie.0.durand") })
            let export = String(buffer: try await client.request(.get, "/api/v1/export", token: admin.access).body)
            #expect(export.contains("3 PAGE folio 12"))
        }
    }

    @Test("places and persons suggested as they are typed (JSON for the script), and known places hinted after Check without it")
    func suggestions() async throws {
        try await Self.withFamily(.sqlite) { browser, client, _ in
            let places = try await browser.send(.get, "/b/default/suggest?kind=place&q=qui")
            #expect(places.status == .ok && String(buffer: places.body).contains("\"value\":\"Quimper\""))
            let people = String(buffer: try await browser.send(.get, "/b/default/suggest?kind=person&q=martin").body)
            #expect(people.contains("\"value\":\"jean.0.martin\"") && people.contains("Jean Martin (1820–1890)"))
            #expect(try await browser.send(.get, "/b/default/suggest?kind=source&q=x").status == .unprocessableContent)
            let viewer = Browser(client)
            _ = try await viewer.signIn("vera", "vera has a long passphrase")
            #expect(try await viewer.send(.get, "/b/default/suggest?kind=person&q=martin").status == .forbidden)

            let path = "/b/default/p/paul.0.martin/edit"
            let form = String(buffer: try await browser.send(.get, path).body)
            #expect(form.contains("name=\"birth.place\" type=\"text\" value=\"Quimper\" data-suggest=\"place\" autocomplete=\"off\""))
            let checked = try await browser.send(
                .post, path, form: Self.setting(Self.formFields(form), ["death.place": "Quimperlé", "action": "check"]))
            let page = String(buffer: checked.body)
            #expect(checked.status == .ok)
            #expect(page.contains("Not a place of this tree yet; known places beginning alike: Quimper."))
            #expect(!page.contains("id=\"f-birth-place-help\" class=\"help\"><span class=\"hint\">"))
        }
    }

    @Test("Check reads dates back in words, in GeneWeb's and GEDCOM's syntax, and saves nothing; problems are shown next to their field, in French too")
    func checkAndProblems() async throws {
        try await Self.withFamily(.sqlite) { browser, client, admin in
            let fields = Self.formFields(String(buffer: try await browser.send(.get, "/b/default/p/paul.0.martin/edit").body))
            let checked = try await browser.send(
                .post, "/b/default/p/paul.0.martin/edit",
                form: Self.setting(fields, ["birth.date": "1/3/1701J", "death.date": "BET 1750 AND 1760", "action": "check"]))
            let page = String(buffer: checked.body)
            #expect(checked.status == .ok && page.contains("role=\"status\""))
            #expect(page.contains("<span class=\"date-words\">= 1 March 1701 (Julian)</span>"))
            #expect(page.contains("<span class=\"date-words\">= between 1750 and 1760</span>"))
            #expect(
                try await Self.person("paul.0.martin", client, admin).field("birth", as: [String: Any].self).field("date", as: [String: Any].self)
                    .field("text", as: String.self) == "12 MAR 1850")

            let blank = try await browser.send(.post, "/b/default/p/paul.0.martin/edit", form: Self.setting(fields, ["first_name": " ", "action": "save"]))
            let blankPage = String(buffer: blank.body)
            #expect(blank.status == .unprocessableContent)
            #expect(blankPage.contains("id=\"f-first_name\" name=\"first_name\" type=\"text\" value=\" \" aria-invalid=\"true\""))
            #expect(blankPage.contains("<strong class=\"field-error\">Required.</strong>"))

            let french = try await browser.send(
                .post, "/b/default/p/paul.0.martin/edit?lang=fr", form: Self.setting(fields, ["birth.date": "31 FEB 1850", "action": "save"]))
            let frenchPage = String(buffer: french.body)
            #expect(french.status == .unprocessableContent && frenchPage.contains("<html lang=\"fr\">"))
            #expect(frenchPage.contains("« 31 FEB 1850 » n’est pas une date que GeneWeb sait lire"))
            #expect(frenchPage.contains("Rien n’a été enregistré"))
        }
    }

    @Test("a form without its token is refused; viewers and anonymous visitors get no form and cannot post one", arguments: serverEngines)
    func tokensAndRoles(engine: DatabaseEngine) async throws {
        try await Self.withFamily(engine) { browser, client, admin in
            let fields = Self.formFields(String(buffer: try await browser.send(.get, "/b/default/p/paul.0.martin/edit").body))
            let forged = try await browser.send(
                .post, "/b/default/p/paul.0.martin/edit", form: Self.setting(fields.filter { $0.0 != "csrf" }, ["occupation": "Forger"]))
            #expect(forged.status == .badRequest)
            let viewer = Browser(client)
            _ = try await viewer.signIn("vera", "vera has a long passphrase")
            #expect(!String(buffer: try await viewer.send(.get, "/b/default/p/paul.0.martin").body).contains("/edit\""))
            #expect(try await viewer.send(.get, "/b/default/p/paul.0.martin/edit").status == .forbidden)
            let viewerToken = try #require(Browser.token(in: String(buffer: try await viewer.send(.get, "/b/default").body)))
            let viewerPost = try await viewer.send(
                .post, "/b/default/p/paul.0.martin/edit", form: Self.setting(fields, ["csrf": viewerToken, "occupation": "Viewer"]))
            #expect(viewerPost.status == .forbidden)
            #expect(try await viewer.send(.get, "/b/default/p/paul.0.martin/delete").status == .forbidden)
            let anonymous = Browser(client)
            #expect(try await anonymous.send(.get, "/b/default/p/paul.0.martin/edit").status == .unauthorized)
            #expect(try await anonymous.send(.get, "/b/default/new-person").status == .unauthorized)
            // Neither post changed anything: Paul still has no occupation.
            let paul = try await Self.person("paul.0.martin", client, admin)
            #expect(try paul.field("first_name", as: String.self) == "Paul" && paul["occupation"] as? String == nil)
        }
    }

    @Test("a save after someone else's change is a 409 page with both values; nothing is overwritten until the editor saves again", arguments: serverEngines)
    func versionConflict(engine: DatabaseEngine) async throws {
        try await Self.withFamily(engine) { browser, client, admin in
            let fields = Self.formFields(String(buffer: try await browser.send(.get, "/b/default/p/paul.0.martin/edit").body))
            let id = try await Self.person("paul.0.martin", client, admin).field("id", as: String.self)
            let patched = try await client.request(.patch, "/api/v1/persons/\(id)", json: ["occupation": "Fisherman"], token: admin.access)
            #expect(patched.status == .ok)

            let late = try await browser.send(.post, "/b/default/p/paul.0.martin/edit", form: Self.setting(fields, ["occupation": "Sailor", "action": "save"]))
            let page = String(buffer: late.body)
            #expect(late.status == .conflict && page.contains("saved: Fisherman · yours: Sailor"))
            #expect(try await Self.person("paul.0.martin", client, admin).field("occupation", as: String.self) == "Fisherman")

            let again = Self.formFields(page)
            #expect(again.contains { $0 == ("occupation", "Sailor") })
            let saved = try await browser.send(.post, "/b/default/p/paul.0.martin/edit", form: Self.setting(again, ["action": "save"]))
            #expect(saved.status == .seeOther)
            #expect(try await Self.person("paul.0.martin", client, admin).field("occupation", as: String.self) == "Sailor")
        }
    }

    @Test("a new person gets the smallest free number of the name; a rename follows the same rule; the search finds the new names", arguments: serverEngines)
    func createAndRename(engine: DatabaseEngine) async throws {
        try await Self.withFamily(engine) { browser, client, admin in
            let form = Self.formFields(String(buffer: try await browser.send(.get, "/b/default/new-person").body))
            let created = try await browser.send(
                .post, "/b/default/new-person", form: Self.setting(form, ["first_name": "Jean", "surname": "Martin", "birth.date": "~1855", "action": "save"]))
            #expect(created.status == .seeOther && created.headers[.location] == "/b/default/p/jean.1.martin")
            let jean = try await Self.person("jean.1.martin", client, admin)
            #expect(try jean.field("birth", as: [String: Any].self).field("date", as: [String: Any].self).field("text", as: String.self) == "ABT 1855")

            let fields = Self.formFields(String(buffer: try await browser.send(.get, "/b/default/p/paul.0.martin/edit").body))
            let renamed = try await browser.send(
                .post, "/b/default/p/paul.0.martin/edit", form: Self.setting(fields, ["first_name": "Jean", "action": "save"]))
            #expect(renamed.status == .seeOther && renamed.headers[.location] == "/b/default/p/jean.2.martin")
            #expect(try await client.request(.get, "/api/v1/persons/by-key/paul.0.martin", token: admin.access).status == .notFound)
            let search = String(buffer: try await browser.send(.get, "/b/default/search?q=jean+martin").body)
            #expect(search.contains("/b/default/p/jean.2.martin") && search.contains("/b/default/p/jean.1.martin"))
        }
    }

    @Test("deleting says what else changes, asks again after a change, and keeps the family and the other persons", arguments: serverEngines)
    func deletePerson(engine: DatabaseEngine) async throws {
        try await Self.withFamily(engine) { browser, client, admin in
            let page = String(buffer: try await browser.send(.get, "/b/default/p/paul.0.martin/delete").body)
            #expect(page.contains("No longer a child of Jean Martin &amp; Marie Durand."))
            let fields = Self.formFields(page.replacingOccurrences(of: "<form method=\"post\"", with: "<form class=\"edit\" method=\"post\""))
            let id = try await Self.person("paul.0.martin", client, admin).field("id", as: String.self)
            _ = try await client.request(.patch, "/api/v1/persons/\(id)", json: ["occupation": "Fisherman"], token: admin.access)
            let stale = try await browser.send(.post, "/b/default/p/paul.0.martin/delete", form: fields)
            #expect(stale.status == .conflict)
            #expect(try await client.request(.get, "/api/v1/persons/by-key/paul.0.martin", token: admin.access).status == .ok)

            let fresh = Self.formFields(
                String(buffer: stale.body).replacingOccurrences(of: "<form method=\"post\"", with: "<form class=\"edit\" method=\"post\""))
            let deleted = try await browser.send(.post, "/b/default/p/paul.0.martin/delete", form: fresh)
            #expect(deleted.status == .seeOther && deleted.headers[.location] == "/b/default")
            #expect(try await browser.send(.get, "/b/default/p/paul.0.martin").status == .notFound)
            #expect(try await client.request(.get, "/api/v1/persons/by-key/jean.0.martin", token: admin.access).status == .ok)
            let families = try await client.request(.get, "/api/v1/families", token: admin.access)
            #expect(String(buffer: families.body).contains("\"total\":1"))
        }
    }
}
