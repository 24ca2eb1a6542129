import Foundation
import GenewebCore
import Testing

/// Dates whose numbers are too large to be dates: text, never a trap, in every syntax; dates at
/// the edge of the supported years convert between calendars without overflow.
@Suite("Date bounds")
struct DateBoundsTests {
    @Test(
        "GEDCOM dates with huge numbers stay text",
        arguments: [
            "1 JAN 9223372036854775807", "31 NOV 99999999999999999999", "9223372036854775807/08", "9223372036854775800/9999",
            "1000000", "@#DHEBREW@ 1 ADS 9223372036854775807", "@#DFRENCH R@ 1 VEND 9223372036854775806",
            "BET 1 JAN 9223372036854775807 AND 2", "JULIAN 1 MAR 1000000 BCE", "@#DJULIAN@ 9223372036854775807 JAN 1700",
            "1850/99999",
        ])
    func gedcomHuge(text: String) {
        #expect(GenealogyDate(gedcom: text) == .text(text))
    }

    @Test(
        ".gw dates with huge numbers stay text",
        arguments: [
            "31/12/9223372036854775807J", "1/1/-9223372036854775808", "9223372036854775807|1", "1000000", "-1000000",
            "1850..99999999999999999999", "99999999999999999999/1/1",
        ])
    func genewebHuge(token: String) {
        #expect(GenealogyDate(geneweb: token) == .text(token))
    }

    @Test(
        "the largest supported years are dates, in every calendar, and their day numbers compute",
        arguments: [
            "999999", "31 DEC 999999", "@#DHEBREW@ 29 ELL 999999", "@#DFRENCH R@ 5 COMP 999999", "@#DJULIAN@ 1 JAN 999999 B.C.",
            "BET 1 JAN 999999 B.C. AND 31 DEC 999999",
        ])
    func largestYears(text: String) throws {
        let date = try #require(GenealogyDate(gedcom: text)?.calendarDate, "\(text)")
        #expect(abs(date.dmy.year) == 999_999)
        let first = try #require(date.earliestJulianDay ?? date.latestJulianDay)
        // Within the 32-bit sort-key columns of both engines.
        #expect(abs(first) < Int(Int32.max))
        #expect(date.age(at: CalendarDate(year: 2000)) != nil)
    }

    @Test(".gw dates at the bound are dates", arguments: ["999999", "-999999", "6/13/999999F", "1/13/999999H", "28/2/-999999J"])
    func genewebLargest(token: String) throws {
        let date = try #require(GenealogyDate(geneweb: token)?.calendarDate, "\(token)")
        #expect(abs(date.dmy.year) == 999_999)
        _ = date.sortKey
    }

    @Test("a stored date whose numbers no calendar computes with is read back as text")
    func storedHuge() throws {
        let json = #"{"calendar":"hebrew","precision":"sure","day":1,"month":9223372036854775807,"year":5000}"#
        let date = try JSONDecoder().decode(GenealogyDate.self, from: Data(json.utf8))
        #expect(date == .text("1/9223372036854775807/5000"))
        let year = #"{"precision":"between","year":1,"second":{"day":0,"month":0,"year":-9223372036854775808}}"#
        #expect(try JSONDecoder().decode(GenealogyDate.self, from: Data(year.utf8)) == .text("1"))
        let fine = #"{"calendar":"french","precision":"sure","day":5,"month":13,"year":999999}"#
        #expect(try JSONDecoder().decode(GenealogyDate.self, from: Data(fine.utf8)).calendarDate?.dmy.year == 999_999)
    }
}
