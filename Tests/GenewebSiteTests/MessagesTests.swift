import Foundation
import GenewebCore
import Testing

@testable import GenewebSite

/// Every label a page shows comes from a catalog, and every catalog has every label.
@Suite("Message catalogs")
struct MessagesTests {
    @Test("every language has the same keys, none empty")
    func sameKeys() {
        let english = Messages.english.keys
        for language in SiteLanguage.allCases {
            let keys = language.messages.keys
            #expect(keys == english, "\(language): missing \(english.subtracting(keys).sorted()), extra \(keys.subtracting(english).sorted())")
            for key in keys { #expect(!language.messages[key].isEmpty, "\(language) \(key)") }
        }
    }

    @Test("every {{t.key}} of the templates is in the catalogs")
    func templateKeys() throws {
        let pattern = try NSRegularExpression(pattern: #"\{\{\s*t\.([a-z0-9_.]+)\s*\}\}"#)
        var used: Set<String> = []
        for (_, text) in SiteTemplates.all {
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                used.insert(String(text[Range(match.range(at: 1), in: text)!]))
            }
        }
        #expect(used.count > 40)
        #expect(used.subtracting(Messages.english.keys).isEmpty, "\(used.subtracting(Messages.english.keys).sorted())")
    }

    @Test("every event kind and witness kind has a name in each language")
    func eventNames() {
        for language in SiteLanguage.allCases {
            for name in EventKind.knownNames { #expect(language.messages.keys.contains("event.\(name)"), "\(language) event.\(name)") }
            for kind in WitnessKind.allCases { #expect(language.messages.keys.contains("witness.\(kind.rawValue)"), "\(language) \(kind)") }
            #expect(language.messages.event("custom:Christening of the bell") == "Christening of the bell")
        }
    }

    @Test("a missing key shows as ⟦key⟧, and placeholders are filled in order")
    func formatting() {
        #expect(Messages.english["no such key"] == "⟦no such key⟧")
        #expect(Messages.english.format("union_of", "Anne", "Paul") == "Anne and Paul")
        #expect(Messages.french.format("union_of", "Anne", "Paul") == "Anne et Paul")
        // A value is never read again for placeholders; a placeholder without a value stays.
        #expect(Messages.english.format("union_of", "{2}", "Paul") == "{2} and Paul")
        #expect(Messages.english.format("union_of", "Anne") == "Anne and {2}")
    }

    @Test("the page's language: ?lang=, then the cookie, then Accept-Language by weight, then English")
    func negotiation() {
        #expect(SiteLanguage.negotiate(query: "fr", cookie: "en", acceptLanguage: "en") == .french)
        #expect(SiteLanguage.negotiate(query: "xx", cookie: "fr", acceptLanguage: "en") == .french)
        #expect(SiteLanguage.negotiate(query: nil, cookie: nil, acceptLanguage: "de-DE,de;q=0.9,fr-CA;q=0.8,en;q=0.7") == .french)
        #expect(SiteLanguage.negotiate(query: nil, cookie: nil, acceptLanguage: "en;q=0.2, fr;q=0.9") == .french)
        #expect(SiteLanguage.negotiate(query: nil, cookie: nil, acceptLanguage: "fr;q=0, en") == .english)
        #expect(SiteLanguage.negotiate(query: nil, cookie: nil, acceptLanguage: String(repeating: "xx,", count: 10_000)) == .english)
        #expect(SiteLanguage.negotiate(query: nil, cookie: nil, acceptLanguage: nil) == .english)
    }

    @Test("addresses: keys and names are percent-encoded, so nothing can end a path or an attribute")
    func addresses() {
        #expect(SiteURL.person("royal", key: "victoria.0.hanover") == "/b/royal/p/victoria.0.hanover")
        #expect(SiteURL.component("Zéphyrine /\"<x>?&") == "Z%C3%A9phyrine%20%2F%22%3Cx%3E%3F%26")
        #expect(SiteURL.query([("q", "a b&c"), ("lang", "fr")]) == "?q=a%20b%26c&lang=fr")
    }

    @Test("every template parses and renders with the frame in both languages")
    func templatesRender() {
        for language in SiteLanguage.allCases {
            let frame = PageFrame(language: language, title: "T", base: "b", path: "/b/b", queryItems: [], current: .home)
            let html = SiteRenderer.render(.error, page: ["heading": "<H>", "message": "M"], frame: frame)
            #expect(html.contains("<html lang=\"\(language.rawValue)\">") && html.contains("&lt;H&gt;") && !html.contains("⟦"))
            #expect(html.components(separatedBy: "<main").count == 2 && html.components(separatedBy: "<h1").count == 2)
        }
    }
}

@Suite("Dates in words")
struct DateWordsTests {
    @Test(
        "GeneWeb's precisions and calendars, in English and French",
        arguments: [
            (GenealogyDate.calendar(CalendarDate(day: 12, month: 3, year: 1850)), "12 March 1850", "12 mars 1850"),
            (.calendar(CalendarDate(day: 1, month: 1, year: 1900)), "1 January 1900", "1er janvier 1900"),
            (.calendar(CalendarDate(year: 1850, precision: .about)), "about 1850", "vers 1850"),
            (.calendar(CalendarDate(year: 1750, precision: .between(DMY(year: 1760)))), "between 1750 and 1760", "entre 1750 et 1760"),
            (.calendar(CalendarDate(day: 1, month: 3, year: 1701, calendar: .julian)), "1 March 1701 (Julian)", "1er mars 1701 (julien)"),
            (.calendar(CalendarDate(day: 4, month: 2, year: 2, calendar: .french)), "4 Brumaire year II", "4 Brumaire an II"),
            (.calendar(CalendarDate(year: 1850, precision: .before)), "before 1850", "avant 1850"),
            (.calendar(CalendarDate(year: -44)), "44 BC", "44 av. J.-C."),
            (.text("in the spring"), "in the spring", "in the spring"),
        ])
    func words(date: GenealogyDate, english: String, french: String) {
        #expect(DateWords.text(date, .english) == english)
        #expect(DateWords.text(date, .french) == french)
    }

    @Test("years for short lines mark their precision")
    func years() {
        #expect(DateWords.year(.calendar(CalendarDate(year: 1850, precision: .about))) == "~1850")
        #expect(DateWords.year(.calendar(CalendarDate(year: 1850, precision: .before))) == "<1850")
        #expect(DateWords.year(.text("x")) == nil)
    }
}
