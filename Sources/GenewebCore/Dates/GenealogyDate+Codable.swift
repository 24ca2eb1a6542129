/// Lossless storage form of a date (the JSON documents of the database):
/// `{"text": "in the spring"}` or
/// `{"calendar": "julian", "precision": "between", "day": 1, "month": 1, "year": 1700,
///   "second": {"day": 0, "month": 0, "year": 1705}, "second_calendar": "gregorian", "dual_year": 1701,
///   "phrase": "…"}` (`second_calendar` only when the second date has a calendar of its own).
/// Unlike either file syntax it keeps every distinction of `DatePrecision`.
extension GenealogyDate: Codable {
    private enum CodingKeys: String, CodingKey {
        case text, calendar, precision, day, month, year, second
        case dualYear = "dual_year"
        case phrase
        case secondCalendar = "second_calendar"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let text = try container.decodeIfPresent(String.self, forKey: .text) {
            self = .text(text)
            return
        }
        let dmy = DMY(
            day: try container.decodeIfPresent(Int.self, forKey: .day) ?? 0,
            month: try container.decodeIfPresent(Int.self, forKey: .month) ?? 0,
            year: try container.decode(Int.self, forKey: .year)
        )
        let calendar = try container.decodeIfPresent(DateCalendar.self, forKey: .calendar) ?? .gregorian
        let name = try container.decodeIfPresent(String.self, forKey: .precision) ?? "sure"
        let second = try container.decodeIfPresent(DMY.self, forKey: .second)
        guard let precision = DatePrecision(name: name, second: second) else {
            throw DecodingError.dataCorruptedError(forKey: .precision, in: container, debugDescription: "unknown precision \(name)")
        }
        let dualYear = try container.decodeIfPresent(Int.self, forKey: .dualYear)
        // Numbers no calendar can compute with (only a hand-made document holds them) stay text.
        guard dmy.isComputable, second?.isComputable ?? true, dualYear.map(DMY.supportedYears.contains) ?? true else {
            self = .text(dmy.numbersText)
            return
        }
        let date = CalendarDate(
            dmy, calendar: calendar, precision: precision, dualYear: dualYear,
            secondCalendar: try container.decodeIfPresent(DateCalendar.self, forKey: .secondCalendar)
        )
        self = .calendar(date, phrase: try container.decodeIfPresent(String.self, forKey: .phrase))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .text(let text):
            try container.encode(text, forKey: .text)
        case .calendar(let date, let phrase):
            try container.encode(date.calendar, forKey: .calendar)
            try container.encode(date.precision.name, forKey: .precision)
            try container.encode(date.dmy.day, forKey: .day)
            try container.encode(date.dmy.month, forKey: .month)
            try container.encode(date.dmy.year, forKey: .year)
            try container.encodeIfPresent(date.precision.secondDate, forKey: .second)
            try container.encodeIfPresent(date.secondCalendar, forKey: .secondCalendar)
            try container.encodeIfPresent(date.dualYear, forKey: .dualYear)
            try container.encodeIfPresent(phrase, forKey: .phrase)
        }
    }
}

extension DatePrecision {
    /// The precision named `name` (see `name`), with its second date when it needs one.
    public init?(name: String, second: DMY?) {
        switch name {
        case "sure": self = .sure
        case "about": self = .about
        case "maybe": self = .maybe
        case "estimated": self = .estimated
        case "calculated": self = .calculated
        case "before": self = .before
        case "after": self = .after
        case "from": self = .from
        case "to": self = .to
        case "or_year":
            guard let second else { return nil }
            self = .orYear(second)
        case "between":
            guard let second else { return nil }
            self = .between(second)
        case "from_to":
            guard let second else { return nil }
            self = .fromTo(second)
        default: return nil
        }
    }
}
