/// GEDCOM month codes per calendar, in month-number order.
enum MonthNames {
    static let gregorian = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    /// Vendémiaire … Fructidor, then the complementary days.
    static let french = ["VEND", "BRUM", "FRIM", "NIVO", "PLUV", "VENT", "GERM", "FLOR", "PRAI", "MESS", "THER", "FRUC", "COMP"]
    /// From Tishri (civil year order); ADR is Adar (Adar I in leap years), ADS Adar II.
    static let hebrew = ["TSH", "CSH", "KSL", "TVT", "SHV", "ADR", "ADS", "NSN", "IYR", "SVN", "TMZ", "AAV", "ELL"]
    /// Full English names, accepted on input from tolerant files ("12 January 1850").
    static let englishFull = ["JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"]

    static func codes(for calendar: DateCalendar) -> [String] {
        switch calendar {
        case .gregorian, .julian: gregorian
        case .french: french
        case .hebrew: hebrew
        }
    }

    /// The month number of a code, 1-based; nil when the code is not a month of that calendar.
    static func number(of token: String, in calendar: DateCalendar) -> Int? {
        if let index = codes(for: calendar).firstIndex(of: token) { return index + 1 }
        if calendar == .gregorian || calendar == .julian {
            if let index = englishFull.firstIndex(of: token) { return index + 1 }
            if token.hasSuffix("."), let index = gregorian.firstIndex(of: String(token.dropLast())) { return index + 1 }
        }
        return nil
    }
}
