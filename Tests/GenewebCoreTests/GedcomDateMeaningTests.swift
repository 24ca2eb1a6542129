import Foundation
import GenewebCore
import Testing

/// What a GEDCOM date says must come back whole after any trip through our model: each date of a
/// range in its own calendar, values the model cannot hold as written, dual years through
/// GEDCOM 7 (which has none).
@Suite("GEDCOM dates keep their meaning")
struct GedcomDateMeaningTests {
    @Test("each date of a range keeps its own calendar: BET JULIAN 12 OCT 1950 AND 1264 ends in Gregorian")
    func mixedCalendarRange() throws {
        let date = try #require(GenealogyDate(gedcom: "BET JULIAN 12 OCT 1950 AND 1264"))
        let value = try #require(date.calendarDate)
        #expect(value.calendar == .julian)
        #expect(value.secondDateCalendar == .gregorian)
        #expect(date.gedcomValue(.v7).value == "BET JULIAN 12 OCT 1950 AND 1264")
        #expect(date.gedcomValue(.v551).value == "BET @#DJULIAN@ 12 OCT 1950 AND 1264")
        #expect(GenealogyDate(gedcom: date.gedcomValue(.v551).value) == date)
        // The range ends on the last day of Gregorian 1264, not of Julian 1264.
        #expect(value.latestJulianDay == DateCalendar.gregorian.julianDay(year: 1264, month: 12, day: 31))
    }

    @Test(
        "5.5.1 reads calendar escapes per date, as ged2gwb does",
        arguments: [
            ("BET @#DJULIAN@ 1650 AND 1660", DateCalendar.julian, DateCalendar.gregorian),
            ("BET @#DJULIAN@ 1650 AND @#DJULIAN@ 1660", .julian, .julian),
            ("FROM 1793 TO @#DFRENCH R@ 3 VEND 8", .gregorian, .french),
            ("FROM @#DHEBREW@ 5600 TO 1850", .hebrew, .gregorian),
        ])
    func calendarPerDate(text: String, first: DateCalendar, second: DateCalendar) throws {
        let date = try #require(GenealogyDate(gedcom: text)?.calendarDate, "\(text)")
        #expect(date.calendar == first)
        #expect(date.secondDateCalendar == second)
        #expect(GenealogyDate(gedcom: GenealogyDate.calendar(date).gedcomValue(.v7).value)?.calendarDate == date)
    }

    @Test("the stored form keeps the second date's calendar")
    func storedForm() throws {
        let date = try #require(GenealogyDate(gedcom: "FROM @#DJULIAN@ 1 MAR 1700 TO 1712"))
        let json = try JSONEncoder().encode(date)
        #expect(String(decoding: json, as: UTF8.self).contains("\"second_calendar\":\"gregorian\""))
        #expect(try JSONDecoder().decode(GenealogyDate.self, from: json) == date)
        let plain = try JSONEncoder().encode(try #require(GenealogyDate(gedcom: "BET 1700 AND 1712")))
        #expect(!String(decoding: plain, as: UTF8.self).contains("second_calendar"))
    }

    @Test(".gw gives a range one calendar: the second date is converted into the first's")
    func genewebRange() throws {
        let date = try #require(GenealogyDate(gedcom: "BET JULIAN 1 JAN 1700 AND 21 JAN 1700"))
        // 21 January 1700 (Gregorian) is 11 January 1700 (Julian).
        #expect(date.genewebText == "1/1/1700..11/1/1700J")
    }

    @Test("a dual year goes through GEDCOM 7 as the PHRASE of its date and comes back")
    func dualYearThroughGedcom7() throws {
        let date = try #require(GenealogyDate(gedcom: "11 FEB 1815/16"))
        #expect(date.calendarDate?.dualYear == 1816)
        let (value, phrase) = date.gedcomValue(.v7)
        #expect(value == "11 FEB 1815")
        #expect(phrase == "11 FEB 1815/16")
        #expect(GenealogyDate(gedcom: value, phrase: phrase) == date)
        #expect(GenealogyDate(gedcom: value, phrase: phrase)?.gedcomValue(.v551).value == "11 FEB 1815/16")
        // A phrase that is not the same date stays a phrase.
        #expect(GenealogyDate(gedcom: "11 FEB 1815", phrase: "12 FEB 1815/16") == .calendar(.init(day: 11, month: 2, year: 1815), phrase: "12 FEB 1815/16"))
    }

    @Test(
        "values the model cannot hold are written back as values, not phrases",
        arguments: [
            ("31 NOV 1900", GedcomDateVersion.v7, "31 NOV 1900", String?.none),
            ("31 NOV 1900", .v551, "31 NOV 1900", nil),
            ("_ROMAN 5 XI 1900", .v7, "_ROMAN 5 XI 1900", nil),
            ("BET 31 FEB 1850 AND JULIAN 30 FEB 1851", .v7, "BET 31 FEB 1850 AND JULIAN 30 FEB 1851", nil),
            ("BET 31 FEB 1850 AND JULIAN 30 FEB 1851", .v551, "BET 31 FEB 1850 AND @#DJULIAN@ 30 FEB 1851", nil),
            // 5.5.1 has no extension calendars: the value becomes a phrase there.
            ("_ROMAN 5 XI 1900", .v551, "(_ROMAN 5 XI 1900)", nil),
            // Free text stays a phrase.
            ("in the spring", .v7, "", "in the spring"),
            ("in the spring", .v551, "(in the spring)", nil),
        ])
    func unheldValues(text: String, version: GedcomDateVersion, value: String, phrase: String?) throws {
        let date = try #require(GenealogyDate(gedcom: text))
        #expect(date == .text(text))
        let written = date.gedcomFileValue(version)
        #expect(written.value == value)
        #expect(written.phrase == phrase)
    }

    @Test("text that reads as a date was a phrase and stays one")
    func phraseThatIsADate() {
        #expect(GenealogyDate(gedcom: "(1850)") == .text("1850"))
        #expect(GenealogyDate.text("1850").gedcomFileValue(.v551).value == "(1850)")
        #expect(GenealogyDate.text("1850").gedcomFileValue(.v7) == ("", "1850"))
    }
}
