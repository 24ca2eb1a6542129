/// French republican calendar ↔ Julian Day Number.
///
/// Twelve months of 30 days (Vendémiaire … Fructidor) and a 13th "month" of 5 complementary days
/// (6 in sextile years). Year I began on 22 September 1792 Gregorian. The calendar was used for
/// years I–XIV, whose sextile years were III, VII and XI; as GeneWeb does (after Scott E. Lee's
/// SDN routines), later years continue the same four-year rule, so every year converts.
enum FrenchRepublicanCalendar {
    /// JDN of the day before 1 Vendémiaire an I, less the 365 days the formula adds for year 1.
    static let offset = 2_375_474

    static func isSextile(_ year: Int) -> Bool {
        daysInYear(year) == 366
    }

    static func daysInYear(_ year: Int) -> Int {
        floorDiv((year + 1) * 1461, 4) - floorDiv(year * 1461, 4)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        month == 13 ? (isSextile(year) ? 6 : 5) : 30
    }

    static func julianDay(year: Int, month: Int, day: Int) -> Int {
        floorDiv(year * 1461, 4) + (month - 1) * 30 + day + offset
    }

    static func date(julianDay jdn: Int) -> (year: Int, month: Int, day: Int) {
        let daysSinceOffset = jdn - offset - 1
        var year = floorDiv(daysSinceOffset * 4 + 3, 1461)
        // Correct for the truncation in the forward formula.
        while julianDay(year: year + 1, month: 1, day: 1) <= jdn { year += 1 }
        while julianDay(year: year, month: 1, day: 1) > jdn { year -= 1 }
        let dayOfYear = jdn - julianDay(year: year, month: 1, day: 1)
        return (year, dayOfYear / 30 + 1, dayOfYear % 30 + 1)
    }
}
