import Foundation
import GenewebCore

/// One event of a request body, the same for persons and families: a person's `birth` or
/// `events` item, a family's `marriage` or `events` item.
///
/// `fields` is the one description of the shape: `apply` reads a body with it and `schema`
/// documents it in the OpenAPI document, so the two cannot disagree. Our names and the Python
/// API's are both read (`kind`, `type`, `event_name`; `value`, `name`; `kind`, `witness_kind`).
///
/// Witness kinds follow one rule on both routes: a witness without a kind is a plain witness; a
/// kind that is neither ours nor the Python API's is refused (422), never quietly read as a plain
/// witness, since a godparent or an officer recorded as a mere witness is a lost fact.
struct EventInput {
    /// What a field of an event holds, and so how it is read and documented.
    enum Value {
        /// The event's kind (only in lists of events, where the kind is not the field's name).
        case kind
        /// The name of a `custom` event.
        case customName
        /// A GeneWeb or GEDCOM date text.
        case date
        /// A text of at most `limit` characters, or null.
        case text(limit: Int)
        /// `[{person_id, kind}]`.
        case witnesses
    }

    struct Field {
        /// Our name first, then the synonyms we also read.
        let names: [String]
        let value: Value
    }

    static let fields: [Field] = [
        Field(names: ["kind", "type", "event_name"], value: .kind),
        Field(names: ["custom_name"], value: .customName),
        Field(names: ["date"], value: .date),
        Field(names: ["place"], value: .text(limit: 500)),
        Field(names: ["note"], value: .text(limit: 100_000)),
        Field(names: ["source"], value: .text(limit: 10_000)),
        Field(names: ["value", "name"], value: .text(limit: 500)),
        Field(names: ["reason"], value: .text(limit: 500)),
        Field(names: ["age"], value: .text(limit: 50)),
        Field(names: ["witnesses"], value: .witnesses),
    ]

    /// The names a witness's kind is read under, ours first.
    static let witnessKindNames = ["kind", "witness_kind"]

    /// The Python API's witness kinds, where they differ from ours.
    static let pythonWitnessKinds: [String: WitnessKind] = [
        "witness_civilofficer": .witnessCivilOfficer, "witness_religiousofficer": .witnessReligiousOfficer,
    ]

    /// Every witness kind a body may name.
    static var witnessKinds: [String] { WitnessKind.allCases.map(\.rawValue) + pythonWitnessKinds.keys.sorted() }

    private static let fieldsByName: [String: Field] = Dictionary(
        uniqueKeysWithValues: fields.flatMap { field in field.names.map { ($0, field) } })

    private(set) var errors: [FieldError] = []
    /// Every witness named, with the field that named it, for the existence checks.
    private(set) var references: [(field: String, id: UUID)] = []

    /// The kind name the body gave (`kind` or a synonym), for the owner to resolve.
    private(set) var kindName: String?
    /// The name of a `custom` event, when the body gave one.
    private(set) var customName: String?

    /// `object` applied to `event`; `field` is where the event sits in the body, for errors.
    /// With `allowKind` false (a `birth` or `marriage` object, whose field names the kind) a
    /// kind is refused.
    mutating func apply(_ object: [String: Any], to event: inout Event, field: String, allowKind: Bool) {
        for (key, value) in object.sorted(by: { $0.key < $1.key }) {
            let path = "\(field).\(key)"
            guard let description = Self.fieldsByName[key] else {
                fail(path, "is not a field of an event")
                continue
            }
            switch description.value {
            case .kind, .customName:
                guard allowKind else {
                    fail(path, "is not a field of an event")
                    continue
                }
                guard let name = value as? String, !name.isEmpty, name.count <= 100 else {
                    fail(path, description.value.isKind ? "must be an event kind" : "must be a text of at most 100 characters")
                    continue
                }
                if description.value.isKind { kindName = name } else { customName = name }
            case .date:
                if value is NSNull {
                    event.date = nil
                    continue
                }
                guard let text = value as? String else {
                    fail(path, "must be a date text")
                    continue
                }
                switch DateInput.parse(text) {
                case .success(let date): event.date = date
                case .failure(let error): fail(path, error.message)
                }
            case .text(let limit):
                let text = optionalText(path, value, limit: limit)
                switch key {
                case "place": event.place = text
                case "note": event.note = text
                case "source": event.source = text
                case "reason": event.reason = text
                case "age": event.age = text
                default: event.value = text
                }
            case .witnesses:
                if let witnesses = witnesses(path, value) { event.witnesses = witnesses }
            }
        }
    }

    /// The kind the body named, for a list of events: `custom` takes its name from
    /// `custom_name` (or, as the Python API allowed, from `value`, which it then empties);
    /// other names are resolved by `resolve` (persons and families read a few names
    /// differently). Nil, with a field error, when no kind was given.
    mutating func kind(of event: inout Event, field: String, resolve: (String) -> EventKind) -> EventKind? {
        guard let kindName else {
            fail("\(field).kind", "is required")
            return nil
        }
        guard kindName == "custom" else { return resolve(kindName) }
        if let customName { return .custom(customName) }
        guard let name = event.value else {
            fail("\(field).custom_name", "is required for a custom event")
            return nil
        }
        event.value = nil
        return .custom(name)
    }

    private mutating func witnesses(_ path: String, _ value: Any) -> [Witness]? {
        guard let list = value as? [Any] else {
            fail(path, "must be a list")
            return nil
        }
        return list.enumerated().compactMap { index, item in
            guard let object = item as? [String: Any], let raw = object["person_id"] as? String, let id = UUID(uuidString: raw) else {
                fail("\(path).\(index)", "must be {person_id, kind}")
                return nil
            }
            references.append(("\(path).\(index).person_id", id))
            let given = Self.witnessKindNames.lazy.compactMap { name in object[name].map { (name, $0) } }.first
            guard let (name, raw) = given else { return Witness(personID: PersonID(id), kind: .witness) }
            guard let text = raw as? String, let kind = WitnessKind(rawValue: text) ?? Self.pythonWitnessKinds[text] else {
                fail("\(path).\(index).\(name)", "must be one of \(Self.witnessKinds.joined(separator: ", "))")
                return nil
            }
            return Witness(personID: PersonID(id), kind: kind)
        }
    }

    private mutating func optionalText(_ field: String, _ value: Any, limit: Int) -> String? {
        let read = OptionalTextField.read(value, limit: limit)
        if let refusal = read.refusal { fail(field, refusal) }
        return read.text
    }

    mutating func fail(_ field: String, _ message: String) {
        errors.append(FieldError(field: field, message: message))
    }
}

extension EventInput.Value {
    fileprivate var isKind: Bool {
        if case .kind = self { true } else { false }
    }
}

// MARK: OpenAPI

extension EventInput {
    /// The JSON schema of an event in a request body, from `fields`. With `kind` false, the
    /// shape of a `birth` or `marriage` object, whose field already names the kind.
    static func schema(kind: Bool) -> [String: Any] {
        var properties: [String: Any] = [:]
        for field in fields {
            switch field.value {
            case .kind, .customName: guard kind else { continue }
            default: break
            }
            for name in field.names { properties[name] = schema(of: field.value) }
        }
        return ["type": "object", "properties": properties, "additionalProperties": false]
    }

    private static func schema(of value: Value) -> [String: Any] {
        switch value {
        case .kind: return ["type": "string", "minLength": 1, "maxLength": 100, "description": "Event kind (`custom` with custom_name)"]
        case .customName: return ["type": "string", "minLength": 1, "maxLength": 100, "description": "Name of a custom event"]
        case .date: return ["type": ["string", "null"], "description": "A GeneWeb or GEDCOM date text"]
        case .text(let limit): return ["type": ["string", "null"], "maxLength": limit]
        case .witnesses:
            let kind: [String: Any] = [
                "type": "string", "enum": witnessKinds,
                "description": "Absent: a plain witness; any other name is refused",
            ]
            var properties: [String: Any] = ["person_id": ["type": "string", "format": "uuid"]]
            for name in witnessKindNames { properties[name] = kind }
            return ["type": "array", "items": ["type": "object", "properties": properties, "required": ["person_id"]]]
        }
    }
}
