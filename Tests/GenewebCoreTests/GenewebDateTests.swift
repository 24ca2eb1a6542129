import GenewebCore
import Testing

@Suite("GeneWeb .gw dates")
struct GenewebDateTests {
    static let cases: [(String, GenealogyDate)] = [
        ("1850", .calendar(.init(year: 1850))),
        ("5/1850", .calendar(.init(month: 5, year: 1850))),
        ("12/5/1850", .calendar(.init(day: 12, month: 5, year: 1850))),
        ("~1850", .calendar(.init(year: 1850, precision: .about))),
        ("?1850", .calendar(.init(year: 1850, precision: .maybe))),
        ("<1850", .calendar(.init(year: 1850, precision: .before))),
        (">12/5/1850", .calendar(.init(day: 12, month: 5, year: 1850, precision: .after))),
        ("1850|1851", .calendar(.init(year: 1850, precision: .orYear(DMY(year: 1851))))),
        ("1850..1855", .calendar(.init(year: 1850, precision: .between(DMY(year: 1855))))),
        ("1/1/1850..31/12/1855", .calendar(.init(day: 1, month: 1, year: 1850, precision: .between(DMY(day: 31, month: 12, year: 1855))))),
        ("5/9/1792F", .calendar(.init(day: 5, month: 9, year: 1792, calendar: .french))),
        ("1/1/8F", .calendar(.init(day: 1, month: 1, year: 8, calendar: .french))),
        ("10/10/1700J", .calendar(.init(day: 10, month: 10, year: 1700, calendar: .julian))),
        ("~1650J", .calendar(.init(year: 1650, calendar: .julian, precision: .about))),
        ("1/1/5785H", .calendar(.init(day: 1, month: 1, year: 5785, calendar: .hebrew))),
        ("-500", .calendar(.init(year: -500))),
        ("0(5_juin_1990)", .text("5 juin 1990")),
        ("0(vers_la_Saint-Jean)", .text("vers la Saint-Jean")),
    ]

    @Test("each .gw form parses and formats back to the same token")
    func parseAndFormat() throws {
        for (token, expected) in Self.cases {
            let parsed = try #require(GenealogyDate(geneweb: token), "\(token)")
            #expect(parsed == expected, "\(token)")
            #expect(parsed.genewebText == token)
        }
    }

    @Test("0 and empty mean no date")
    func noDate() {
        #expect(GenealogyDate(geneweb: "0") == nil)
        #expect(GenealogyDate(geneweb: "") == nil)
    }

    @Test(
        "junk and impossible dates become text",
        arguments: ["31/2/1850", "13/13/1850", "abc", "1/2/3/4", "~", "1850|", "..1850", "12//1850", "5/0/1850J", "1/7/5785H"])
    func junk(token: String) throws {
        let date = try #require(GenealogyDate(geneweb: token))
        #expect(date.calendarDate == nil, "\(token) parsed as \(date)")
    }

    @Test("GEDCOM and .gw agree: a GEDCOM date written as .gw reads back the same where GeneWeb can say it")
    func crossFormat() throws {
        for text in ["ABT 1850", "BEF 12 MAY 1850", "AFT 1850", "BET 1850 AND 1855", "@#DJULIAN@ 3 SEP 1752", "12 JAN 1850", "@#DFRENCH R@ 18 BRUM 8"] {
            let date = try #require(GenealogyDate(gedcom: text))
            #expect(GenealogyDate(geneweb: date.genewebText) == date, "\(text)")
        }
    }
}
