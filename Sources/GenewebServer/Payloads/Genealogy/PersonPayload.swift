import Foundation
import GenewebCore
import GenewebStore

/// An event in responses.
struct EventPayload: Encodable {
    let kind: String
    let date: DatePayload?
    let place: String?
    let note: String?
    let source: String?
    let value: String?
    let reason: String?
    let age: String?
    let witnesses: [WitnessPayload]

    struct WitnessPayload: Encodable {
        let personID: String
        let kind: String
    }

    init(_ event: Event) {
        kind = event.kind.name
        date = event.date.map(DatePayload.init)
        place = event.place
        note = event.note
        source = event.source
        value = event.value
        reason = event.reason
        age = event.age
        witnesses = event.witnesses.map { WitnessPayload(personID: $0.personID.uuid.uuidString.lowercased(), kind: $0.kind.rawValue) }
    }
}

/// A title of nobility or office (GeneWeb's titles).
struct TitlePayload: Encodable {
    let title: String
    let place: String
    let name: String?
    let isMain: Bool
    let start: DatePayload?
    let end: DatePayload?
    let nth: Int

    init(_ title: Title) {
        self.title = title.title
        place = title.place
        switch title.name {
        case .main:
            name = nil
            isMain = true
        case .named(let text):
            name = text
            isMain = false
        case .none:
            name = nil
            isMain = false
        }
        start = title.start.map(DatePayload.init)
        end = title.end.map(DatePayload.init)
        nth = title.nth
    }
}

/// A person in responses: GeneWeb's fields with API.md's names, plus the Python API's flat
/// `last_name`, `birth_date`, `birth_place`, `death_date`, `death_place`.
struct PersonPayload: Encodable {
    let id: String
    let personID: String
    let key: String
    let firstName: String
    let surname: String
    let lastName: String
    let occurrence: Int
    let sex: String
    let publicName: String?
    let qualifiers: [String]
    let aliases: [String]
    let firstNamesAliases: [String]
    let surnameAliases: [String]
    let titles: [TitlePayload]
    let occupation: String?
    let birth: EventPayload?
    let baptism: EventPayload?
    let death: EventPayload?
    let burial: EventPayload?
    let deathType: String
    let events: [EventPayload]
    let notes: String?
    let psources: String?
    let access: String
    let birthDate: String?
    let birthPlace: String?
    let deathDate: String?
    let deathPlace: String?
    let isLiving: Bool
    let anonymized: Bool
    let privacy = "public"
    let version: Int
    let createdAt: String
    let updatedAt: String

    init(_ stored: Stored<Person>, isLiving: Bool) {
        let person = stored.value
        id = person.id.uuid.uuidString.lowercased()
        personID = id
        key = person.key
        firstName = person.firstName
        surname = person.surname
        lastName = person.surname
        occurrence = person.occurrence
        sex = person.sex.rawValue
        publicName = person.publicName
        qualifiers = person.qualifiers
        aliases = person.aliases
        firstNamesAliases = person.firstNameAliases
        surnameAliases = person.surnameAliases
        titles = person.titles.map(TitlePayload.init)
        occupation = person.occupation
        birth = person.birth.map(EventPayload.init)
        baptism = person.baptism.map(EventPayload.init)
        death = person.death.map(EventPayload.init)
        burial = person.burial.map(EventPayload.init)
        deathType = DeathTypeName.name(of: person.deathStatus)
        events = person.events.filter { !PersonInput.vitalKinds.contains($0.kind) }.map(EventPayload.init)
        notes = person.notes
        psources = person.sources
        access = person.access.rawValue
        birthDate = person.birth?.date.map(DatePayload.isoOrText)
        birthPlace = person.birth?.place
        deathDate = person.death?.date.map(DatePayload.isoOrText)
        deathPlace = person.death?.place
        self.isLiving = isLiving
        anonymized = Anonymizer.isAnonymized(person)
        version = stored.version
        createdAt = stored.createdAt
        updatedAt = stored.updatedAt
    }
}

/// What anonymous callers and viewers see of a living (or private) person: that they exist.
struct RestrictedPersonPayload: Encodable {
    let id: String
    let personID: String
    let privacy = "restricted"
    /// Only when the base's policy makes living persons' names public.
    let firstName: String?
    let surname: String?

    init(_ person: Person, showingName: Bool = false) {
        id = person.id.uuid.uuidString.lowercased()
        personID = id
        firstName = showingName ? person.firstName : nil
        surname = showingName ? person.surname : nil
    }
}

/// A person as the caller may see them.
enum VisiblePerson: Encodable {
    case full(PersonPayload)
    case restricted(RestrictedPersonPayload)

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .full(let payload): try payload.encode(to: encoder)
        case .restricted(let payload): try payload.encode(to: encoder)
        }
    }
}

/// GeneWeb's death statuses by their API names.
enum DeathTypeName {
    static func name(of status: DeathStatus) -> String {
        switch status {
        case .notDead: "not_dead"
        case .dead(let reason): reason == .unspecified ? "dead" : reason.rawValue
        case .deadYoung: "dead_young"
        case .deadDontKnowWhen: "dead_dont_know_when"
        case .dontKnowIfDead: "dont_know_if_dead"
        case .ofCourseDead: "of_course_dead"
        }
    }

    static func status(named name: String) -> DeathStatus? {
        switch name {
        case "not_dead": .notDead
        case "dead": .dead(.unspecified)
        case "dead_young": .deadYoung
        case "dead_dont_know_when": .deadDontKnowWhen
        case "dont_know_if_dead": .dontKnowIfDead
        case "of_course_dead": .ofCourseDead
        default: DeathReason(rawValue: name).map { .dead($0) }
        }
    }

    static let names =
        ["not_dead", "dead", "dead_young", "dead_dont_know_when", "dont_know_if_dead", "of_course_dead"]
        + DeathReason.allCases.filter { $0 != .unspecified }.map(\.rawValue)
}
