import Foundation
import GenewebCore

/// What the `persons` row and the `person_words` rows hold about a person besides the document,
/// so that search, name lists, statistics and the privacy rule run in SQL on indexed columns.
struct PersonIndexEntry {
    /// Which name a word belongs to; `person_words.field`.
    enum Field: String {
        case firstName = "f"
        case surname = "s"
        /// Public name, aliases and qualifiers ("Louis le Grand", "dit Lafleur").
        case otherName = "a"
        /// Place of birth (or baptism when the birth has none).
        case birthPlace = "p"
    }

    struct Word: Hashable {
        let field: Field
        let word: String
        let phonetic: String
    }

    /// 1 when a death, burial or GeneWeb death status is recorded.
    let deceased: Int
    let access: String
    /// The latest day the birth (or baptism) may denote: the living rule's age test.
    let birthLatest: Int?
    /// Month × 100 + day of a birth/death known to the day, in the Gregorian calendar, for anniversaries.
    let birthMonthDay: Int?
    let deathMonthDay: Int?
    /// Gregorian year of the birth (or baptism) and of the death (or burial), for statistics by century.
    let birthYear: Int?
    let deathYear: Int?
    let words: [Word]
    /// Each distinct place of the person's events: its folded key (accents, case and punctuation
    /// ignored, for grouping) and the text as first written.
    let places: [(key: String, name: String)]

    /// Characters of a word that are indexed and searched. PostgreSQL refuses a B-tree entry over
    /// 2,704 bytes: a name of 600 CJK characters in one word, with its sound key beside it in
    /// `person_words_by_sound_field`, made its person impossible to write. No one types a longer
    /// word in a search; a longer query word is cut the same way and still finds the name.
    static let wordLimit = 100

    static func indexed(_ word: Substring) -> String {
        String(word.prefix(wordLimit))
    }

    init(_ person: Person) {
        deceased = person.deathStatus.isDead || person.death != nil || person.burial != nil ? 1 : 0
        access = person.access.rawValue
        let birth = person.birth?.date ?? person.baptism?.date
        birthLatest = birth?.calendarDate?.latestJulianDay
        birthMonthDay = Self.monthDay(person.birth?.date ?? person.baptism?.date)
        deathMonthDay = Self.monthDay(person.death?.date ?? person.burial?.date)
        birthYear = (person.birth?.date ?? person.baptism?.date)?.sortKey.map { DateCalendar.gregorian.date(julianDay: $0).year }
        deathYear = (person.death?.date ?? person.burial?.date)?.sortKey.map { DateCalendar.gregorian.date(julianDay: $0).year }
        var words: [Word] = []
        var seen: Set<Word> = []
        func add(_ text: String?, _ field: Field) {
            guard let text else { return }
            for word in NameNormalizer.key(text).split(separator: " ").map(Self.indexed) {
                let entry = Word(field: field, word: word, phonetic: field == .birthPlace ? "" : PhoneticKey.key(word))
                if seen.insert(entry).inserted { words.append(entry) }
            }
        }
        add(person.firstName, .firstName)
        for name in person.firstNameAliases { add(name, .firstName) }
        add(person.surname, .surname)
        for name in person.surnameAliases { add(name, .surname) }
        add(person.publicName, .otherName)
        for name in person.aliases { add(name, .otherName) }
        for name in person.qualifiers { add(name, .otherName) }
        add(person.birth?.place?.nonEmpty ?? person.baptism?.place, .birthPlace)
        self.words = words
        var places: [(key: String, name: String)] = []
        var placeKeys: Set<String> = []
        for event in person.events {
            // At most 500 characters of a place are indexed (the input's own limit).
            guard let place = event.place?.trimmingCharacters(in: .whitespacesAndNewlines), !place.isEmpty else { continue }
            let name = String(place.prefix(500))
            let key = NameNormalizer.key(name)
            if !key.isEmpty, placeKeys.insert(key).inserted { places.append((key, name)) }
        }
        self.places = places
    }

    /// Month and day of a date known to the day, as `month * 100 + day` in the Gregorian calendar.
    static func monthDay(_ date: GenealogyDate?) -> Int? {
        guard let calendarDate = date?.calendarDate, calendarDate.precision == .sure,
            calendarDate.dmy.day > 0, calendarDate.dmy.month > 0
        else { return nil }
        let day = DateCalendar.gregorian.date(julianDay: calendarDate.sortKey)
        return day.month * 100 + day.day
    }
}

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
