/// Sorting, comparing and ages for uncertain dates.
///
/// A calendar date denotes a span of days: a year alone spans the whole year, `BEF 1850` every day
/// up to the end of 1850, `BET 1850 AND 1855` six years. Comparisons are certain only when spans
/// do not overlap.
extension CalendarDate {
    /// The first day the date may denote, as a Julian Day Number; nil when open to the past.
    public var earliestJulianDay: Int? {
        switch precision {
        case .before, .to: nil
        default: Self.firstDay(of: dmy, calendar: calendar)
        }
    }

    /// The last day the date may denote; nil when open to the future.
    public var latestJulianDay: Int? {
        switch precision {
        case .after, .from: nil
        case .orYear(let second), .between(let second), .fromTo(let second):
            Self.lastDay(of: second, calendar: secondDateCalendar)
        default: Self.lastDay(of: dmy, calendar: calendar)
        }
    }

    /// The key lists sort by: the first day of the (first) date, unknown day and month counted as 1.
    /// `ABT 1850` sorts as 1 January 1850 (JDN 2396759), whatever the precision.
    public var sortKey: Int {
        Self.firstDay(of: dmy, calendar: calendar)
    }

    /// True when the date surely ends before `other` starts.
    public func isCertainlyBefore(_ other: CalendarDate) -> Bool {
        guard let end = latestJulianDay, let start = other.earliestJulianDay else { return false }
        return end < start
    }

    /// Whole years from this date to `later`, with whether the figure is exact. Both dates are
    /// compared in the Gregorian calendar; unknown months or days make the age approximate.
    public func age(at later: CalendarDate) -> (years: Int, exact: Bool)? {
        guard let birth = Self.gregorian(dmy, from: calendar),
            let event = Self.gregorian(later.dmy, from: later.calendar)
        else { return nil }
        // Historical years skip 0: from 10 BCE to 10 CE is 19 years.
        var years = event.year - birth.year - (birth.year < 0 && event.year > 0 ? 1 : 0)
        let monthsKnown = birth.month > 0 && event.month > 0
        let daysKnown = monthsKnown && birth.day > 0 && event.day > 0
        if monthsKnown && (event.month < birth.month || (daysKnown && event.month == birth.month && event.day < birth.day)) {
            years -= 1
        }
        let exact = daysKnown && precision == .sure && later.precision == .sure
        return (years, exact)
    }

    /// Whether the date bounds a span on both sides (needed by the privacy rule to call someone
    /// "born more than 100 years ago").
    public var isKnownEnough: Bool {
        dmy.year != 0 && earliestJulianDay != nil && latestJulianDay != nil
    }

    static func firstDay(of dmy: DMY, calendar: DateCalendar) -> Int {
        calendar.julianDay(year: dmy.year, month: max(dmy.month, 1), day: max(dmy.day, 1))
    }

    static func lastDay(of dmy: DMY, calendar: DateCalendar) -> Int {
        let month = dmy.month > 0 ? dmy.month : calendar.monthCount(year: dmy.year)
        let day = dmy.day > 0 ? dmy.day : calendar.daysIn(month: month, year: dmy.year)
        return calendar.julianDay(year: dmy.year, month: month, day: max(day, 1))
    }

    /// The same day in the Gregorian calendar, keeping unknown parts unknown.
    static func gregorian(_ dmy: DMY, from calendar: DateCalendar) -> DMY? {
        converted(dmy, from: calendar, to: .gregorian)
    }

    /// The same day in another calendar, keeping unknown parts unknown (a year alone becomes
    /// the year its first day falls in).
    static func converted(_ dmy: DMY, from calendar: DateCalendar, to target: DateCalendar) -> DMY? {
        guard dmy.year != 0 else { return nil }
        if calendar == target { return dmy }
        let converted = target.date(julianDay: firstDay(of: dmy, calendar: calendar))
        return DMY(day: dmy.day > 0 ? converted.day : 0, month: dmy.month > 0 ? converted.month : 0, year: converted.year)
    }
}

extension GenealogyDate {
    /// Sort key of a calendar date; text dates have none and sort last.
    public var sortKey: Int? { calendarDate?.sortKey }
}
