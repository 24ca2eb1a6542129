import GenewebCore

/// Dates, read as `GenealogyDate.init(from:)` reads them (GenealogyDate+Codable.swift).
extension JSONByteReader {
    enum DateKey: String, DocumentKey {
        case text, calendar, precision, day, month, year, second
        case secondCalendar = "second_calendar"
        case dualYear = "dual_year"
        case phrase
        static let table = DocumentKeyTable<Self>()
    }

    /// `init(from:)` reads some members only when others allow it (nothing but `text` for a text
    /// date, no phrase for numbers no calendar computes with), and `JSONDecoder` never checks a
    /// member nobody reads. So the members are first only located, then read in that order.
    mutating func readDate() throws -> GenealogyDate {
        var object = try openObject()
        var text: Int?
        var calendar: Int?
        var precision: Int?
        var day: Int?
        var month: Int?
        var year: Int?
        var second: Int?
        var secondCalendar: Int?
        var dualYear: Int?
        var phrase: Int?
        while let key = try nextMember(&object, DateKey.self) {
            switch key {
            case .text: text = position
            case .calendar: calendar = position
            case .precision: precision = position
            case .day: day = position
            case .month: month = position
            case .year: year = position
            case .second: second = position
            case .secondCalendar: secondCalendar = position
            case .dualYear: dualYear = position
            case .phrase: phrase = position
            }
            try skipValue()
        }

        if let text = try member(at: text, { try $0.readString() }) { return .text(text) }
        let dmy = DMY(
            day: try member(at: day, { try $0.readInt() }) ?? 0,
            month: try member(at: month, { try $0.readInt() }) ?? 0,
            year: try required(member(at: year, { try $0.readInt() }), DateKey.year)
        )
        let calendarValue = try member(at: calendar, { try $0.readRawValue(DateCalendar.self) }) ?? .gregorian
        let name = try member(at: precision, { try $0.readString() }) ?? "sure"
        let secondDate = try member(at: second, { try $0.readDMY() })
        guard let precisionValue = DatePrecision(name: name, second: secondDate) else { throw failure("unknown date precision \(name)") }
        let dualYearValue = try member(at: dualYear, { try $0.readInt() })
        guard dmy.isComputable, secondDate?.isComputable ?? true, dualYearValue.map(DMY.supportedYears.contains) ?? true else {
            return .text(dmy.numbersText)
        }
        let date = CalendarDate(
            dmy, calendar: calendarValue, precision: precisionValue, dualYear: dualYearValue,
            secondCalendar: try member(at: secondCalendar, { try $0.readRawValue(DateCalendar.self) })
        )
        return .calendar(date, phrase: try member(at: phrase, { try $0.readString() }))
    }

    /// The value of a member located at `offset` (`decodeIfPresent`: nil when missing or null).
    /// The value was checked as JSON when it was skipped.
    private func member<Value>(at offset: Int?, _ read: (inout JSONByteReader) throws -> Value) throws -> Value? {
        guard let offset else { return nil }
        var reader = self
        reader.position = offset
        return try reader.readOptional(read)
    }

    enum DMYKey: String, DocumentKey {
        case day, month, year
        static let table = DocumentKeyTable<Self>()
    }

    /// A second date: its three numbers are all required (synthesised conformance).
    mutating func readDMY() throws -> DMY {
        var object = try openObject()
        var day: Int?
        var month: Int?
        var year: Int?
        while let key = try nextMember(&object, DMYKey.self) {
            switch key {
            case .day: day = try readInt()
            case .month: month = try readInt()
            case .year: year = try readInt()
            }
        }
        return DMY(day: try required(day, DMYKey.day), month: try required(month, DMYKey.month), year: try required(year, DMYKey.year))
    }
}
