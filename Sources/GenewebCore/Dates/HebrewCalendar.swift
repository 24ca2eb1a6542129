/// Hebrew calendar ↔ Julian Day Number (the arithmetic of Dershowitz & Reingold's
/// "Calendrical Calculations": molad in parts, with the postponement rules).
///
/// Months are numbered as in GEDCOM, from the start of the civil year: 1 Tishri, 2 Heshvan,
/// 3 Kislev, 4 Tevet, 5 Shevat, 6 Adar (Adar I in leap years), 7 Adar II (leap years only),
/// 8 Nisan, 9 Iyar, 10 Sivan, 11 Tammuz, 12 Av, 13 Elul.
enum HebrewCalendar {
    /// JDN of 1 Tishri AM 1 (7 October 3761 BCE, Julian).
    static let epoch = 347_998

    static func isLeap(_ year: Int) -> Bool {
        floorMod(7 * year + 1, 19) < 7
    }

    /// Days from the epoch to the molad-based new year, with the first postponement rule.
    static func elapsedDays(_ year: Int) -> Int {
        let monthsElapsed = floorDiv(235 * year - 234, 19)
        let partsElapsed = 12084 + 13753 * monthsElapsed
        let days = 29 * monthsElapsed + floorDiv(partsElapsed, 25920)
        return floorMod(3 * (days + 1), 7) < 3 ? days + 1 : days
    }

    /// The remaining postponements, which keep year lengths within 353–355 or 383–385 days.
    static func yearLengthCorrection(_ year: Int) -> Int {
        let previous = elapsedDays(year - 1)
        let current = elapsedDays(year)
        let next = elapsedDays(year + 1)
        if next - current == 356 { return 2 }
        if current - previous == 382 { return 1 }
        return 0
    }

    static func newYear(_ year: Int) -> Int {
        epoch + elapsedDays(year) + yearLengthCorrection(year)
    }

    static func daysInYear(_ year: Int) -> Int {
        newYear(year + 1) - newYear(year)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        let length = daysInYear(year)
        switch month {
        case 1: return 30
        case 2: return length % 10 == 5 ? 30 : 29  // long Heshvan in 355- and 385-day years
        case 3: return length % 10 == 3 ? 29 : 30  // short Kislev in 353- and 383-day years
        case 4: return 29
        case 5: return 30
        case 6: return isLeap(year) ? 30 : 29
        case 7: return isLeap(year) ? 29 : 0
        case 8: return 30
        case 9: return 29
        case 10: return 30
        case 11: return 29
        case 12: return 30
        default: return 29
        }
    }

    static func julianDay(year: Int, month: Int, day: Int) -> Int {
        // Adar II in a common year means its only Adar.
        let month = (month == 7 && !isLeap(year)) ? 6 : month
        var jdn = newYear(year) + day - 1
        for earlier in stride(from: 1, to: month, by: 1) {
            jdn += daysIn(month: earlier, year: year)
        }
        return jdn
    }

    static func date(julianDay jdn: Int) -> (year: Int, month: Int, day: Int) {
        var year = floorDiv((jdn - epoch) * 98496, 35_975_351) + 1  // mean year 35975351/98496 days
        while newYear(year + 1) <= jdn { year += 1 }
        while newYear(year) > jdn { year -= 1 }
        var remaining = jdn - newYear(year)
        var month = 1
        while remaining >= daysIn(month: month, year: year) {
            remaining -= daysIn(month: month, year: year)
            month += 1
        }
        return (year, month, remaining + 1)
    }
}
