/// A day, month and year in some calendar, with unknown parts.
///
/// GeneWeb's `dmy`: `day` and `month` are 0 when unknown; `year` is historical (1 BCE is -1,
/// there is no year 0).
public struct DMY: Hashable, Sendable, Codable {
    public var day: Int
    public var month: Int
    public var year: Int

    public init(day: Int = 0, month: Int = 0, year: Int) {
        self.day = day
        self.month = month
        self.year = year
    }
}

/// How sure a date is, or which span it denotes.
///
/// GeneWeb's precisions (`sure`, `about`, `maybe`, `before`, `after`, `orYear`, `between`) plus the
/// GEDCOM distinctions GeneWeb folds away (`estimated`, `calculated`, periods `from`/`to`/`fromTo`),
/// kept so that a GEDCOM file goes out as it came in.
public enum DatePrecision: Hashable, Sendable {
    case sure
    case about
    case maybe
    case estimated
    case calculated
    case before
    case after
    /// Start of a period: GEDCOM `FROM d`.
    case from
    /// End of a period: GEDCOM `TO d`.
    case to
    /// One of two dates: GeneWeb `1850|1851`.
    case orYear(DMY)
    /// Somewhere between two dates: GEDCOM `BET d AND d2`, GeneWeb `1850..1855`.
    case between(DMY)
    /// A period from one date to another: GEDCOM `FROM d TO d2`.
    case fromTo(DMY)

    /// The name used in JSON (`"about"`, `"or_year"`, ...).
    public var name: String {
        switch self {
        case .sure: "sure"
        case .about: "about"
        case .maybe: "maybe"
        case .estimated: "estimated"
        case .calculated: "calculated"
        case .before: "before"
        case .after: "after"
        case .from: "from"
        case .to: "to"
        case .orYear: "or_year"
        case .between: "between"
        case .fromTo: "from_to"
        }
    }

    /// The second date of two-date precisions.
    public var secondDate: DMY? {
        switch self {
        case .orYear(let dmy), .between(let dmy), .fromTo(let dmy): dmy
        default: nil
        }
    }
}

/// A date in a calendar with its precision: GeneWeb's `Dgreg`.
public struct CalendarDate: Hashable, Sendable {
    public var dmy: DMY
    public var calendar: DateCalendar
    public var precision: DatePrecision
    /// For dual dating (`11 FEB 1731/32`, years starting in March), the later year: 1732.
    public var dualYear: Int?
    /// The calendar of the second date of a range or period when it is not `calendar`: in
    /// GEDCOM each date of `BET JULIAN 1700 AND 1710` names its own calendar (here the second is
    /// Gregorian). Nil when both dates share `calendar`.
    public var secondCalendar: DateCalendar?

    public init(_ dmy: DMY, calendar: DateCalendar = .gregorian, precision: DatePrecision = .sure, dualYear: Int? = nil, secondCalendar: DateCalendar? = nil) {
        self.dmy = dmy
        self.calendar = calendar
        self.precision = precision
        self.dualYear = dualYear
        self.secondCalendar = secondCalendar == calendar ? nil : secondCalendar
    }

    public init(day: Int = 0, month: Int = 0, year: Int, calendar: DateCalendar = .gregorian, precision: DatePrecision = .sure) {
        self.init(DMY(day: day, month: month, year: year), calendar: calendar, precision: precision)
    }

    /// The calendar of the second date (`precision.secondDate`).
    public var secondDateCalendar: DateCalendar { secondCalendar ?? calendar }
}

/// A genealogical date: a calendar date (possibly with the phrase it was read from), or free text
/// that could not be read as a date and is kept word for word.
public enum GenealogyDate: Hashable, Sendable {
    /// A date; `phrase` is GEDCOM's `INT date (phrase)` or GEDCOM 7's `PHRASE`.
    case calendar(CalendarDate, phrase: String? = nil)
    /// Free text: GEDCOM `(text)`, GeneWeb `0(text)`, or anything unparseable.
    case text(String)

    /// The calendar date, when there is one.
    public var calendarDate: CalendarDate? {
        if case .calendar(let date, _) = self { return date }
        return nil
    }

    /// The precision, or nil for text dates.
    public var precision: DatePrecision? { calendarDate?.precision }
}
