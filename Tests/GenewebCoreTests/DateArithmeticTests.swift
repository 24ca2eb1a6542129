import GenewebCore
import Testing

@Suite("Sorting, comparing and ages of uncertain dates")
struct DateArithmeticTests {
    @Test("the sort key is the JDN of the first possible day")
    func sortKey() {
        #expect(CalendarDate(year: 1850, precision: .about).sortKey == 2_396_759)
        #expect(CalendarDate(day: 1, month: 1, year: 1850).sortKey == 2_396_759)
        #expect(CalendarDate(month: 3, year: 1850).sortKey == 2_396_759 + 31 + 28)
        #expect(GenealogyDate.text("spring").sortKey == nil)
        let julian = CalendarDate(day: 2, month: 9, year: 1752, calendar: .julian)
        let gregorian = CalendarDate(day: 14, month: 9, year: 1752)
        #expect(julian.sortKey + 1 == gregorian.sortKey, "the day after Julian 2 Sep 1752 is Gregorian 14 Sep")
    }

    @Test("certainly before only when the spans do not overlap")
    func certainlyBefore() {
        let y1850 = CalendarDate(year: 1850)
        let may1850 = CalendarDate(month: 5, year: 1850)
        let y1851 = CalendarDate(year: 1851)
        #expect(y1850.isCertainlyBefore(y1851))
        #expect(!y1850.isCertainlyBefore(may1850))
        #expect(!may1850.isCertainlyBefore(y1850))
        #expect(CalendarDate(year: 1850, precision: .before).isCertainlyBefore(y1851))
        #expect(!CalendarDate(year: 1850, precision: .after).isCertainlyBefore(y1851))
        #expect(!CalendarDate(year: 1850, precision: .between(DMY(year: 1860))).isCertainlyBefore(y1851))
    }

    @Test("ages count whole years and say when they are exact")
    func ages() throws {
        let birth = CalendarDate(day: 15, month: 6, year: 1900)
        let exact = try #require(birth.age(at: CalendarDate(day: 14, month: 6, year: 1950)))
        #expect(exact.years == 49 && exact.exact)
        #expect(birth.age(at: CalendarDate(day: 15, month: 6, year: 1950))?.years == 50)
        let approximate = try #require(CalendarDate(year: 1900).age(at: CalendarDate(year: 1950)))
        #expect(approximate.years == 50 && !approximate.exact)
        #expect(CalendarDate(year: -10).age(at: CalendarDate(year: 10))?.years == 19)
        // Julian 1 January 1700 is Gregorian 11 January 1700.
        let julianBirth = CalendarDate(day: 1, month: 1, year: 1700, calendar: .julian)
        #expect(julianBirth.age(at: CalendarDate(day: 11, month: 1, year: 1710))?.years == 10)
        #expect(julianBirth.age(at: CalendarDate(day: 10, month: 1, year: 1710))?.years == 9)
    }

    @Test("known enough for privacy: bounded on both sides")
    func knownEnough() {
        #expect(CalendarDate(year: 1990).isKnownEnough)
        #expect(CalendarDate(year: 1990, precision: .about).isKnownEnough)
        #expect(!CalendarDate(year: 1990, precision: .after).isKnownEnough)
        #expect(!CalendarDate(year: 1990, precision: .before).isKnownEnough)
    }
}
