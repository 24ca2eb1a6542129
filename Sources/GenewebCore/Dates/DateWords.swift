/// A date in words for people to read, in English or French, as GeneWeb's pages write them:
/// "about 1850", "12 March 1701 (Julian)", "between 1750 and 1760", "vers 1850",
/// "le 12 mars 1701 (julien)" without the article, "4 Brumaire an II".
public enum DateWords {
    public enum Language: String, Sendable, CaseIterable {
        case english = "en"
        case french = "fr"
    }

    public static func text(_ date: GenealogyDate, _ language: Language) -> String {
        switch date {
        case .text(let text): return text
        case .calendar(let date, _): return text(date, language)
        }
    }

    public static func text(_ date: CalendarDate, _ language: Language) -> String {
        let first = dmy(date.dmy, date.calendar, language, dualYear: date.dualYear)
        let english = language == .english
        let phrase: String
        switch date.precision {
        case .sure: phrase = first
        case .about: phrase = (english ? "about " : "vers ") + first
        case .maybe: phrase = (english ? "perhaps " : "peut-être ") + first
        case .estimated: phrase = (english ? "estimated " : "estimé ") + first
        case .calculated: phrase = (english ? "calculated " : "calculé ") + first
        case .before: phrase = (english ? "before " : "avant ") + first
        case .after: phrase = (english ? "after " : "après ") + first
        case .from: phrase = (english ? "from " : "depuis ") + first
        case .to: phrase = (english ? "until " : "jusqu’à ") + first
        case .orYear(let second):
            phrase = first + (english ? " or " : " ou ") + dmy(second, date.secondDateCalendar, language, dualYear: nil)
        case .between(let second):
            phrase = (english ? "between " : "entre ") + first + (english ? " and " : " et ") + dmy(second, date.secondDateCalendar, language, dualYear: nil)
        case .fromTo(let second):
            phrase = (english ? "from " : "de ") + first + (english ? " to " : " à ") + dmy(second, date.secondDateCalendar, language, dualYear: nil)
        }
        switch date.calendar {
        case .gregorian, .french, .hebrew: return phrase
        case .julian: return phrase + (english ? " (Julian)" : " (julien)")
        }
    }

    /// The year alone, for short lines ("1850", "~1850", "<1850"); nil for text dates.
    public static func year(_ date: GenealogyDate) -> String? {
        guard let calendarDate = date.calendarDate, calendarDate.dmy.year != 0 else { return nil }
        let year = yearText(calendarDate.dmy.year, calendarDate.calendar, .english)
        switch calendarDate.precision {
        case .sure, .orYear, .fromTo, .from, .to: return year
        case .about, .maybe, .estimated, .calculated, .between: return "~" + year
        case .before: return "<" + year
        case .after: return ">" + year
        }
    }

    private static func dmy(_ dmy: DMY, _ calendar: DateCalendar, _ language: Language, dualYear: Int?) -> String {
        var year = yearText(dmy.year, calendar, language)
        if let dualYear { year += "/" + String(String(abs(dualYear)).suffix(2)) }
        guard dmy.month > 0 else { return year }
        let names = monthNames(calendar, language)
        let month = names.indices.contains(dmy.month - 1) ? names[dmy.month - 1] : String(dmy.month)
        if dmy.day > 0 {
            let day = language == .french && dmy.day == 1 ? "1er" : String(dmy.day)
            return "\(day) \(month) \(year)"
        }
        return "\(month) \(year)"
    }

    private static func yearText(_ year: Int, _ calendar: DateCalendar, _ language: Language) -> String {
        if calendar == .french && year > 0 { return (language == .english ? "year " : "an ") + roman(year) }
        if year < 0 { return "\(-year) " + (language == .english ? "BC" : "av. J.-C.") }
        return String(year)
    }

    /// Years of the French republican calendar are written in Roman numerals (an II).
    static func roman(_ number: Int) -> String {
        guard number > 0 && number < 4000 else { return String(number) }
        let values = [
            (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"),
            (1, "I"),
        ]
        var rest = number
        var text = ""
        for (value, letters) in values {
            while rest >= value {
                text += letters
                rest -= value
            }
        }
        return text
    }

    private static func monthNames(_ calendar: DateCalendar, _ language: Language) -> [String] {
        switch (calendar, language) {
        case (.gregorian, .english), (.julian, .english):
            ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        case (.gregorian, .french), (.julian, .french):
            ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
        case (.french, _):
            [
                "Vendémiaire", "Brumaire", "Frimaire", "Nivôse", "Pluviôse", "Ventôse", "Germinal", "Floréal", "Prairial", "Messidor",
                "Thermidor", "Fructidor", language == .english ? "complementary days" : "jours complémentaires",
            ]
        case (.hebrew, _):
            ["Tishri", "Heshvan", "Kislev", "Tevet", "Shevat", "Adar", "Adar II", "Nisan", "Iyar", "Sivan", "Tamuz", "Av", "Elul"]
        }
    }
}
