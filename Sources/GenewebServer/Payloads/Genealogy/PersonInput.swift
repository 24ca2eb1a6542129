import Foundation
import GenewebCore

/// Applies a person's JSON (POST, PUT or PATCH) to a `Person`, collecting every problem as a
/// field error. Unknown fields are refused, so a typo never silently drops data. The Python
/// API's names (`last_name`, `birth_date`, `visibility_level`...) are accepted too.
struct PersonInput {
    static let vitalKinds: Set<EventKind> = [.birth, .baptism, .death, .burial]
    /// Fields of our responses that a client may send back unchanged; they are ignored.
    static let readOnly: Set<String> = ["id", "person_id", "key", "version", "created_at", "updated_at", "privacy", "is_living"]

    /// Every field a person's body may hold: the parser reads these names and no other, the
    /// OpenAPI document's `PersonInput` is made of them.
    static var fields: [BodyField] {
        let event = BodyField.nullable("VitalEventInput")
        let text = BodyField.text(nullable: true)
        return [
            BodyField("first_name", schema: BodyField.text(maxLength: 100)),
            BodyField("surname", "last_name", schema: BodyField.text(maxLength: 100)),
            BodyField("occurrence", schema: BodyField.integer),
            BodyField("sex", schema: BodyField.choice(["male", "female", "unknown", "m", "f", "u"])),
            BodyField("public_name", schema: BodyField.text(nullable: true, maxLength: 200)),
            BodyField("occupation", schema: BodyField.text(nullable: true, maxLength: 255)),
            BodyField("notes", schema: BodyField.text(nullable: true, maxLength: 100_000)),
            BodyField("psources", "sources", schema: BodyField.text(nullable: true, maxLength: 10_000)),
            BodyField("image", schema: BodyField.text(nullable: true, maxLength: 1000)),
            BodyField("qualifiers", schema: BodyField.list(BodyField.text(maxLength: 200))),
            BodyField("aliases", schema: BodyField.list(BodyField.text(maxLength: 200))),
            BodyField("first_names_aliases", schema: BodyField.list(BodyField.text(maxLength: 200))),
            BodyField("surname_aliases", schema: BodyField.list(BodyField.text(maxLength: 200))),
            BodyField("access", schema: BodyField.choice(["public", "private", "iftitles"])),
            BodyField("visibility_level", schema: BodyField.choice(["public", "family", "restricted", "private"])),
            BodyField("death_type", schema: BodyField.choice(DeathTypeName.names)),
            BodyField("birth", schema: event), BodyField("baptism", schema: event), BodyField("death", schema: event),
            BodyField("burial", schema: event),
            BodyField("birth_date", schema: text), BodyField("birth_place", schema: text), BodyField("death_date", schema: text),
            BodyField("death_place", schema: text), BodyField("baptism_date", schema: text), BodyField("baptism_place", schema: text),
            BodyField("burial_date", schema: text), BodyField("burial_place", schema: text),
            BodyField("events", schema: BodyField.list(BodyField.ref("EventInput"))),
            BodyField(
                "titles",
                schema: BodyField.list(
                    BodyField.object([
                        "title": BodyField.text(maxLength: 200), "place": BodyField.text(), "name": BodyField.text(), "is_main": BodyField.boolean,
                        "start": BodyField.text(), "end": BodyField.text(), "nth": BodyField.integer,
                    ]))),
            BodyField("anonymized", schema: BodyField.boolean), BodyField("is_deleted", schema: BodyField.boolean),
            BodyField("creator_notes", schema: BodyField.text(nullable: true, maxLength: 1000)),
        ]
    }

    static let fieldNames = BodyField.names(of: fields)

    /// The OpenAPI schema of a person's body.
    static var schema: [String: Any] {
        BodyField.schema(of: fields, description: "A person, whole (POST, PUT) or in part (PATCH); unknown fields are refused")
    }

    private(set) var errors: [FieldError] = []

    /// `object` applied to `person`. With `complete` (POST, PUT) the names are required.
    mutating func apply(_ object: [String: Any], to person: inout Person, complete: Bool) {
        if complete {
            if object["first_name"] == nil { errors.append(FieldError(field: "first_name", message: "is required")) }
            if object["surname"] == nil, object["last_name"] == nil { errors.append(FieldError(field: "surname", message: "is required (or last_name)")) }
        }
        for (field, value) in object.sorted(by: { $0.key < $1.key }) {
            apply(field, value, to: &person)
        }
    }

    private mutating func apply(_ field: String, _ value: Any, to person: inout Person) {
        guard Self.fieldNames.contains(field) else {
            if !Self.readOnly.contains(field) { fail(field, "is not a field of a person") }
            return
        }
        switch field {
        case "first_name": if let name = name(field, value) { person.firstName = name }
        case "surname", "last_name": if let name = name(field, value) { person.surname = name }
        case "occurrence":
            guard let number = value as? Int, number >= 0, number < 100_000, !(value is Bool) else {
                return fail(field, "must be an integer from 0")
            }
            person.occurrence = number
        case "sex":
            switch (value as? String)?.lowercased() {
            case "male", "m": person.sex = .male
            case "female", "f": person.sex = .female
            case "unknown", "u", "": person.sex = .unknown
            default: fail(field, "must be male, female or unknown")
            }
        case "public_name": person.publicName = optionalText(field, value, limit: 200)
        case "occupation": person.occupation = optionalText(field, value, limit: 255)
        case "notes": person.notes = optionalText(field, value, limit: 100_000)
        case "psources", "sources": person.sources = optionalText(field, value, limit: 10_000)
        case "image": person.image = optionalText(field, value, limit: 1000)
        case "qualifiers": if let list = texts(field, value) { person.qualifiers = list }
        case "aliases": if let list = texts(field, value) { person.aliases = list }
        case "first_names_aliases": if let list = texts(field, value) { person.firstNameAliases = list }
        case "surname_aliases": if let list = texts(field, value) { person.surnameAliases = list }
        case "access":
            guard let raw = value as? String, let access = GenewebCore.Access(rawValue: raw.lowercased()) else {
                return fail(field, "must be public, private or iftitles")
            }
            person.access = access
        case "visibility_level":
            switch (value as? String)?.lowercased() {
            case "public": person.access = .public
            case "private": person.access = .private
            case "family", "restricted": person.access = .ifTitles
            default: fail(field, "must be public, family, restricted or private")
            }
        case "death_type":
            guard let raw = value as? String, let status = DeathTypeName.status(named: raw) else {
                return fail(field, "must be one of \(DeathTypeName.names.joined(separator: ", "))")
            }
            person.deathStatus = status
        case "birth", "baptism", "death", "burial":
            let kind = EventKind(name: field)
            if value is NSNull { return person.events.removeAll { $0.kind == kind } }
            guard let object = value as? [String: Any] else { return fail(field, "must be an object {date, place, note, source} or null") }
            var event = person.events.first { $0.kind == kind } ?? Event(kind: kind)
            applyEvent(object, to: &event, field: field, allowKind: false)
            setVital(event, in: &person)
        case "birth_date", "birth_place", "death_date", "death_place", "baptism_date", "baptism_place", "burial_date", "burial_place":
            let parts = field.split(separator: "_")
            let kind = EventKind(name: String(parts[0]))
            var event = person.events.first { $0.kind == kind } ?? Event(kind: kind)
            applyEvent([String(parts[1]): value], to: &event, field: String(parts[0]), allowKind: false)
            if event.date == nil, event.place == nil, event.note == nil, event.source == nil {
                person.events.removeAll { $0.kind == kind }
            } else {
                setVital(event, in: &person)
            }
        case "events":
            guard let list = value as? [Any] else { return fail(field, "must be a list of events") }
            var events: [Event] = []
            for (index, item) in list.enumerated() {
                guard let object = item as? [String: Any] else {
                    fail("events.\(index)", "must be an object")
                    continue
                }
                var event = Event(kind: .custom(""))
                applyEvent(object, to: &event, field: "events.\(index)", allowKind: true)
                if Self.vitalKinds.contains(event.kind) || event.kind.isFamilyEvent {
                    fail(
                        "events.\(index).kind",
                        "\(event.kind.name) is not a personal event here (use birth, baptism, death, burial fields; family events belong to families)")
                }
                events.append(event)
            }
            person.events = person.events.filter { Self.vitalKinds.contains($0.kind) } + events
        case "titles":
            guard let list = value as? [Any] else { return fail(field, "must be a list of titles") }
            person.titles = list.enumerated().compactMap { index, item in title(item, field: "titles.\(index)") }
        case "anonymized", "is_deleted":
            if (value as? Bool) == true { fail(field, "can only be false here (use the anonymize and delete routes)") }
        case "creator_notes":
            let text = optionalText(field, value, limit: 1000)
            person.extensions.removeAll { $0.tag == "_CREATOR_NOTE" }
            if let text { person.extensions.append(ExtensionNode(tag: "_CREATOR_NOTE", value: text)) }
        default:
            // Only a documented field this switch forgot lands here (BodyFieldTests applies each).
            fail(field, "is not a field of a person")
        }
    }

    private func setVital(_ event: Event, in person: inout Person) {
        if let index = person.events.firstIndex(where: { $0.kind == event.kind }) {
            person.events[index] = event
        } else {
            person.events.insert(event, at: person.events.prefix { Self.vitalKinds.contains($0.kind) }.count)
        }
    }

    /// Reads an event with the one event shape (`EventInput`), keeping its errors.
    private mutating func applyEvent(_ object: [String: Any], to event: inout Event, field: String, allowKind: Bool) {
        var input = EventInput()
        input.apply(object, to: &event, field: field, allowKind: allowKind)
        if allowKind, let kind = input.kind(of: &event, field: field, resolve: EventKind.init(name:)) { event.kind = kind }
        errors += input.errors
    }

    private mutating func title(_ item: Any, field: String) -> Title? {
        guard let object = item as? [String: Any], let text = object["title"] as? String, !text.isEmpty, text.count <= 200 else {
            fail("\(field).title", "is required (at most 200 characters)")
            return nil
        }
        var title = Title(title: text, place: (object["place"] as? String) ?? "")
        if (object["is_main"] as? Bool) == true { title.name = .main } else if let name = object["name"] as? String { title.name = .named(name) }
        for key in ["start", "end"] {
            guard let raw = object[key] as? String else { continue }
            switch DateInput.parse(raw) {
            case .success(let date): if key == "start" { title.start = date } else { title.end = date }
            case .failure(let error): fail("\(field).\(key)", error.message)
            }
        }
        if let nth = object["nth"], !(nth is NSNull) {
            if let number = nth as? Int, !(nth is Bool), (0...10_000).contains(number) {
                title.nth = number
            } else {
                fail("\(field).nth", "must be a whole number from 0 to 10000")
            }
        }
        return title
    }

    private mutating func name(_ field: String, _ value: Any) -> String? {
        guard let text = (value as? String)?.trimmingCharacters(in: .whitespaces), !text.isEmpty, text.count <= 100 else {
            fail(field, "must be a non-empty text of at most 100 characters")
            return nil
        }
        guard !text.contains(where: { $0.isNewline }) else {
            fail(field, "must be on one line")
            return nil
        }
        return text
    }

    private mutating func optionalText(_ field: String, _ value: Any, limit: Int) -> String? {
        let read = OptionalTextField.read(value, limit: limit)
        if let refusal = read.refusal { fail(field, refusal) }
        return read.text
    }

    private mutating func texts(_ field: String, _ value: Any) -> [String]? {
        guard let list = value as? [String], list.allSatisfy({ $0.count <= 200 }), list.count <= 100 else {
            fail(field, "must be a list of at most 100 texts of at most 200 characters")
            return nil
        }
        return list
    }

    private mutating func fail(_ field: String, _ message: String) {
        errors.append(FieldError(field: field, message: message))
    }

    /// Checks between fields once everything is applied: death not before birth.
    mutating func checkConsistency(of person: Person) {
        if let birth = (person.birth ?? person.baptism)?.date?.calendarDate, let death = (person.death ?? person.burial)?.date?.calendarDate,
            death.isCertainlyBefore(birth)
        {
            fail("death.date", "is before the birth")
        }
    }
}
