import Foundation
import GenewebStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GenewebServer

/// The administration pages: the server's health, accounts, the audit log and the bases,
/// for admins only, every change through the API's services and audited.
@Suite("Web site administration")
struct SiteAdminTests {
    typealias Browser = SiteSessionTests.Browser
    typealias Editing = SiteEditingTests

    /// The family base, with the admin's browser signed in.
    static func withAdmin(
        _ engine: DatabaseEngine = .sqlite, _ body: @escaping @Sendable (Browser, any TestClientProtocol, Tokens) async throws -> Void
    ) async throws {
        try await Editing.withFamily(engine) { _, client, admin in
            let browser = Browser(client)
            #expect(try await browser.signIn(AuthFixture.adminName, AuthFixture.adminPassword).status == .seeOther)
            try await body(browser, client, admin)
        }
    }

    /// The first form on `html` whose action is `action`, as the browser would send it.
    static func form(_ html: String, action: String) -> [(String, String)] {
        guard let start = html.range(of: "action=\"\(action)\"") else { return [] }
        let tail = String(html[start.lowerBound...])
        return Editing.formFields("<form class=\"edit\" " + tail)
    }

    @Test("the server page shows the engine, the schema and each base's graph, to admins only", arguments: serverEngines)
    func overview(engine: DatabaseEngine) async throws {
        try await Self.withAdmin(engine) { browser, client, _ in
            _ = try await browser.send(.get, "/b/default/p/paul.0.martin/ancestors")  // builds the graph
            let page = try await browser.send(.get, "/admin")
            let html = String(buffer: page.body)
            #expect(page.status == .ok && html.contains(engine == .postgres ? "PostgreSQL" : "SQLite"))
            #expect(html.contains("<td><a href=\"/b/default\">default</a></td><td>3</td><td>1</td><td>3 persons in memory"))
            #expect(String(buffer: try await browser.send(.get, "/b/default").body).contains("href=\"/admin\""))

            let editor = Browser(client)
            _ = try await editor.signIn("eddie", "eddie has a long passphrase")
            #expect(try await editor.send(.get, "/admin").status == .forbidden)
            #expect(!String(buffer: try await editor.send(.get, "/b/default").body).contains("href=\"/admin\""))
            #expect(try await Browser(client).send(.get, "/admin/users").status == .unauthorized)
        }
    }

    @Test("accounts: create, change the role, disable, reset a password, with the API's rules; an admin cannot demote themself")
    func accounts() async throws {
        try await Self.withAdmin { browser, client, admin in
            let page = String(buffer: try await browser.send(.get, "/admin/users").body)
            let weak = try await browser.send(
                .post, "/admin/users", form: Editing.setting(Self.form(page, action: "/admin/users"), ["username": "nina", "password": "short"]))
            #expect(weak.status == .unprocessableContent && String(buffer: weak.body).contains("Refused:"))
            let created = try await browser.send(
                .post, "/admin/users",
                form: Editing.setting(
                    Self.form(page, action: "/admin/users"), ["username": "nina", "password": "nina has a long passphrase", "role": "editor"]))
            #expect(created.status == .seeOther)
            let nina = Browser(client)
            #expect(try await nina.signIn("nina", "nina has a long passphrase").status == .seeOther)
            #expect(try await nina.send(.get, "/b/default/p/paul.0.martin/edit").status == .ok)

            let list = String(buffer: try await browser.send(.get, "/admin/users").body)
            let users = try await client.request(.get, "/api/v1/users", token: admin.access)
            let items = try #require(try JSONSerialization.jsonObject(with: Data(buffer: users.body)) as? [String: Any]).objects("items")
            let ninaID = try #require(items.first { $0["username"] as? String == "nina" }?["id"] as? String)
            let action = "/admin/users/\(ninaID)"
            // Viewer and disabled: the box left unticked.
            let disabled = try await browser.send(
                .post, action, form: Editing.setting(Self.form(list, action: action).filter { $0.0 != "active" }, ["role": "viewer"]))
            #expect(disabled.status == .seeOther)
            let answer = try await client.request(.get, "/api/v1/users/\(ninaID)", token: admin.access)
            let after = try #require(try JSONSerialization.jsonObject(with: Data(buffer: answer.body)) as? [String: Any])
            #expect(after["role"] as? String == "viewer" && after["is_active"] as? Bool == false)
            #expect(try await Browser(client).signIn("nina", "nina has a long passphrase").status != .seeOther)

            let reset = try await browser.send(
                .post, "\(action)/password", form: Editing.setting(Self.form(list, action: "\(action)/password"), ["password": "a brand new passphrase"]))
            #expect(reset.status == .ok && String(buffer: reset.body).contains("was reset"))

            let adminID = try #require(items.first { $0["username"] as? String == AuthFixture.adminName }?["id"] as? String)
            let selfAction = "/admin/users/\(adminID)"
            let demoted = try await browser.send(.post, selfAction, form: Editing.setting(Self.form(list, action: selfAction), ["role": "viewer"]))
            #expect(demoted.status == .conflict)

            let audit = String(buffer: try await browser.send(.get, "/admin/audit?action=user.update").body)
            #expect(audit.contains("<td>user.update</td>") && audit.contains("role=editor -&gt; viewer") && !audit.contains("<td>user.create</td>"))
        }
    }

    @Test("bases: create, set the living-names policy, rename, download an export, delete only with the name typed again", arguments: serverEngines)
    func bases(engine: DatabaseEngine) async throws {
        try await Self.withAdmin(engine) { browser, client, admin in
            let page = String(buffer: try await browser.send(.get, "/admin/bases").body)
            let created = try await browser.send(.post, "/admin/bases", form: Editing.setting(Self.form(page, action: "/admin/bases"), ["name": "second"]))
            #expect(created.status == .seeOther)
            let list = String(buffer: try await browser.send(.get, "/admin/bases").body)
            #expect(list.contains("<a href=\"/b/second\">second</a>"))

            let policy = try await browser.send(
                .post, "/admin/bases/default", form: Editing.setting(Self.form(list, action: "/admin/bases/default"), ["living_names": "public"]))
            #expect(policy.status == .seeOther)
            let info = String(buffer: try await client.request(.get, "/api/v1/database/databases", token: admin.access).body)
            #expect(info.contains("\"living_names\":\"public\""))

            var rename = Self.form(list, action: "/admin/bases/second")
            if let index = rename.firstIndex(where: { $0.0 == "action" }) { rename.remove(at: index) }
            let renamed = try await browser.send(.post, "/admin/bases/second", form: rename + [("action", "rename"), ("new_name", "third")])
            #expect(renamed.status == .seeOther)

            let export = try await browser.send(.get, "/admin/bases/default/export?format=gedcom551")
            #expect(export.status == .ok && String(buffer: export.body).hasPrefix("0 HEAD") && String(buffer: export.body).contains("Paul /Martin/"))
            #expect(export.headers[.contentDisposition]?.contains("attachment") == true)

            let confirm = String(buffer: try await browser.send(.get, "/admin/bases/third/delete").body)
            let wrong = try await browser.send(
                .post, "/admin/bases/third/delete", form: Editing.setting(Self.form(confirm, action: "/admin/bases/third/delete"), ["confirm": "thirdd"]))
            #expect(wrong.status == .unprocessableContent)
            #expect(String(buffer: try await browser.send(.get, "/admin/bases").body).contains("<a href=\"/b/third\">third</a>"))
            let deleted = try await browser.send(
                .post, "/admin/bases/third/delete", form: Editing.setting(Self.form(confirm, action: "/admin/bases/third/delete"), ["confirm": "third"]))
            #expect(deleted.status == .seeOther)
            #expect(!String(buffer: try await browser.send(.get, "/admin/bases").body).contains("/b/third"))
            let keepDefault = try await browser.send(
                .post, "/admin/bases/default/delete", form: Editing.setting(Self.form(confirm, action: "/admin/bases/third/delete"), ["confirm": "default"]))
            #expect(keepDefault.status == .conflict)
        }
    }

    @Test(
        "import from the pages: a new tree, followed to its report with the file's warnings; a tree that holds persons refused unless replaced",
        arguments: serverEngines)
    func importFile(engine: DatabaseEngine) async throws {
        try await Self.withAdmin(engine) { browser, client, admin in
            let form = String(buffer: try await browser.send(.get, "/admin/import?base=parish").body)
            #expect(form.contains("enctype=\"multipart/form-data\"") && form.contains("value=\"parish\""))
            let token = try #require(Browser.token(in: form))
            let gedcom = "0 HEAD\n1 CHAR UTF-8\n0 @I1@ INDI\n1 NAME Anne /Le Goff/\n1 BIRT\n2 DATE 31 FEB 1850\n0 @I2@ INDI\n1 NAME Yves /Le Goff/\n0 TRLR\n"
            func start(_ base: String, replace: Bool = false, csrf: String? = nil) async throws -> TestResponse {
                var fields = [("csrf", csrf ?? token), ("base", base), ("format", "auto")]
                if replace { fields.append(("replace", "on")) }
                return try await browser.upload("/admin/import", fields: fields, file: ("file", "parish.ged", Array(gedcom.utf8)))
            }
            /// The job's page once it has finished (it reloads itself while running).
            func finished(_ location: String) async throws -> String {
                for _ in 0..<600 {
                    let page = String(buffer: try await browser.send(.get, location).body)
                    if !page.contains("http-equiv=\"refresh\"") { return page }
                    try await Task.sleep(for: .milliseconds(50))
                }
                Issue.record("the import did not finish")
                return ""
            }

            #expect(try await start("parish", csrf: "forged").status == .badRequest)
            let started = try await start("parish")
            #expect(started.status == .seeOther)
            let location = try #require(started.headers[.location])
            #expect(location.hasPrefix("/admin/imports/"))
            let report = try await finished(location)
            #expect(report.contains("Done: the tree parish holds the file."))
            #expect(report.contains("<dt>Persons</dt><dd>2</dd>") && report.contains("Warnings (1)") && report.contains("31 FEB 1850"))
            #expect(report.contains("href=\"/b/parish\""))
            let persons = try await client.request(.get, "/api/v1/bases/parish/persons", token: admin.access)
            #expect(try persons.json["total"] as? Int == 2)
            let log = String(buffer: try await browser.send(.get, "/admin/audit?action=base.import").body)
            #expect(log.contains("parish"))

            // Again into the same tree: refused, nothing written; replaced when asked.
            let again = try await finished(try #require(try await start("parish").headers[.location]))
            #expect(again.contains("Nothing was imported") && !again.contains("href=\"/b/parish\""))
            let replaced = try await finished(try #require(try await start("parish", replace: true).headers[.location]))
            #expect(replaced.contains("Done: the tree parish holds the file."))
            #expect(try await client.request(.get, "/api/v1/bases/parish/persons", token: admin.access).json["total"] as? Int == 2)
            let listed = String(buffer: try await browser.send(.get, "/admin/import").body)
            #expect(listed.contains("Import of parish.ged into parish"))

            let editor = Browser(client)
            _ = try await editor.signIn("eddie", "eddie has a long passphrase")
            #expect(try await editor.send(.get, "/admin/import").status == .forbidden)
            #expect(try await editor.send(.get, location).status == .forbidden)
        }
    }
}
