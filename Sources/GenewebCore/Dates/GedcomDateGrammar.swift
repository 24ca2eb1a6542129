/// The shape of a GEDCOM date value, checked word by word without asking whether the date
/// exists: `31 NOV 1900` and `_ROMAN 5 XI 1900` have the shape of a date though the model holds
/// neither. Used to write such values back as values instead of phrases.
///
/// GEDCOM 7: `[ABT|CAL|EST|BEF|AFT|TO] date`, `BET date AND date`, `FROM date [TO date]`, where
/// `date = [calendar] [[day] month] year [epoch]`, a calendar or epoch may be an extension tag
/// (`_ROMAN`), a month any tag. GEDCOM 5.5.1 is the same with `@#DJULIAN@`-style calendar
/// escapes, `B.C.` and dual years, and without extension tags.
enum GedcomDateGrammar {
    /// `text` in the syntax of `version` when its words have the shape of a date value there;
    /// nil otherwise. Text already in that syntax comes back as it is (case and spaces kept);
    /// text in the other version's gets its calendars and epochs in this version's words.
    static func value(_ text: String, in version: GedcomDateVersion) -> String? {
        let original = text.uppercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        var words = original
        guard !words.isEmpty, words.count <= 16 else { return nil }
        var index = 0
        while index + 1 < words.count {
            if words[index] == "@#DFRENCH", words[index + 1] == "R@" { words.replaceSubrange(index...index + 1, with: ["@#DFRENCH R@"]) }
            index += 1
        }
        var output: [String] = []
        var rest = words[...]
        switch rest.first {
        case "ABT", "CAL", "EST", "BEF", "AFT", "TO":
            output.append(rest.removeFirst())
            guard let date = date(rest, version) else { return nil }
            output += date
        case "BET":
            rest.removeFirst()
            guard let and = rest.firstIndex(of: "AND"), let first = date(rest[..<and], version),
                let second = date(rest[(and + 1)...], version)
            else { return nil }
            output += ["BET"] + first + ["AND"] + second
        case "FROM":
            rest.removeFirst()
            let to = rest.firstIndex(of: "TO") ?? rest.endIndex
            guard let first = date(rest[..<to], version) else { return nil }
            output += ["FROM"] + first
            if to < rest.endIndex {
                guard let second = date(rest[(to + 1)...], version) else { return nil }
                output += ["TO"] + second
            }
        default:
            guard let date = date(rest, version) else { return nil }
            output += date
        }
        return output == original ? text : output.joined(separator: " ")
    }

    /// `[calendar] [[day] month] year [epoch]`, rewritten in the words of `version`.
    private static func date(_ input: ArraySlice<String>, _ version: GedcomDateVersion) -> [String]? {
        var words = input
        var output: [String] = []
        var calendar = "GREGORIAN"
        if let first = words.first, let name = calendarName(first) {
            words.removeFirst()
            calendar = name
            guard let written = calendarWord(name, version) else { return nil }
            output.append(written)
        }
        var epoch: String?
        if let last = words.last, let name = epochName(last) {
            words.removeLast()
            guard let written = epochWord(name, version) else { return nil }
            epoch = written
        }
        guard (1...3).contains(words.count), let year = words.last, isYear(year, version, calendar: calendar) else { return nil }
        if words.count >= 2, !isMonth(words[words.index(words.endIndex, offsetBy: -2)], calendar: calendar) { return nil }
        if words.count == 3, !isInteger(words[words.startIndex]) { return nil }
        return output + words + (epoch.map { [$0] } ?? [])
    }

    /// A calendar word of either version: GREGORIAN, JULIAN, FRENCH_R, HEBREW or an extension tag.
    private static func calendarName(_ word: String) -> String? {
        switch word {
        case "@#DGREGORIAN@", "GREGORIAN": "GREGORIAN"
        case "@#DJULIAN@", "JULIAN": "JULIAN"
        case "@#DFRENCH R@", "FRENCH_R": "FRENCH_R"
        case "@#DHEBREW@", "HEBREW": "HEBREW"
        default: isExtensionTag(word) ? word : nil
        }
    }

    private static func calendarWord(_ name: String, _ version: GedcomDateVersion) -> String? {
        guard version == .v551 else { return name }
        switch name {
        case "GREGORIAN": return "@#DGREGORIAN@"
        case "JULIAN": return "@#DJULIAN@"
        case "FRENCH_R": return "@#DFRENCH R@"
        case "HEBREW": return "@#DHEBREW@"
        default: return nil
        }
    }

    private static func epochName(_ word: String) -> String? {
        ["B.C.", "BC", "BCE"].contains(word) ? "BCE" : isExtensionTag(word) ? word : nil
    }

    private static func epochWord(_ name: String, _ version: GedcomDateVersion) -> String? {
        guard version == .v551 else { return name }
        return name == "BCE" ? "B.C." : nil
    }

    /// A year: digits; in 5.5.1 Gregorian dates also a dual year (`1731/32`).
    private static func isYear(_ word: String, _ version: GedcomDateVersion, calendar: String) -> Bool {
        if isInteger(word) { return true }
        let parts = word.split(separator: "/", omittingEmptySubsequences: false)
        return version == .v551 && calendar == "GREGORIAN" && parts.count == 2 && parts.allSatisfy { isInteger(String($0)) }
    }

    private static func isInteger(_ word: String) -> Bool {
        !word.isEmpty && word.count <= 9 && word.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// A month: one of its calendar's (`NOV`, `VEND`), any tag in an extension calendar.
    private static func isMonth(_ word: String, calendar: String) -> Bool {
        let standard: DateCalendar? =
            switch calendar {
            case "GREGORIAN": .gregorian
            case "JULIAN": .julian
            case "FRENCH_R": .french
            case "HEBREW": .hebrew
            default: nil
            }
        guard let standard else { return isTag(word) }
        return MonthNames.codes(for: standard).contains(word)
    }

    private static func isTag(_ word: String) -> Bool {
        guard let first = word.utf8.first else { return false }
        let rest = word.utf8.dropFirst()
        let tagCharacters = rest.allSatisfy {
            ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "_")
        }
        return tagCharacters && ((first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z")) || (first == UInt8(ascii: "_") && !rest.isEmpty))
    }

    private static func isExtensionTag(_ word: String) -> Bool {
        word.hasPrefix("_") && isTag(word)
    }
}
