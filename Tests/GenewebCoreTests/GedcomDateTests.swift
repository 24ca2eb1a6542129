import GenewebCore
import Testing

@Suite("GEDCOM dates")
struct GedcomDateTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        let expected: CalendarDate
        var phrase: String? = nil
        var testDescription: String { text }
    }

    static let literal: [Case] = [
        .init(text: "1850", expected: .init(year: 1850)),
        .init(text: "JAN 1850", expected: .init(month: 1, year: 1850)),
        .init(text: "12 JAN 1850", expected: .init(day: 12, month: 1, year: 1850)),
        .init(text: "ABT 1850", expected: .init(year: 1850, precision: .about)),
        .init(text: "abt. 1850", expected: .init(year: 1850, precision: .about)),
        .init(text: "EST 1850", expected: .init(year: 1850, precision: .estimated)),
        .init(text: "CAL 3 MAR 1850", expected: .init(day: 3, month: 3, year: 1850, precision: .calculated)),
        .init(text: "BEF 1850", expected: .init(year: 1850, precision: .before)),
        .init(text: "AFT 1 DEC 1850", expected: .init(day: 1, month: 12, year: 1850, precision: .after)),
        .init(text: "BET 1 JAN 1800 AND 1801", expected: .init(day: 1, month: 1, year: 1800, precision: .between(DMY(year: 1801)))),
        .init(text: "FROM 1800 TO 1810", expected: .init(year: 1800, precision: .fromTo(DMY(year: 1810)))),
        .init(text: "FROM 1800", expected: .init(year: 1800, precision: .from)),
        .init(text: "TO 1810", expected: .init(year: 1810, precision: .to)),
        .init(text: "@#DJULIAN@ 1 JAN 1700", expected: .init(day: 1, month: 1, year: 1700, calendar: .julian)),
        .init(text: "JULIAN 1 JAN 1700", expected: .init(day: 1, month: 1, year: 1700, calendar: .julian)),
        .init(text: "@#DFRENCH R@ 1 VEND 0001", expected: .init(day: 1, month: 1, year: 1, calendar: .french)),
        .init(text: "FRENCH_R 18 BRUM 8", expected: .init(day: 18, month: 2, year: 8, calendar: .french)),
        .init(text: "@#DFRENCH R@ 6 COMP 3", expected: .init(day: 6, month: 13, year: 3, calendar: .french)),
        .init(text: "@#DHEBREW@ 1 TSH 5785", expected: .init(day: 1, month: 1, year: 5785, calendar: .hebrew)),
        .init(text: "HEBREW 14 ADS 5784", expected: .init(day: 14, month: 7, year: 5784, calendar: .hebrew)),
        .init(text: "500 B.C.", expected: .init(year: -500)),
        .init(text: "44 BCE", expected: .init(year: -44)),
        .init(text: "15 MAR 44 BC", expected: .init(day: 15, month: 3, year: -44)),
        .init(text: "12 January 1850", expected: .init(day: 12, month: 1, year: 1850)),
        .init(text: "  12   JAN    1850 ", expected: .init(day: 12, month: 1, year: 1850)),
        .init(text: "ABT @#DJULIAN@ 1650", expected: .init(year: 1650, calendar: .julian, precision: .about)),
        .init(text: "BET @#DJULIAN@ 1650 AND @#DJULIAN@ 1660", expected: .init(year: 1650, calendar: .julian, precision: .between(DMY(year: 1660)))),
        .init(text: "11 FEB 1731/32", expected: CalendarDate(DMY(day: 11, month: 2, year: 1731), dualYear: 1732)),
        .init(text: "1799/00", expected: CalendarDate(DMY(year: 1799), dualYear: 1800)),
        .init(text: "29 FEB 2000", expected: .init(day: 29, month: 2, year: 2000)),
        .init(text: "INT 1850 (about the time of the famine)", expected: .init(year: 1850), phrase: "about the time of the famine"),
    ]

    @Test("GEDCOM forms parse to the expected date", arguments: literal)
    func parses(testCase: Case) throws {
        let date = try #require(GenealogyDate(gedcom: testCase.text))
        #expect(date == .calendar(testCase.expected, phrase: testCase.phrase))
    }

    @Test(
        "junk and impossible dates become text, word for word",
        arguments: [
            "31 FEB 1850", "29 FEB 1900", "yesterday", "12 FOO 1850", "BET 1800", "FROM TO", "1850 1851 1852",
            "ABT", "32 JAN 1850", "0 JAN 1850", "@#DROMAN@ 12 1850", "7 ADS 5785", "1731/35", "1 VEND 1", "@#DHEBREW@ 1 JAN 5785",
            "\u{0}\u{1}", "ABT ABT 1850", "BET 1850 AND", "(", "-1850", "1850 AD BC BCE",
        ])
    func junkIsText(text: String) throws {
        let date = try #require(GenealogyDate(gedcom: text))
        guard case .text(let kept) = date else {
            Issue.record("\(text) parsed as \(date)")
            return
        }
        #expect(kept == text.trimmingCharacters(in: .whitespaces))
    }

    @Test("parenthesised text is a text date")
    func parenthesised() {
        #expect(GenealogyDate(gedcom: "(in the spring)") == .text("in the spring"))
        #expect(GenealogyDate(gedcom: "") == nil)
        #expect(GenealogyDate(gedcom: "", phrase: "Easter") == .text("Easter"))
    }

    /// Every precision × calendar × date shape, written then read back, in both GEDCOM versions.
    static var generated: [CalendarDate] {
        let shapes: [(DateCalendar) -> [DMY]] = [
            { _ in [DMY(year: 1850), DMY(month: 4, year: 1850), DMY(day: 28, month: 4, year: 1850)] }
        ]
        let precisions: [DatePrecision] = [
            .sure, .about, .estimated, .calculated, .before, .after, .from, .to,
            .between(DMY(year: 1855)), .fromTo(DMY(month: 6, year: 1856)),
        ]
        var dates: [CalendarDate] = []
        for calendar in DateCalendar.allCases {
            let year = calendar == .french ? 8 : calendar == .hebrew ? 5610 : 1850
            let secondYear = year + 5
            for shape in shapes.flatMap({ $0(calendar) }) {
                let dmy = DMY(day: shape.day, month: shape.month, year: year)
                for precision in precisions {
                    var adjusted = precision
                    if case .between = precision { adjusted = .between(DMY(year: secondYear)) }
                    if case .fromTo = precision { adjusted = .fromTo(DMY(month: 6, year: secondYear)) }
                    dates.append(CalendarDate(dmy, calendar: calendar, precision: adjusted))
                }
            }
        }
        for precision in [DatePrecision.sure, .about, .before] {
            dates.append(CalendarDate(DMY(day: 15, month: 3, year: -44), precision: precision))
            dates.append(CalendarDate(DMY(year: -753), calendar: .julian, precision: precision))
        }
        return dates
    }

    @Test("formatting then parsing gives the same date (GEDCOM 5.5.1)", arguments: generated)
    func roundTrip551(date: CalendarDate) throws {
        let text = GenealogyDate.calendar(date).gedcomValue(.v551).value
        #expect(GenealogyDate(gedcom: text) == .calendar(date), "\(text)")
    }

    @Test("formatting then parsing gives the same date (GEDCOM 7)", arguments: generated)
    func roundTrip7(date: CalendarDate) throws {
        let (text, phrase) = GenealogyDate.calendar(date).gedcomValue(.v7)
        #expect(phrase == nil)
        #expect(!text.contains("@#"))
        #expect(GenealogyDate(gedcom: text) == .calendar(date), "\(text)")
    }

    @Test("written forms are the standard spellings")
    func spellings() {
        let cases: [(GenealogyDate, String, String)] = [
            (.calendar(.init(year: 1850, precision: .about)), "ABT 1850", "ABT 1850"),
            (.calendar(.init(day: 1, month: 1, year: 1700, calendar: .julian)), "@#DJULIAN@ 1 JAN 1700", "JULIAN 1 JAN 1700"),
            (.calendar(.init(day: 1, month: 1, year: 1, calendar: .french)), "@#DFRENCH R@ 1 VEND 1", "FRENCH_R 1 VEND 1"),
            (.calendar(.init(year: -500)), "500 B.C.", "500 BCE"),
            (.calendar(.init(year: 1850, precision: .maybe)), "EST 1850", "EST 1850"),
            (.calendar(CalendarDate(DMY(day: 11, month: 2, year: 1731), dualYear: 1732)), "11 FEB 1731/32", "11 FEB 1731"),
            (.text("in the spring"), "(in the spring)", ""),
            (.calendar(.init(year: 1850), phrase: "the famine"), "INT 1850 (the famine)", "1850"),
        ]
        for (date, v551, v7) in cases {
            #expect(date.gedcomValue(.v551).value == v551)
            #expect(date.gedcomValue(.v7).value == v7)
        }
        #expect(GenealogyDate.text("spring").gedcomValue(.v7).phrase == "spring")
        #expect(GenealogyDate.calendar(.init(year: 1850), phrase: "the famine").gedcomValue(.v7).phrase == "the famine")
    }
}
