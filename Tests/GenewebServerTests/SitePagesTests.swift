import Foundation
import GenewebServer
import GenewebStore
import GenewebTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// The web site's pages as HTML, without a browser: status, content, language, escaping, and
/// the frame every page shares (one `<main>`, one `<h1>`, the strict CSP, no missing label).
@Suite("Web site pages")
struct SitePagesTests {
    /// Three generations and a cousin marriage (Émile's great-grandparents appear twice), a
    /// half-sister, witnesses, a title, notes with markup and a name that is markup.
    static let gedcom = """
        0 HEAD
        1 CHAR UTF-8
        0 @GF@ INDI
        1 NAME Jean /Martin/
        1 SEX M
        1 TITL Seigneur
        1 BIRT
        2 DATE 3 MAR 1800
        2 PLAC Lyon
        1 DEAT
        2 DATE 1870
        0 @GM@ INDI
        1 NAME Marie /Dupont/
        1 SEX F
        1 BIRT
        2 DATE 1805
        1 DEAT
        2 DATE 1880
        0 @A@ INDI
        1 NAME Pierre /Martin/
        1 SEX M
        1 BIRT
        2 DATE 1830
        1 DEAT
        2 DATE 1900
        0 @B@ INDI
        1 NAME Louise /Martin/
        1 SEX F
        1 BIRT
        2 DATE 1832
        1 DEAT
        2 DATE 1910
        0 @X@ INDI
        1 NAME <img src=x onerror=alert(1)> /Evil/
        1 SEX M
        1 BIRT
        2 DATE 1834
        1 DEAT
        2 DATE 1890
        0 @PA@ INDI
        1 NAME Anne /Leroy/
        1 SEX F
        1 BIRT
        2 DATE 1835
        1 DEAT
        2 DATE 1905
        0 @LB@ INDI
        1 NAME Henri /Bernard/
        1 SEX M
        1 BIRT
        2 DATE 1828
        1 DEAT
        2 DATE 1899
        0 @W2@ INDI
        1 NAME Claire /Roux/
        1 SEX F
        1 BIRT
        2 DATE 1830
        1 DEAT
        2 DATE 1860
        0 @C@ INDI
        1 NAME Paul /Martin/
        1 SEX M
        1 OCCU notaire
        1 BIRT
        2 DATE 12 MAY 1860
        2 PLAC Mâcon
        1 DEAT
        2 DATE ABT 1930
        1 NOTE A note with <b>markup</b> & more
        0 @D@ INDI
        1 NAME Jeanne /Bernard/
        1 SEX F
        1 BIRT
        2 DATE 1862
        1 DEAT
        2 DATE 1940
        0 @H@ INDI
        1 NAME Hugo /Bernard/
        1 SEX M
        1 BIRT
        2 DATE 1858
        1 DEAT
        2 DATE 1920
        0 @E@ INDI
        1 NAME Émile /Martin/
        1 SEX M
        1 BIRT
        2 DATE 1890
        1 DEAT
        2 DATE 1960
        0 @F1@ FAM
        1 HUSB @GF@
        1 WIFE @GM@
        1 MARR
        2 DATE 1828
        2 PLAC Lyon
        1 CHIL @A@
        1 CHIL @B@
        1 CHIL @X@
        0 @F2@ FAM
        1 HUSB @A@
        1 WIFE @PA@
        1 CHIL @C@
        0 @F3@ FAM
        1 HUSB @LB@
        1 WIFE @B@
        1 CHIL @D@
        0 @F5@ FAM
        1 HUSB @LB@
        1 WIFE @W2@
        1 CHIL @H@
        0 @F4@ FAM
        1 HUSB @C@
        1 WIFE @D@
        1 MARR
        2 DATE 1888
        2 PLAC Paris
        1 CHIL @E@
        0 TRLR

        """

    static func withSite(_ engine: DatabaseEngine = .sqlite, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await withAuthApp(engine) { client in
            let admin = try await client.loginAdmin()
            let imported = try await client.execute(
                uri: "/api/v1/import", method: .post, headers: [.authorization: "Bearer \(admin.access)"], body: ByteBuffer(string: Self.gedcom))
            #expect(imported.status == .created)
            try await body(client)
        }
    }

    static func page(
        _ client: any TestClientProtocol, _ path: String, language: String? = nil, status: HTTPResponse.Status = .ok,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        var headers = HTTPFields()
        if let language { headers[.acceptLanguage] = language }
        let response = try await client.request(.get, path, headers: headers)
        #expect(response.status == status, "\(path) → \(response.status)", sourceLocation: sourceLocation)
        #expect(response.headers[.contentType] == "text/html; charset=utf-8", "\(path)", sourceLocation: sourceLocation)
        let policy = response.headers[.contentSecurityPolicy] ?? ""
        #expect(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"), sourceLocation: sourceLocation)
        let html = String(buffer: response.body)
        #expect(html.components(separatedBy: "<main").count == 2, "one <main> in \(path)", sourceLocation: sourceLocation)
        #expect(html.components(separatedBy: "<h1").count == 2, "one <h1> in \(path)", sourceLocation: sourceLocation)
        #expect(
            !html.contains("⟦"), "a label is missing in \(path): \(html.components(separatedBy: "⟦").dropFirst().map { $0.prefix(30) })",
            sourceLocation: sourceLocation)
        #expect(!html.contains("<img src=x"), "markup from the base in \(path)", sourceLocation: sourceLocation)
        #expect(!html.contains("style=") && !html.contains("<script>") && !html.contains("onclick"), "inline code in \(path)", sourceLocation: sourceLocation)
        return html
    }

    static let pages = [
        "/b/default", "/b/default/p/paul.0.martin", "/b/default/p/emile.0.martin/ancestors", "/b/default/p/emile.0.martin/ancestors?generations=10",
        "/b/default/p/emile.0.martin/fan", "/b/default/p/emile.0.martin/fan?angle=180&generations=8", "/b/default/p/jean.0.martin/descendants",
        "/b/default/p/paul.0.martin/relationship", "/b/default/p/paul.0.martin/relationship?with=jeanne.0.bernard",
        "/b/default/p/paul.0.martin/relationship?with=bernard", "/b/default/surnames", "/b/default/surnames?order=count",
        "/b/default/surnames/Martin", "/b/default/first-names", "/b/default/first-names/Paul", "/b/default/search?q=martin",
        "/b/default/search", "/b/default/statistics", "/b/default/places", "/b/default/places/Lyon", "/b/default/places?order=count",
        "/b/default/anniversaries?day=12&month=5", "/b", "/b/default/p/jean.0.martin", "/sign-in",
    ]

    @Test("every page answers HTML in English and in French, with the frame, the strict CSP and every label", arguments: serverEngines)
    func everyPage(engine: DatabaseEngine) async throws {
        try await Self.withSite(engine) { client in
            for path in Self.pages {
                let english = try await Self.page(client, path)
                #expect(english.contains("<html lang=\"en\">"), "\(path)")
                let french = try await Self.page(client, path, language: "fr-FR,fr;q=0.9,en;q=0.5")
                #expect(french.contains("<html lang=\"fr\">") && french.contains("Aller au contenu"), "\(path)")
            }
        }
    }

    @Test("the person page: facts, events in date order, parents before siblings, unions with children, notes escaped, the mini chart")
    func personPage() async throws {
        try await Self.withSite { client in
            let html = try await Self.page(client, "/b/default/p/paul.0.martin")
            #expect(html.contains("<h1>Paul Martin <span class=\"years\">1860–~1930</span></h1>"))
            #expect(html.contains("notaire") && html.contains("12 May 1860") && html.contains("Mâcon") && html.contains("about 1930"))
            #expect(html.contains("A note with &lt;b&gt;markup&lt;/b&gt; &amp; more"))
            let parents = try #require(html.range(of: "id=\"parents\""))
            let siblings = html.range(of: "id=\"siblings\"")
            #expect(siblings == nil || parents.lowerBound < siblings!.lowerBound)
            #expect(html.contains("href=\"/b/default/p/pierre.0.martin\">Pierre Martin</a>"))
            #expect(html.contains("href=\"/b/default/p/jeanne.0.bernard\">Jeanne Bernard</a>"), "the spouse")
            #expect(html.contains("href=\"/b/default/p/emile.0.martin\">Émile Martin</a>"), "the child")
            #expect(html.contains("Marriage 1888, Paris"))
            #expect(html.contains("<svg") && html.contains("id=\"sosa-4\""), "the mini chart reaches the grandparents")
            let french = try await Self.page(client, "/b/default/p/paul.0.martin?lang=fr")
            #expect(french.contains("12 mai 1860") && french.contains("vers 1930") && french.contains("Naissance") && french.contains("Profession"))
            // Jeanne's half-brother.
            // A name that is markup is text on every page that names him.
            let father = try await Self.page(client, "/b/default/p/jean.0.martin")
            #expect(father.contains("&lt;img src=x onerror=alert(1)&gt; Evil"))
            let jeanne = try await Self.page(client, "/b/default/p/jeanne.0.bernard")
            #expect(jeanne.contains("Hugo Bernard") && jeanne.contains("half-sibling"))
            // The family page.
            let family = try #require(jeanne.components(separatedBy: "href=\"/b/default/f/").dropFirst().first?.prefix(36))
            let familyPage = try await Self.page(client, "/b/default/f/\(family)")
            #expect(familyPage.contains("Paul Martin and Jeanne Bernard") || familyPage.contains("Henri Bernard and Louise Martin"))
        }
    }

    @Test("ancestors: Émile's great-grandparents are drawn once, their second place refers to the first; the Sosa list says the same")
    func pedigree() async throws {
        try await Self.withSite { client in
            let html = try await Self.page(client, "/b/default/p/emile.0.martin/ancestors")
            // Jean Martin is Sosa 8 (father's father's father) and Sosa 14 (mother's mother's father).
            #expect(html.contains("id=\"sosa-8\" href=\"/b/default/p/jean.0.martin\""))
            #expect(html.contains("class=\"box repeated\" id=\"sosa-14\" href=\"#sosa-8\""))
            #expect(html.contains("<li value=\"14\"><span class=\"sosa-number\">14</span> Jean Martin → <a href=\"#sosa-8\">Sosa 8</a></li>"))
            // Two generations: the parents' boxes continue to their own pedigrees.
            let short = try await Self.page(client, "/b/default/p/emile.0.martin/ancestors?generations=2")
            #expect(short.contains("class=\"box more\"") && short.contains("/b/default/p/paul.0.martin/ancestors?generations=2"))
            _ = try await Self.page(client, "/b/default/p/emile.0.martin/ancestors?generations=11", status: .unprocessableContent)
        }
    }

    @Test("descendants: the tree and the d'Aboville list, spouses in the boxes, cut generations continue")
    func descendants() async throws {
        try await Self.withSite { client in
            let html = try await Self.page(client, "/b/default/p/jean.0.martin/descendants")
            #expect(html.contains("⚭ Marie Dupont") && html.contains("⚭ Anne Leroy"))
            #expect(html.contains("<span class=\"aboville-number\">1.1.1.1</span> <a href=\"/b/default/p/emile.0.martin\">"))
            let cut = try await Self.page(client, "/b/default/p/jean.0.martin/descendants?generations=1")
            #expect(cut.contains("class=\"box more\"") && cut.contains("/b/default/p/pierre.0.martin/descendants?generations=1"))
        }
    }

    @Test("relationship: the sentence in the page's language, the paths drawn, the coefficients; words of a name list the persons to choose")
    func relationship() async throws {
        try await Self.withSite { client in
            let html = try await Self.page(client, "/b/default/p/paul.0.martin/relationship?with=jeanne.0.bernard")
            #expect(html.contains("Paul Martin is the first cousin of Jeanne Bernard."))
            #expect(html.contains("Kinship coefficient") && html.contains("6.25 %"))
            #expect(html.contains("id=\"relationship-chart-1\""))
            let french = try await Self.page(client, "/b/default/p/paul.0.martin/relationship?with=jeanne.0.bernard&lang=fr")
            #expect(french.contains("Paul Martin est le cousin germain de Jeanne Bernard."))
            let choose = try await Self.page(client, "/b/default/p/paul.0.martin/relationship?with=bernard")
            #expect(choose.contains("relationship?with=jeanne.0.bernard\">Jeanne Bernard</a>"))
            let nobody = try await Self.page(client, "/b/default/p/paul.0.martin/relationship?with=nobody")
            #expect(nobody.contains("Nobody found."))
        }
    }

    @Test("indexes and search: counts, links to each name and person, paging")
    func indexes() async throws {
        try await Self.withSite { client in
            let surnames = try await Self.page(client, "/b/default/surnames?order=count")
            #expect(surnames.contains("<a href=\"/b/default/surnames/Martin\">Martin</a> <span class=\"count\">5</span>"))
            let martins = try await Self.page(client, "/b/default/surnames/Martin")
            #expect(martins.contains("5 persons") && martins.contains("Émile Martin"))
            #expect(!martins.contains("Bernard"))
            // Places: Jean's birth at Lyon (the couple's wedding there is a family event, not his).
            let places = try await Self.page(client, "/b/default/places")
            #expect(places.contains("<a href=\"/b/default/places/Lyon\">Lyon</a> <span class=\"count\">1</span>") && places.contains("Mâcon"))
            let lyon = try await Self.page(client, "/b/default/places/lyon")
            #expect(lyon.contains("Place: lyon") && lyon.contains(">Jean Martin</a>") && lyon.contains("1 person<"))
            let paul = try await Self.page(client, "/b/default/p/paul.0.martin")
            #expect(paul.contains("<a class=\"place\" href=\"/b/default/places/M%C3%A2con\">Mâcon</a>"))
            let search = try await Self.page(client, "/b/default/search?q=jeanne%20bernard")
            #expect(search.contains("href=\"/b/default/p/jeanne.0.bernard\">Jeanne Bernard</a>"))
            #expect(search.contains("value=\"jeanne bernard\""), "the words stay in the search box")
            let home = try await Self.page(client, "/b/default")
            #expect(home.contains("12 persons") && home.contains("/b/default/surnames/Martin"))
            #expect(!home.contains("Latest changes"), "an import is not a change of one person")
            // A person added through the API is the latest change; a living one is not shown to visitors.
            let admin = try await client.loginAdmin()
            _ = try await client.request(
                .post, "/api/v1/persons", json: ["first_name": "Gaspard", "surname": "Nouveau", "birth_date": "1700", "death_date": "1760"],
                token: admin.access)
            _ = try await client.request(
                .post, "/api/v1/persons", json: ["first_name": "Vivant", "surname": "Recent", "birth_date": "2001"], token: admin.access)
            let changed = try await Self.page(client, "/b/default")
            #expect(changed.contains("Latest changes") && changed.contains(">Gaspard Nouveau</a>") && !changed.contains("Recent"))
        }
    }

    @Test("statistics and anniversaries")
    func figures() async throws {
        try await Self.withSite { client in
            let statistics = try await Self.page(client, "/b/default/statistics")
            #expect(statistics.contains("Births per century") && statistics.contains("1800–1899") && statistics.contains("<table>"))
            // Deaths by age: five men (Paul about 1930) and four women died in their seventies.
            #expect(statistics.contains("Most frequent first names"))
            #expect(statistics.contains("Population by age at death and sex") && statistics.contains("<td>70–79</td><td>5</td><td>4</td>"))
            let day = try await Self.page(client, "/b/default/anniversaries?day=12&month=5")
            #expect(day.contains("Anniversaries of 12 May") && day.contains("1860 — <span class=\"witness\"><a href=\"/b/default/p/paul.0.martin\">"))
            let may = try await Self.page(client, "/b/default/anniversaries?month=5")
            #expect(may.contains("Anniversaries in May") && may.contains("12 May 1860 — "))
            let french = try await Self.page(client, "/b/default/anniversaries?day=3&month=3&lang=fr")
            #expect(french.contains("Anniversaires du 3 mars") && french.contains("Jean Martin"))
        }
    }

    @Test("errors are pages in the site's look and language; ?lang= is remembered in a cookie")
    func errorsAndLanguage() async throws {
        try await Self.withSite { client in
            let missing = try await Self.page(client, "/b/default/p/nobody.0.here", language: "fr", status: .notFound)
            #expect(missing.contains("Page introuvable"))
            _ = try await Self.page(client, "/b/nowhere", status: .notFound)
            let wrong = try await Self.page(client, "/b/default/p/paul.0.martin/fan?angle=45", status: .unprocessableContent)
            #expect(wrong.contains("Bad request"))
            let chosen = try await client.request(.get, "/b/default?lang=fr")
            #expect(chosen.headers[.setCookie]?.hasPrefix("lang=fr;") == true)
            var headers = HTTPFields()
            headers[.cookie] = "other=1; lang=fr"
            let later = try await client.request(.get, "/b/default/surnames", headers: headers)
            #expect(String(buffer: later.body).contains("<html lang=\"fr\">") && later.headers[.contentLanguage] == "fr")
        }
    }

    @Test("/ sends browsers to the site and keeps answering JSON to API clients; the assets are served")
    func rootAndAssets() async throws {
        try await Self.withSite { client in
            var browser = HTTPFields()
            browser[.accept] = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
            let redirect = try await client.request(.get, "/", headers: browser)
            #expect(redirect.status == .seeOther && redirect.headers[.location] == "/b/default")
            let api = try await client.request(.get, "/")
            #expect(try api.status == .ok && api.json["api"] as? String == "/api/v1")
            var json = HTTPFields()
            json[.accept] = "application/json"
            #expect(try await client.request(.get, "/", headers: json).status == .ok)
            let css = try await client.request(.get, "/static/site.css")
            #expect(css.status == .ok && css.headers[.contentType] == "text/css; charset=utf-8")
            let script = try await client.request(.get, "/static/site.js")
            #expect(script.status == .ok && script.body.readableBytes <= 20_000)
            // The pages are not in the API's document.
            let document = String(buffer: try await client.request(.get, "/openapi.json").body)
            #expect(!document.contains("/b/{base}") && !document.contains("/static/site.css"))
        }
    }
}
