import Foundation
import GenewebCore
import GenewebSite

/// The person form: a person shown as form fields, and a posted form applied to a person.
///
/// The fields are named as the JSON API's body (`first_name`, `birth.date`, `events.2.place`),
/// and the names, the four main events and the titles are read by the API's own parser
/// (`PersonInput`), so the form accepts exactly what `PATCH /persons/{id}` accepts. Nothing the
/// form does not show is lost: the form is applied to the stored person, the main events keep
/// their witnesses and citations, and each other event row names the event it came from
/// (`events.N.origin`), which keeps whatever the row does not show.
enum PersonForm {
    static let vitalKinds = ["birth", "baptism", "death", "burial"]
    static let listFields = ["qualifiers", "aliases", "first_names_aliases", "surname_aliases"]
    /// Blank rows offered for new events and titles (no script needed to add one).
    static let blankRows = 2
    static let maximumRows = 200

    /// The kinds an "other event" row may take: personal events except the four main ones.
    static let otherEventKinds: [String] = EventKind.knownNames.filter { name in
        let kind = EventKind(name: name)
        return !kind.isFamilyEvent && !PersonInput.vitalKinds.contains(kind)
    }

    /// What the form shows for `person`: every field as text. `witnessKeys` gives the keys of
    /// the persons who witness its events (`WitnessInput.keys`); without it the witnesses
    /// fields are left out, and a form without them keeps the witnesses as they are.
    static func values(of person: Person, witnessKeys: [UUID: String]? = nil) -> [String: String] {
        var values: [String: String] = [
            "first_name": person.firstName, "surname": person.surname, "occurrence": String(person.occurrence),
            "public_name": person.publicName ?? "", "sex": person.sex.rawValue, "access": person.access.rawValue,
            "occupation": person.occupation ?? "", "notes": person.notes ?? "", "sources": person.sources ?? "",
            "death_type": DeathTypeName.name(of: person.deathStatus),
            "qualifiers": person.qualifiers.joined(separator: "\n"), "aliases": person.aliases.joined(separator: "\n"),
            "first_names_aliases": person.firstNameAliases.joined(separator: "\n"),
            "surname_aliases": person.surnameAliases.joined(separator: "\n"),
        ]
        for name in vitalKinds {
            guard let event = person.event(EventKind(name: name)) else { continue }
            values["\(name).date"] = event.date.map(dateText) ?? ""
            values["\(name).place"] = event.place ?? ""
            values["\(name).note"] = event.note ?? ""
            values["\(name).source"] = event.source ?? ""
            if let witnessKeys { values["\(name).witnesses"] = witnessLines(event, witnessKeys) }
        }
        for (row, (origin, event)) in otherEvents(of: person).enumerated() {
            let kind = event.kind
            if case .custom(let name) = kind {
                values["events.\(row).kind"] = "custom"
                values["events.\(row).custom_name"] = name
            } else {
                values["events.\(row).kind"] = kind.name
            }
            values["events.\(row).origin"] = String(origin)
            values["events.\(row).date"] = event.date.map(dateText) ?? ""
            values["events.\(row).place"] = event.place ?? ""
            values["events.\(row).note"] = event.note ?? ""
            values["events.\(row).source"] = event.source ?? ""
            if let witnessKeys { values["events.\(row).witnesses"] = witnessLines(event, witnessKeys) }
        }
        for (row, title) in person.titles.enumerated() {
            values["titles.\(row).origin"] = String(row)
            values["titles.\(row).title"] = title.title
            values["titles.\(row).place"] = title.place
            values["titles.\(row).start"] = title.start.map(dateText) ?? ""
            values["titles.\(row).end"] = title.end.map(dateText) ?? ""
            if title.name == .main { values["titles.\(row).main"] = "on" }
        }
        return values
    }

    private static func witnessLines(_ event: Event, _ keys: [UUID: String]) -> String {
        event.witnesses.compactMap { keys[$0.personID.uuid] }.joined(separator: "\n")
    }

    /// A date as the form shows it: GEDCOM's words (`ABT 1850`, `BET 1750 AND 1760`), which
    /// the form reads back unchanged.
    static func dateText(_ date: GenealogyDate) -> String {
        date.gedcomValue(.v551).value
    }

    /// The person's events other than the main four, with their position in `events`.
    static func otherEvents(of person: Person) -> [(Int, Event)] {
        person.events.enumerated().filter { !PersonInput.vitalKinds.contains($0.element.kind) }.map { ($0.offset, $0.element) }
    }

    /// The form's values as posted (text areas and all), for showing the form again.
    static func values(of form: SiteForm) -> [String: String] {
        var values: [String: String] = [:]
        for (name, value) in form.fields where values[name] == nil && name != "csrf" { values[name] = value }
        return values
    }

    /// The number of event and title rows the form holds, up to its last row with something in
    /// it (blank rows offered by the previous page are not counted, so Check does not add more).
    static func rows(_ prefix: String, in values: [String: String]) -> Int {
        var count = 0
        for (key, value) in values where key.hasPrefix(prefix + ".") && !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            let parts = key.split(separator: ".")
            if parts.count == 3, let row = Int(parts[1]), row >= 0, row < maximumRows { count = max(count, row + 1) }
        }
        return count
    }

    /// `form` applied to `stored` (nil: a new person). The errors are by field name. `witnesses`
    /// resolves the lines of the witnesses fields (`WitnessInput.resolve`); without it, or for
    /// an event whose field was not posted, the witnesses stay as they are.
    static func apply(_ values: [String: String], to stored: Person?, witnesses: [String: UUID]? = nil) -> (person: Person, errors: [FieldError]) {
        var person = stored ?? Person(firstName: "", surname: "")
        var errors: [FieldError] = []
        func text(_ name: String) -> String? {
            guard let value = values[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
            return value
        }
        var object: [String: Any] = [:]
        for name in ["first_name", "surname"] {
            if let value = text(name) { object[name] = value } else { errors.append(FieldError(field: name, message: "required")) }
        }
        if let raw = text("occurrence") {
            if let number = Int(raw), (0..<100_000).contains(number) {
                object["occurrence"] = number
            } else {
                errors.append(FieldError(field: "occurrence", message: "must be an integer from 0"))
            }
        }
        for name in ["public_name", "occupation", "notes", "sources"] { object[name] = text(name) ?? NSNull() }
        for name in ["sex", "access", "death_type"] { if let value = text(name) { object[name] = value } }
        for name in listFields {
            object[name] = (values[name] ?? "").split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        for name in vitalKinds {
            let parts = ["date", "place", "note", "source"]
            let kind = EventKind(name: name)
            let existing = person.event(kind)
            let keepsWitnesses =
                witnesses != nil && values["\(name).witnesses"] != nil ? text("\(name).witnesses") != nil : !(existing?.witnesses.isEmpty ?? true)
            if parts.allSatisfy({ text("\(name).\($0)") == nil }), !keepsWitnesses, existing?.citations.isEmpty ?? true {
                object[name] = NSNull()
            } else {
                object[name] = Dictionary(uniqueKeysWithValues: parts.map { ($0, text("\(name).\($0)") as Any? ?? NSNull()) })
            }
        }
        var titles: [[String: Any]] = []
        var titleOrigins: [Int?] = []
        for row in 0..<rows("titles", in: values) {
            let prefix = "titles.\(row)."
            guard let title = text(prefix + "title") else {
                if ["place", "start", "end"].contains(where: { text(prefix + $0) != nil }) {
                    errors.append(FieldError(field: prefix + "title", message: "required"))
                }
                continue
            }
            var item: [String: Any] = ["title": title, "place": text(prefix + "place") ?? ""]
            if let start = text(prefix + "start") { item["start"] = start }
            if let end = text(prefix + "end") { item["end"] = end }
            let origin = text(prefix + "origin").flatMap(Int.init).flatMap { person.titles.indices.contains($0) ? $0 : nil }
            if values[prefix + "main"] != nil {
                item["is_main"] = true
            } else if let origin, case .named(let name) = person.titles[origin].name {
                item["name"] = name
            }
            if let origin { item["nth"] = person.titles[origin].nth }
            titles.append(item)
            titleOrigins.append(origin)
        }
        object["titles"] = titles

        let original = person
        var input = PersonInput()
        input.apply(object, to: &person, complete: false)
        errors += input.errors
        if let witnesses {
            for name in vitalKinds {
                let kind = EventKind(name: name)
                guard let text = values["\(name).witnesses"], let index = person.events.firstIndex(where: { $0.kind == kind }) else { continue }
                person.events[index].witnesses = WitnessInput.witnesses(text, ids: witnesses, before: original.event(kind)?.witnesses ?? [])
            }
        }
        // Titles keep what the form does not show (their GEDCOM extensions).
        for (index, origin) in titleOrigins.enumerated() where index < person.titles.count {
            if let origin { person.titles[index].extensions = original.titles[origin].extensions }
        }

        var others: [Event] = []
        for row in 0..<rows("events", in: values) {
            let prefix = "events.\(row)."
            let fields = ["date", "place", "note", "source", "witnesses"]
            guard let kindName = text(prefix + "kind") else {
                if fields.contains(where: { text(prefix + $0) != nil }) { errors.append(FieldError(field: prefix + "kind", message: "required")) }
                continue
            }
            let origin = text(prefix + "origin").flatMap(Int.init).flatMap { original.events.indices.contains($0) ? original.events[$0] : nil }
            var event = origin ?? Event(kind: .custom(""))
            var item: [String: Any] = ["kind": kindName]
            if let custom = text(prefix + "custom_name") { item["custom_name"] = custom }
            for field in fields where field != "witnesses" { item[field] = text(prefix + field) ?? NSNull() }
            var eventInput = EventInput()
            eventInput.apply(item, to: &event, field: "events.\(row)", allowKind: true)
            if let kind = eventInput.kind(of: &event, field: "events.\(row)", resolve: EventKind.init(name:)) {
                if PersonInput.vitalKinds.contains(kind) || kind.isFamilyEvent {
                    errors.append(FieldError(field: prefix + "kind", message: "is not a personal event here"))
                }
                event.kind = kind
            }
            errors += eventInput.errors
            if let witnesses, let lines = values[prefix + "witnesses"] {
                event.witnesses = WitnessInput.witnesses(lines, ids: witnesses, before: origin?.witnesses ?? [])
            }
            others.append(event)
        }
        person.events = person.events.filter { PersonInput.vitalKinds.contains($0.kind) } + others
        input = PersonInput()
        input.checkConsistency(of: person)
        errors += input.errors
        return (person, errors)
    }
}
