/// GDPR erasure of a person (article 17) that keeps the tree's shape: the record, its id, sex
/// and family links stay, so ancestors and descendants remain connected; everything that
/// identifies the person goes. With `keepYears`, dates are cut to their year (statistics by
/// century still work); without it they go too.
public enum Anonymizer {
    public static let placeholderName = "Anonymized"
    /// Marks an anonymized person in the stored document.
    public static let markerTag = "_ANONYMIZED"

    public static func anonymize(_ person: Person, occurrence: Int, keepYears: Bool, on date: String) -> Person {
        var result = Person(
            id: person.id, firstName: placeholderName, surname: placeholderName, occurrence: occurrence,
            sex: person.sex, access: .private, deathStatus: person.deathStatus
        )
        result.events = person.events.compactMap { event in
            guard keepYears, let year = event.date?.calendarDate?.dmy.year, event.kind == .birth || event.kind == .death else {
                return event.kind == .death ? Event(kind: .death) : nil
            }
            let dmy = DMY(year: year)
            return Event(kind: event.kind, date: .calendar(CalendarDate(dmy, calendar: event.date?.calendarDate?.calendar ?? .gregorian)))
        }
        result.extensions = [ExtensionNode(tag: markerTag, value: date)]
        return result
    }

    public static func isAnonymized(_ person: Person) -> Bool {
        person.extensions.contains { $0.tag == markerTag }
    }
}
