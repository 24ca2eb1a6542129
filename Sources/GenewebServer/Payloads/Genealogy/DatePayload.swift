import GenewebCore

/// A date in responses: the text as GEDCOM writes it and its structured form (API.md).
struct DatePayload: Encodable {
    let text: String
    let calendar: String?
    let precision: String?
    let year: Int?
    let month: Int?
    let day: Int?
    let sortKey: Int?

    init(_ date: GenealogyDate) {
        text = date.gedcomValue(.v551).value
        let calendarDate = date.calendarDate
        calendar = calendarDate?.calendar.rawValue
        precision = calendarDate?.precision.name
        year = calendarDate?.dmy.year
        month = calendarDate.flatMap { $0.dmy.month == 0 ? nil : $0.dmy.month }
        day = calendarDate.flatMap { $0.dmy.day == 0 ? nil : $0.dmy.day }
        sortKey = date.sortKey
    }

    /// `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`) for a plain Gregorian date, the GEDCOM text otherwise:
    /// the Python API's `birth_date` field.
    static func isoOrText(_ date: GenealogyDate) -> String {
        if let value = date.calendarDate, value.calendar == .gregorian, value.precision == .sure, value.dmy.year > 0 {
            let dmy = value.dmy
            let year = String(format: "%04d", dmy.year)
            if dmy.month == 0 { return year }
            if dmy.day == 0 { return "\(year)-\(String(format: "%02d", dmy.month))" }
            return "\(year)-\(String(format: "%02d", dmy.month))-\(String(format: "%02d", dmy.day))"
        }
        return date.gedcomValue(.v551).value
    }
}

/// Dates in requests: ISO `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`), GEDCOM syntax (`ABT 1850`,
/// `BET 1750 AND 1760`, `@#DJULIAN@ 3 MAR 1700`...), GeneWeb's syntax (`1/3/1701J`, `~1850`,
/// `1750..1760`), or free text in parentheses, which GeneWeb
/// keeps as a text date. A date that names no real day (31 FEB 1850) is refused unless it is
/// given as text: `(31 FEB 1850)`.
enum DateInput {
    /// The most digits a number of a date may have (years up to 99999).
    static let maximumDigits = 5

    static func parse(_ raw: String) -> Result<GenealogyDate, DateInputError> {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return .failure(DateInputError("must not be empty (send null to remove it)")) }
        guard text.count <= 200 else { return .failure(DateInputError("at most 200 characters")) }
        // Bounded before any calendar computes with them: no year of a calendar here needs more
        // than five digits, and a longer one could overflow day counts. Text in parentheses is
        // kept as it is.
        if !text.hasPrefix("("), text.split(whereSeparator: { !$0.isASCII || !$0.isNumber }).contains(where: { $0.count > maximumDigits }) {
            return .failure(DateInputError("has a number of more than \(maximumDigits) digits"))
        }
        if let iso = isoDate(text) { return iso }
        var parsed = GenealogyDate(gedcom: text.hasPrefix("(") ? text : text.uppercased())
        // Not GEDCOM: GeneWeb's own syntax, as its forms and `.gw` files write dates
        // (`1/3/1701J`, `~1850`, `<1700`, `1750..1760`), which has no spaces.
        if parsed?.calendarDate == nil, !text.hasPrefix("("), !text.contains(" "), case .calendar? = GenealogyDate(geneweb: text) {
            parsed = GenealogyDate(geneweb: text)
        }
        guard let date = parsed else {
            return .failure(DateInputError("is not a date"))
        }
        switch date {
        case .text:
            if text.hasPrefix("("), text.hasSuffix(")") { return .success(date) }
            return .failure(DateInputError("is not a date GeneWeb understands; put free text in parentheses, e.g. \"(about Easter 1850)\""))
        case .calendar(let value, _):
            let dates = [(value.dmy, value.calendar)] + (value.precision.secondDate.map { [($0, value.secondDateCalendar)] } ?? [])
            for (dmy, calendar) in dates where !isReal(dmy, calendar) {
                return .failure(DateInputError("names no real day; send \"(\(text))\" to keep it as text"))
            }
            return .success(date)
        }
    }

    private static func isReal(_ dmy: DMY, _ calendar: DateCalendar) -> Bool {
        if dmy.month == 0 { return dmy.year != 0 }
        if dmy.day == 0 { return dmy.year != 0 && (1...calendar.monthCount(year: dmy.year)).contains(dmy.month) }
        return calendar.isValid(year: dmy.year, month: dmy.month, day: dmy.day)
    }

    private static func isoDate(_ text: String) -> Result<GenealogyDate, DateInputError>? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, parts.dropFirst().allSatisfy({ $0.count == 2 }),
            parts.allSatisfy({ $0.allSatisfy(\.isNumber) })
        else { return nil }
        let numbers = parts.compactMap { Int($0) }
        let dmy = DMY(day: numbers.count > 2 ? numbers[2] : 0, month: numbers.count > 1 ? numbers[1] : 0, year: numbers[0])
        guard isReal(dmy, .gregorian) else { return .failure(DateInputError("names no real day; send \"(\(text))\" to keep it as text")) }
        return .success(.calendar(CalendarDate(dmy)))
    }
}

/// Why a date in a request was refused; the message completes "birth.date ...".
struct DateInputError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
