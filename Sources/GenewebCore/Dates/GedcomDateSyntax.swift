import Foundation

/// The GEDCOM versions whose date syntax we read and write.
public enum GedcomDateVersion: Sendable {
    /// GEDCOM 5.5 / 5.5.1: `@#DJULIAN@ 1 JAN 1700`, `500 B.C.`, `INT 1850 (phrase)`, `(text)`.
    case v551
    /// GEDCOM 7: `JULIAN 1 JAN 1700`, `500 BCE`; phrases go in a `PHRASE` substructure.
    case v7
}

extension GenealogyDate {
    /// Reads a GEDCOM `DATE` value, 5.5.1 or 7 syntax, tolerantly (any case, dotted keywords, full
    /// month names). What is not a date becomes a text date holding the value word for word, so
    /// nothing is lost. Returns nil for an empty value.
    public init?(gedcom value: String, phrase: String? = nil) {
        let trimmed = value.trimmingSpaces()
        guard !trimmed.isEmpty else {
            guard let phrase, !phrase.isEmpty else { return nil }
            self = .text(phrase)
            return
        }
        if trimmed.hasPrefix("("), trimmed.hasSuffix(")") {
            self = .text(String(trimmed.dropFirst().dropLast()))
            return
        }
        var tokens = GedcomDateTokens(trimmed)
        if tokens.peek == "INT" {
            tokens.next()
            let (datePart, inner) = Self.splitPhrase(trimmed)
            if let date = GedcomDateTokens.parseValue(GedcomDateTokens(String(datePart.dropFirst(3)))), date.precision == .sure {
                self = .calendar(date, phrase: inner ?? phrase)
                return
            }
            self = .text(trimmed)
            return
        }
        guard let date = GedcomDateTokens.parseValue(tokens) else {
            self = .text(trimmed)
            return
        }
        if let phrase, let dual = Self.dualYearDate(date, phrase: phrase) {
            self = .calendar(dual)
            return
        }
        self = .calendar(date, phrase: phrase)
    }

    /// GEDCOM 7 has no dual years: our exports write `DATE 11 FEB 1731` with `PHRASE 11 FEB
    /// 1731/32`. A phrase that is the date itself with a dual year gives the dual year back.
    private static func dualYearDate(_ date: CalendarDate, phrase: String) -> CalendarDate? {
        guard date.dualYear == nil, phrase.contains("/"),
            let read = GedcomDateTokens.parseValue(GedcomDateTokens(phrase)), read.dualYear != nil
        else { return nil }
        var plain = read
        plain.dualYear = nil
        return plain == date ? read : nil
    }

    /// The value for a GEDCOM `DATE` line. For 5.5.1 a phrase is written as `INT date (phrase)`
    /// (plain dates) and a text date as `(text)`; for 7 the phrase is returned separately, for a
    /// `PHRASE` substructure, and a text date has an empty value. GEDCOM 7 has no dual years: a
    /// date with one and no phrase gets the dual date as its phrase (`1731` + `1731/32`), which
    /// `init(gedcom:phrase:)` reads back.
    public func gedcomValue(_ version: GedcomDateVersion) -> (value: String, phrase: String?) {
        switch self {
        case .text(let text):
            return version == .v551 ? ("(\(text))", nil) : ("", text)
        case .calendar(let date, let phrase):
            let value = date.gedcomText(version)
            guard let phrase else {
                guard version == .v7, date.dualYear != nil else { return (value, nil) }
                return (value, date.gedcomText(.v7, keepingDualYear: true))
            }
            if version == .v551 {
                return date.precision == .sure ? ("INT \(value) (\(phrase))", nil) : (value, nil)
            }
            return (value, phrase)
        }
    }

    /// The value and GEDCOM 7 phrase to write on a file's `DATE` line: `gedcomValue`, except that
    /// a text date whose words are a date value of the file's grammar that the model cannot hold
    /// (`31 NOV 1900`, the extension calendar of `_ROMAN 5 XI 1900`) is written as that value,
    /// not turned into a phrase: such text came from a file that said so, and goes back as it
    /// came. Text that reads as a date the model holds was written as a phrase and stays one.
    public func gedcomFileValue(_ version: GedcomDateVersion) -> (value: String, phrase: String?) {
        if case .text(let text) = self, GenealogyDate(gedcom: text)?.calendarDate == nil,
            let value = GedcomDateGrammar.value(text, in: version)
        {
            return (value, nil)
        }
        return gedcomValue(version)
    }

    /// `INT 1850 (as said)` → (`INT 1850`, `as said`).
    private static func splitPhrase(_ text: String) -> (String, String?) {
        guard let open = text.firstIndex(of: "("), text.hasSuffix(")") else { return (text, nil) }
        let inner = text[text.index(after: open)..<text.index(before: text.endIndex)]
        return (text[..<open].trimmingCharacters(in: .whitespaces), String(inner))
    }
}

extension CalendarDate {
    /// This date in GEDCOM syntax (without phrase). `keepingDualYear` writes the dual year in
    /// GEDCOM 7 too, for the phrase that carries it there.
    public func gedcomText(_ version: GedcomDateVersion, keepingDualYear: Bool = false) -> String {
        let dual = version == .v551 || keepingDualYear ? dualYear : nil
        let first = Self.gedcomDate(dmy, calendar: calendar, dualYear: dual, version: version)
        func second(_ dmy: DMY) -> String { Self.gedcomDate(dmy, calendar: secondDateCalendar, dualYear: nil, version: version) }
        switch precision {
        case .sure: return first
        case .about: return "ABT \(first)"
        case .maybe, .estimated: return "EST \(first)"
        case .calculated: return "CAL \(first)"
        case .before: return "BEF \(first)"
        case .after: return "AFT \(first)"
        case .from: return "FROM \(first)"
        case .to: return "TO \(first)"
        case .orYear(let other), .between(let other): return "BET \(first) AND \(second(other))"
        case .fromTo(let other): return "FROM \(first) TO \(second(other))"
        }
    }

    /// One date, with `dualYear` when there is one to write.
    static func gedcomDate(_ dmy: DMY, calendar: DateCalendar, dualYear: Int?, version: GedcomDateVersion) -> String {
        var parts: [String] = []
        switch (calendar, version) {
        case (.gregorian, _): break
        case (.julian, .v551): parts.append("@#DJULIAN@")
        case (.french, .v551): parts.append("@#DFRENCH R@")
        case (.hebrew, .v551): parts.append("@#DHEBREW@")
        case (.julian, .v7): parts.append("JULIAN")
        case (.french, .v7): parts.append("FRENCH_R")
        case (.hebrew, .v7): parts.append("HEBREW")
        }
        if dmy.month > 0 {
            if dmy.day > 0 { parts.append(String(dmy.day)) }
            parts.append(MonthNames.codes(for: calendar)[dmy.month - 1])
        }
        var year = String(abs(dmy.year))
        if let dualYear, dmy.year > 0 {
            year += "/" + String(String(dualYear).suffix(2))
        }
        parts.append(year)
        if dmy.year < 0 { parts.append(version == .v551 ? "B.C." : "BCE") }
        return parts.joined(separator: " ")
    }
}

/// Modifiers followed by one date; built once, not on every date read.
private let simpleModifiers: [String: DatePrecision] = [
    "ABT": .about, "ABOUT": .about, "CA": .about, "CIRCA": .about, "C": .about,
    "EST": .estimated, "CAL": .calculated, "BEF": .before, "BEFORE": .before,
    "AFT": .after, "AFTER": .after, "TO": .to,
]

/// A cursor over the upper-cased words of a GEDCOM date value.
struct GedcomDateTokens {
    private var words: [String]
    private var position = 0

    init(_ text: String) {
        words = text.uppercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        // The French calendar escape holds a space; keep it one word.
        var index = 0
        while index + 1 < words.count {
            if words[index] == "@#DFRENCH", words[index + 1] == "R@" {
                words.replaceSubrange(index...index + 1, with: ["@#DFRENCH_R@"])
            }
            index += 1
        }
    }

    var peek: String? { position < words.count ? words[position] : nil }
    var isAtEnd: Bool { position >= words.count }

    @discardableResult
    mutating func next() -> String? {
        defer { position += 1 }
        return peek
    }

    /// Keywords with an optional trailing dot (`ABT.`, `BEF.`).
    static func keyword(_ word: String?) -> String? {
        guard var word else { return nil }
        if word.hasSuffix(".") { word.removeLast() }
        return word
    }

    /// The whole DATE_VALUE grammar except INT and phrases.
    static func parseValue(_ input: GedcomDateTokens) -> CalendarDate? {
        var tokens = input
        let modifier = keyword(tokens.peek)
        func single(until stop: String? = nil) -> (DMY, DateCalendar, Int?)? {
            var collected: [String] = []
            while let word = tokens.peek, keyword(word) != stop {
                collected.append(word)
                tokens.next()
            }
            return parseDate(collected)
        }
        func wrap(_ precision: DatePrecision, _ parsed: (DMY, DateCalendar, Int?)?) -> CalendarDate? {
            guard let (dmy, calendar, dual) = parsed, tokens.isAtEnd else { return nil }
            return CalendarDate(dmy, calendar: calendar, precision: precision, dualYear: dual)
        }
        if let modifier, let precision = simpleModifiers[modifier] {
            tokens.next()
            return wrap(precision, single())
        }
        switch modifier {
        // Each date of a range names its own calendar, as GEDCOM (and GeneWeb's ged2gwb) read it:
        // the second date of `BET JULIAN 1700 AND 1710` is Gregorian.
        case "BET", "BETWEEN":
            tokens.next()
            guard let first = single(until: "AND"), keyword(tokens.next()) == "AND", let second = single(), tokens.isAtEnd
            else { return nil }
            return CalendarDate(first.0, calendar: first.1, precision: .between(second.0), dualYear: first.2, secondCalendar: second.1)
        case "FROM":
            tokens.next()
            guard let first = single(until: "TO") else { return nil }
            if tokens.isAtEnd { return CalendarDate(first.0, calendar: first.1, precision: .from, dualYear: first.2) }
            guard keyword(tokens.next()) == "TO", let second = single(), tokens.isAtEnd else { return nil }
            return CalendarDate(first.0, calendar: first.1, precision: .fromTo(second.0), dualYear: first.2, secondCalendar: second.1)
        default:
            return wrap(.sure, single())
        }
    }

    /// `[calendar] [[day] month] year[/dual] [B.C.|BCE]`, checked against the calendar.
    static func parseDate(_ input: [String]) -> (DMY, DateCalendar, Int?)? {
        var words = input
        guard !words.isEmpty else { return nil }
        var calendar = DateCalendar.gregorian
        switch words.first {
        case "@#DGREGORIAN@", "GREGORIAN":
            calendar = .gregorian
            words.removeFirst()
        case "@#DJULIAN@", "JULIAN":
            calendar = .julian
            words.removeFirst()
        case "@#DFRENCH_R@", "FRENCH_R":
            calendar = .french
            words.removeFirst()
        case "@#DHEBREW@", "HEBREW":
            calendar = .hebrew
            words.removeFirst()
        default: break
        }
        var bce = false
        if let last = words.last, ["B.C.", "BC", "BCE", "B.C", "BC."].contains(last) {
            bce = true
            words.removeLast()
        }
        guard let yearWord = words.popLast(), words.count <= 2 else { return nil }
        guard let (year, dual) = parseYear(yearWord), year > 0 else { return nil }
        var month = 0
        var day = 0
        if let monthWord = words.popLast() {
            guard let number = MonthNames.number(of: monthWord, in: calendar) else { return nil }
            month = number
        }
        if let dayWord = words.popLast() {
            guard let number = Int(dayWord), number >= 1 else { return nil }
            day = number
        }
        let historical = bce ? -year : year
        if month > 0 {
            guard month <= calendar.monthCount(year: historical) else { return nil }
            if calendar == .hebrew, month == 7, !HebrewCalendar.isLeap(historical) { return nil }
            if day > 0, day > calendar.daysIn(month: month, year: historical) { return nil }
        }
        return (DMY(day: day, month: month, year: historical), calendar, bce ? nil : dual)
    }

    /// `1850` or the dual year `1731/32` (→ 1731, 1732) or `1799/00` (→ 1799, 1800).
    static func parseYear(_ word: String) -> (Int, Int?)? {
        let parts = word.split(separator: "/", omittingEmptySubsequences: false)
        guard let year = Int(parts[0]), parts[0].allSatisfy(\.isNumber), year <= DMY.supportedYears.upperBound else { return nil }
        guard parts.count == 2 else { return parts.count == 1 ? (year, nil) : nil }
        let suffix = parts[1]
        guard !suffix.isEmpty, suffix.count <= 4, let digits = Int(suffix), suffix.allSatisfy(\.isNumber) else { return nil }
        var modulus = 1
        for _ in 0..<suffix.count { modulus *= 10 }
        var dual = year - year % modulus + digits
        if dual <= year { dual += modulus }
        guard dual == year + 1 else { return nil }
        return (year, dual)
    }
}
