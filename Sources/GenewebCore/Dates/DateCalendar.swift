/// The calendars GeneWeb dates can be written in. Every conversion goes through the Julian Day
/// Number (JDN): the count of days since 1 January 4713 BCE in the proleptic Julian calendar.
public enum DateCalendar: String, Sendable, Hashable, Codable, CaseIterable {
    /// Proleptic Gregorian: also used for dates before 1582 when nothing else is said.
    case gregorian
    /// Julian, used in most of Europe before 1582 and in Britain until 1752.
    case julian
    /// French republican (revolutionary) calendar, from 22 September 1792 (1 Vendémiaire an I).
    case french
    /// Hebrew (Jewish) lunisolar calendar, years Anno Mundi.
    case hebrew

    /// Converts a day of this calendar to its Julian Day Number. Years are historical: 1 BCE is
    /// year -1, there is no year 0 (as in GEDCOM and GeneWeb). Month and day must be known.
    public func julianDay(year: Int, month: Int, day: Int) -> Int {
        switch self {
        case .gregorian: GregorianCalendar.julianDay(year: year, month: month, day: day)
        case .julian: JulianCalendar.julianDay(year: year, month: month, day: day)
        case .french: FrenchRepublicanCalendar.julianDay(year: year, month: month, day: day)
        case .hebrew: HebrewCalendar.julianDay(year: year, month: month, day: day)
        }
    }

    /// The day of this calendar that a Julian Day Number falls on.
    public func date(julianDay: Int) -> (year: Int, month: Int, day: Int) {
        switch self {
        case .gregorian: GregorianCalendar.date(julianDay: julianDay)
        case .julian: JulianCalendar.date(julianDay: julianDay)
        case .french: FrenchRepublicanCalendar.date(julianDay: julianDay)
        case .hebrew: HebrewCalendar.date(julianDay: julianDay)
        }
    }

    /// Number of months in a year of this calendar (13 for French: the complementary days count
    /// as a 13th month; 13 for Hebrew leap years, whose month 7 is Adar II).
    public func monthCount(year: Int) -> Int {
        switch self {
        case .gregorian, .julian: 12
        case .french: 13
        case .hebrew: 13
        }
    }

    /// Days in `month` of `year`.
    public func daysIn(month: Int, year: Int) -> Int {
        switch self {
        case .gregorian: GregorianCalendar.daysIn(month: month, year: year)
        case .julian: JulianCalendar.daysIn(month: month, year: year)
        case .french: FrenchRepublicanCalendar.daysIn(month: month, year: year)
        case .hebrew: HebrewCalendar.daysIn(month: month, year: year)
        }
    }

    /// Whether day/month/year names a real day of this calendar (31 February does not).
    public func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard year != 0, (1...monthCount(year: year)).contains(month) else { return false }
        if self == .hebrew, month == 7, !HebrewCalendar.isLeap(year) { return false }
        return (1...daysIn(month: month, year: year)).contains(day)
    }
}

/// Historical year (no year 0) to astronomical year (year 0 = 1 BCE) and back.
enum AstronomicalYear {
    static func from(historical year: Int) -> Int { year < 0 ? year + 1 : year }
    static func toHistorical(_ year: Int) -> Int { year <= 0 ? year - 1 : year }
}

/// Floor division, for calendars arithmetic that must work for negative days.
@inline(__always) func floorDiv(_ a: Int, _ b: Int) -> Int {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

@inline(__always) func floorMod(_ a: Int, _ b: Int) -> Int {
    a - b * floorDiv(a, b)
}
