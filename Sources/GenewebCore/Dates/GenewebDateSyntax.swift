import Foundation

extension GenealogyDate {
    /// Reads a date as GeneWeb writes it in `.gw` files: `12/5/1850`, `5/1850`, `1850`, prefixes
    /// `~` (about) `?` (maybe) `<` (before) `>` (after), `1850|1851` (or), `1850..1855` (between),
    /// calendar suffixes `J` (Julian) `F` (French republican) `H` (Hebrew), `0(free_text)` with
    /// underscores for spaces. Returns nil for `0` or an empty token (no date); anything else that
    /// is not a date becomes a text date holding the token.
    public init?(geneweb token: String) {
        let trimmed = token.trimmingSpaces()
        guard !trimmed.isEmpty, trimmed != "0" else { return nil }
        if trimmed.hasPrefix("0("), trimmed.hasSuffix(")") {
            self = .text(Self.decodeWord(trimmed.dropFirst(2).dropLast()))
            return
        }
        guard let date = GenewebDateReader.parse(trimmed) else {
            self = .text(trimmed.replacingOccurrences(of: "_", with: " "))
            return
        }
        self = .calendar(date)
    }

    /// The `.gw` token for this date. GEDCOM-only precisions map to their GeneWeb neighbours
    /// (calculated → `~`, estimated → `?`, from → `>`, to → `<`, from–to → `..`).
    public var genewebText: String {
        switch self {
        case .text(let text):
            "0(" + Self.encodeWord(text) + ")"
        case .calendar(let date, _):
            date.genewebText
        }
    }

    /// A `.gw` word: `_` for a space (and any other white space), `\_` and `\\` for a real
    /// underscore and backslash.
    public static func encodeWord(_ text: String) -> String {
        var word = ""
        for character in text {
            switch character {
            case "_": word += "\\_"
            case "\\": word += "\\\\"
            default: word += character.isWhitespace ? "_" : String(character)
            }
        }
        return word
    }

    public static func decodeWord(_ word: Substring) -> String {
        var text = ""
        var escaped = false
        for character in word {
            if escaped {
                text.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                text.append(character == "_" ? " " : character)
            }
        }
        return text
    }
}

extension CalendarDate {
    /// This date as a `.gw` token.
    public var genewebText: String {
        let prefix: String
        switch precision {
        case .sure, .orYear, .between, .fromTo: prefix = ""
        case .about, .calculated: prefix = "~"
        case .maybe, .estimated: prefix = "?"
        case .before, .to: prefix = "<"
        case .after, .from: prefix = ">"
        }
        var text = prefix + Self.genewebDMY(dmy)
        // GeneWeb gives both dates of a range one calendar: a second date in another one is
        // converted, as ged2gwb does.
        func second(_ other: DMY) -> String {
            Self.genewebDMY(Self.converted(other, from: secondDateCalendar, to: calendar) ?? other)
        }
        switch precision {
        case .orYear(let other): text += "|" + second(other)
        case .between(let other), .fromTo(let other): text += ".." + second(other)
        default: break
        }
        switch calendar {
        case .gregorian: break
        case .julian: text += "J"
        case .french: text += "F"
        case .hebrew: text += "H"
        }
        return text
    }

    static func genewebDMY(_ dmy: DMY) -> String {
        if dmy.month == 0 { return String(dmy.year) }
        if dmy.day == 0 { return "\(dmy.month)/\(dmy.year)" }
        return "\(dmy.day)/\(dmy.month)/\(dmy.year)"
    }
}

/// Reads the calendar-date forms of `.gw` tokens.
enum GenewebDateReader {
    static func parse(_ token: String) -> CalendarDate? {
        var body = Substring(token)
        var precision = DatePrecision.sure
        switch body.first {
        case "~": precision = .about
        case "?": precision = .maybe
        case "<": precision = .before
        case ">": precision = .after
        default: break
        }
        if precision != .sure { body = body.dropFirst() }
        var calendar = DateCalendar.gregorian
        switch body.last {
        case "J": calendar = .julian
        case "F": calendar = .french
        case "H": calendar = .hebrew
        default: break
        }
        if calendar != .gregorian { body = body.dropLast() }

        var second: DMY?
        var secondKind: Character?
        if let bar = body.firstIndex(of: "|") {
            second = dmy(body[body.index(after: bar)...], calendar: calendar)
            secondKind = "|"
            body = body[..<bar]
            guard second != nil else { return nil }
        } else if let range = body.range(of: "..") {
            second = dmy(body[range.upperBound...], calendar: calendar)
            secondKind = "."
            body = body[..<range.lowerBound]
            guard second != nil else { return nil }
        }
        guard let first = dmy(body, calendar: calendar) else { return nil }
        if let second {
            guard precision == .sure else { return nil }
            precision = secondKind == "|" ? .orYear(second) : .between(second)
        }
        return CalendarDate(first, calendar: calendar, precision: precision)
    }

    /// `d/m/y`, `m/y` or `y` (a year may be negative for BCE), checked against the calendar.
    static func dmy(_ text: Substring, calendar: DateCalendar) -> DMY? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else { return nil }
        let numbers = parts.map { part -> Int? in
            guard !part.isEmpty, part.dropFirst(part.first == "-" ? 1 : 0).allSatisfy(\.isNumber) else { return nil }
            return Int(part)
        }
        guard numbers.allSatisfy({ $0 != nil }) else { return nil }
        let values = numbers.map { $0! }
        let year = values[values.count - 1]
        let month = values.count >= 2 ? values[values.count - 2] : 0
        let day = values.count == 3 ? values[0] : 0
        guard year != 0, DMY.supportedYears.contains(year), month >= 0, day >= 0, !(day > 0 && month == 0) else { return nil }
        if month > 0 {
            guard month <= calendar.monthCount(year: year) else { return nil }
            if calendar == .hebrew, month == 7, !HebrewCalendar.isLeap(year) { return nil }
            if day > calendar.daysIn(month: month, year: year) { return nil }
        }
        return DMY(day: day, month: month, year: year)
    }
}
