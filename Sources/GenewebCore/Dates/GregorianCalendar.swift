/// Proleptic Gregorian calendar ↔ Julian Day Number (Fliegel–Van Flandern style arithmetic,
/// with floor division so it holds for BCE years too).
enum GregorianCalendar {
    static func isLeap(_ year: Int) -> Bool {
        let y = AstronomicalYear.from(historical: year)
        return floorMod(y, 4) == 0 && (floorMod(y, 100) != 0 || floorMod(y, 400) == 0)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func julianDay(year: Int, month: Int, day: Int) -> Int {
        let a = floorDiv(14 - month, 12)
        let y = AstronomicalYear.from(historical: year) + 4800 - a
        let m = month + 12 * a - 3
        return day + floorDiv(153 * m + 2, 5) + 365 * y + floorDiv(y, 4) - floorDiv(y, 100) + floorDiv(y, 400) - 32045
    }

    static func date(julianDay jdn: Int) -> (year: Int, month: Int, day: Int) {
        let a = jdn + 32044
        let b = floorDiv(4 * a + 3, 146097)
        let c = a - floorDiv(146097 * b, 4)
        let d = floorDiv(4 * c + 3, 1461)
        let e = c - floorDiv(1461 * d, 4)
        let m = floorDiv(5 * e + 2, 153)
        let day = e - floorDiv(153 * m + 2, 5) + 1
        let month = m + 3 - 12 * floorDiv(m, 10)
        let year = 100 * b + d - 4800 + floorDiv(m, 10)
        return (AstronomicalYear.toHistorical(year), month, day)
    }
}

/// Julian calendar ↔ Julian Day Number.
enum JulianCalendar {
    static func isLeap(_ year: Int) -> Bool {
        floorMod(AstronomicalYear.from(historical: year), 4) == 0
    }

    static func daysIn(month: Int, year: Int) -> Int {
        month == 2 ? (isLeap(year) ? 29 : 28) : GregorianCalendar.daysIn(month: month, year: 2001)
    }

    static func julianDay(year: Int, month: Int, day: Int) -> Int {
        let a = floorDiv(14 - month, 12)
        let y = AstronomicalYear.from(historical: year) + 4800 - a
        let m = month + 12 * a - 3
        return day + floorDiv(153 * m + 2, 5) + 365 * y + floorDiv(y, 4) - 32083
    }

    static func date(julianDay jdn: Int) -> (year: Int, month: Int, day: Int) {
        let c = jdn + 32082
        let d = floorDiv(4 * c + 3, 1461)
        let e = c - floorDiv(1461 * d, 4)
        let m = floorDiv(5 * e + 2, 153)
        let day = e - floorDiv(153 * m + 2, 5) + 1
        let month = m + 3 - 12 * floorDiv(m, 10)
        let year = d - 4800 + floorDiv(m, 10)
        return (AstronomicalYear.toHistorical(year), month, day)
    }
}
