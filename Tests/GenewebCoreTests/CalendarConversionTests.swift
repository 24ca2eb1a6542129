import GenewebCore
import Testing

/// Published correspondences between calendars, each checked through the Julian Day Number.
@Suite("Calendar conversions")
struct CalendarConversionTests {
    struct FixedPoint: Sendable, CustomTestStringConvertible {
        let calendar: DateCalendar
        let year: Int, month: Int, day: Int
        let jdn: Int
        let note: String
        var testDescription: String { "\(note): \(day)/\(month)/\(year) \(calendar) = JDN \(jdn)" }
    }

    static let fixedPoints: [FixedPoint] = [
        // Gregorian and Julian
        .init(calendar: .gregorian, year: 2000, month: 1, day: 1, jdn: 2_451_545, note: "J2000 epoch"),
        .init(calendar: .gregorian, year: 1970, month: 1, day: 1, jdn: 2_440_588, note: "Unix epoch"),
        .init(calendar: .gregorian, year: 1582, month: 10, day: 15, jdn: 2_299_161, note: "first Gregorian day"),
        .init(calendar: .julian, year: 1582, month: 10, day: 4, jdn: 2_299_160, note: "last Julian day in Rome"),
        .init(calendar: .julian, year: 1752, month: 9, day: 2, jdn: 2_361_221, note: "last Julian day in Britain"),
        .init(calendar: .gregorian, year: 1752, month: 9, day: 14, jdn: 2_361_222, note: "first Gregorian day in Britain"),
        .init(calendar: .julian, year: -4713, month: 1, day: 1, jdn: 0, note: "JDN origin"),
        .init(calendar: .gregorian, year: 1, month: 1, day: 1, jdn: 1_721_426, note: "1 January 1 CE Gregorian"),
        .init(calendar: .julian, year: 1, month: 1, day: 1, jdn: 1_721_424, note: "1 January 1 CE Julian"),
        .init(calendar: .julian, year: -1, month: 12, day: 31, jdn: 1_721_423, note: "31 December 1 BCE Julian"),
        .init(calendar: .gregorian, year: 1858, month: 11, day: 17, jdn: 2_400_001, note: "Modified JD epoch"),
        // French republican
        .init(calendar: .french, year: 1, month: 1, day: 1, jdn: 2_375_840, note: "1 Vendémiaire I = 22 Sep 1792"),
        .init(calendar: .french, year: 2, month: 11, day: 9, jdn: 2_376_513, note: "9 Thermidor II = 27 Jul 1794"),
        .init(calendar: .french, year: 8, month: 2, day: 18, jdn: 2_378_444, note: "18 Brumaire VIII = 9 Nov 1799"),
        .init(calendar: .french, year: 13, month: 3, day: 11, jdn: 2_380_293, note: "11 Frimaire XIII = 2 Dec 1804"),
        .init(calendar: .french, year: 14, month: 4, day: 10, jdn: 2_380_687, note: "10 Nivôse XIV = 31 Dec 1805"),
        .init(calendar: .french, year: 3, month: 13, day: 6, jdn: 2_376_935, note: "6th complementary day of sextile year III"),
        // Hebrew
        .init(calendar: .hebrew, year: 5785, month: 1, day: 1, jdn: 2_460_587, note: "Rosh Hashanah 5785 = 3 Oct 2024"),
        .init(calendar: .hebrew, year: 5784, month: 1, day: 1, jdn: 2_460_204, note: "Rosh Hashanah 5784 = 16 Sep 2023"),
        .init(calendar: .hebrew, year: 5760, month: 1, day: 1, jdn: 2_451_433, note: "Rosh Hashanah 5760 = 11 Sep 1999"),
        .init(calendar: .hebrew, year: 5785, month: 1, day: 10, jdn: 2_460_596, note: "Yom Kippur 5785 = 12 Oct 2024"),
        .init(calendar: .hebrew, year: 5784, month: 8, day: 15, jdn: 2_460_424, note: "Passover 5784 = 23 Apr 2024"),
        .init(calendar: .hebrew, year: 5784, month: 7, day: 14, jdn: 2_460_394, note: "Purim 5784 (Adar II) = 24 Mar 2024"),
        .init(calendar: .hebrew, year: 5785, month: 3, day: 25, jdn: 2_460_671, note: "Hanukkah 5785 = 26 Dec 2024"),
        .init(calendar: .hebrew, year: 1, month: 1, day: 1, jdn: 347_998, note: "Hebrew epoch"),
    ]

    @Test("fixed points convert to their Julian Day Number", arguments: fixedPoints)
    func toJulianDay(point: FixedPoint) {
        #expect(point.calendar.julianDay(year: point.year, month: point.month, day: point.day) == point.jdn)
    }

    @Test("Julian Day Numbers convert back to the fixed points", arguments: fixedPoints)
    func fromJulianDay(point: FixedPoint) {
        let date = point.calendar.date(julianDay: point.jdn)
        #expect(date.year == point.year && date.month == point.month && date.day == point.day)
    }

    @Test("JDN → date → JDN is the identity", arguments: DateCalendar.allCases)
    func roundTrip(calendar: DateCalendar) {
        // From 3000 BCE to 2500 CE every 7 days (for the French calendar, from its year I).
        let start = calendar == .french ? 2_375_840 : 625_000
        for jdn in stride(from: start, through: 2_634_000, by: 7) {
            let date = calendar.date(julianDay: jdn)
            let back = calendar.julianDay(year: date.year, month: date.month, day: date.day)
            if back != jdn {
                Issue.record("\(calendar): JDN \(jdn) → \(date) → \(back)")
                return
            }
            #expect(calendar.isValid(year: date.year, month: date.month, day: date.day) || calendar == .hebrew && date.month == 7)
        }
    }

    @Test("consecutive days of every calendar follow each other without gaps", arguments: DateCalendar.allCases)
    func consecutiveDays(calendar: DateCalendar) {
        var previous = calendar.date(julianDay: 2_375_840)
        for jdn in 2_375_841...2_400_000 {
            let date = calendar.date(julianDay: jdn)
            let sameMonth = date.year == previous.year && date.month == previous.month && date.day == previous.day + 1
            let nextMonth = date.day == 1 && (date.month > previous.month || date.year == previous.year + 1)
            #expect(sameMonth || nextMonth, "\(calendar): \(previous) then \(date)")
            if !(sameMonth || nextMonth) { return }
            previous = date
        }
    }

    @Test("leap rules: Gregorian centuries, Julian every 4 years, Hebrew 7 in 19, French sextiles III VII XI")
    func leapYears() {
        #expect(DateCalendar.gregorian.daysIn(month: 2, year: 1900) == 28)
        #expect(DateCalendar.gregorian.daysIn(month: 2, year: 2000) == 29)
        #expect(DateCalendar.julian.daysIn(month: 2, year: 1900) == 29)
        #expect(DateCalendar.gregorian.daysIn(month: 2, year: -1) == 29, "1 BCE is astronomical year 0, a leap year")
        #expect(DateCalendar.french.daysIn(month: 13, year: 3) == 6)
        #expect(DateCalendar.french.daysIn(month: 13, year: 4) == 5)
        #expect([3, 7, 11].allSatisfy { DateCalendar.french.daysIn(month: 13, year: $0) == 6 })
        let hebrewLeap = (5701...5719).filter { DateCalendar.hebrew.isValid(year: $0, month: 7, day: 1) }
        #expect(hebrewLeap.count == 7)
        #expect(!DateCalendar.gregorian.isValid(year: 1900, month: 2, day: 29))
        #expect(!DateCalendar.gregorian.isValid(year: 1850, month: 2, day: 31))
        #expect(!DateCalendar.gregorian.isValid(year: 0, month: 1, day: 1))
    }
}
