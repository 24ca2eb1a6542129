import Foundation
import GenewebCore

/// Applies a family's JSON (POST, PUT or PATCH) to a `Family`. Accepts our names (`parents`,
/// `children_ids`, `marriage`, `divorce`) and the Python API's (`father_ids`, `mother_ids`,
/// `marriage_date`, `divorce_info`, events with `event_name`). Unknown fields are refused.
struct FamilyInput {
    static let readOnly: Set<String> = ["id", "family_id", "version", "created_at", "updated_at", "children", "success", "message", "family"]

    /// Every field a family's body may hold: the parser reads these names and no other, the
    /// OpenAPI document's `FamilyInput` is made of them.
    static var fields: [BodyField] {
        let ids = BodyField.list(BodyField.text(format: "uuid"))
        let text = BodyField.text(nullable: true)
        return [
            BodyField("relation", schema: BodyField.choice(RelationKind.allCases.map(\.rawValue))),
            BodyField("parents", schema: ids), BodyField("father_ids", schema: ids), BodyField("mother_ids", schema: ids),
            BodyField("children_ids", schema: ids),
            BodyField("comment", schema: BodyField.text(nullable: true, maxLength: 10_000)),
            BodyField("notes", schema: BodyField.text(nullable: true, maxLength: 100_000)),
            BodyField("fsources", "sources", schema: BodyField.text(nullable: true, maxLength: 10_000)),
            BodyField("marriage", schema: BodyField.nullable("VitalEventInput")),
            BodyField("marriage_date", schema: text), BodyField("marriage_place", schema: text), BodyField("marriage_source", schema: text),
            BodyField("marriage_note", schema: text),
            BodyField(
                "divorce", "divorce_info",
                schema: [
                    "type": ["object", "null"],
                    "properties": [
                        "divorce_status": BodyField.choice(["not_divorced", "divorced", "separated"]),
                        "status": BodyField.choice(["not_divorced", "divorced", "separated"]), "divorce_date": text, "date": text,
                    ],
                ]),
            BodyField("events", schema: BodyField.list(BodyField.ref("EventInput"))),
        ]
    }

    static let fieldNames = BodyField.names(of: fields)

    /// The OpenAPI schema of a family's body.
    static var schema: [String: Any] {
        BodyField.schema(of: fields, description: "A family, whole (POST, PUT) or in part (PATCH); unknown fields are refused")
    }

    private(set) var errors: [FieldError] = []
    /// Every person id named, with the field that named it, for the existence checks.
    private(set) var references: [(field: String, id: UUID)] = []

    mutating func apply(_ object: [String: Any], to family: inout Family) {
        var fathers: [UUID]?
        var mothers: [UUID]?
        for (field, value) in object.sorted(by: { $0.key < $1.key }) {
            guard Self.fieldNames.contains(field) else {
                if !Self.readOnly.contains(field) { fail(field, "is not a field of a family") }
                continue
            }
            switch field {
            case "relation":
                guard let raw = value as? String, let relation = RelationKind(rawValue: raw.lowercased()) else {
                    fail(field, "must be one of \(RelationKind.allCases.map(\.rawValue).joined(separator: ", "))")
                    continue
                }
                family.relation = relation
            case "parents":
                if let ids = personIDs(field, value) { family.parents = ids.map(PersonID.init) }
            case "father_ids": fathers = personIDs(field, value)
            case "mother_ids": mothers = personIDs(field, value)
            case "children_ids": if let ids = personIDs(field, value) { family.children = ids.map(PersonID.init) }
            case "comment": family.comment = text(field, value, limit: 10_000)
            case "notes": family.notes = text(field, value, limit: 100_000)
            case "fsources", "sources": family.sources = text(field, value, limit: 10_000)
            case "marriage":
                if value is NSNull {
                    family.events.removeAll { $0.kind == .marriage }
                    continue
                }
                guard let object = value as? [String: Any] else {
                    fail(field, "must be an object {date, place, note, source} or null")
                    continue
                }
                var event = family.marriage ?? Event(kind: .marriage)
                applyEvent(object, to: &event, field: field, allowKind: false)
                setMarriage(event, in: &family)
            case "marriage_date", "marriage_place", "marriage_source", "marriage_note":
                var event = family.marriage ?? Event(kind: .marriage)
                applyEvent([String(field.dropFirst("marriage_".count)): value], to: &event, field: "marriage", allowKind: false)
                setMarriage(event, in: &family)
            case "divorce", "divorce_info":
                if value is NSNull {
                    family.divorce = .notDivorced
                    continue
                }
                guard let object = value as? [String: Any] else {
                    fail(field, "must be {divorce_status, divorce_date} or null")
                    continue
                }
                var date: GenealogyDate?
                if let raw = object["divorce_date"] as? String ?? object["date"] as? String {
                    switch DateInput.parse(raw) {
                    case .success(let parsed): date = parsed
                    case .failure(let error): fail("\(field).divorce_date", error.message)
                    }
                }
                switch (object["divorce_status"] as? String ?? object["status"] as? String ?? "divorced").lowercased() {
                case "not_divorced": family.divorce = .notDivorced
                case "divorced": family.divorce = .divorced(date)
                case "separated": family.divorce = .separated(date)
                default: fail("\(field).divorce_status", "must be not_divorced, divorced or separated")
                }
            case "events":
                guard let list = value as? [Any] else {
                    fail(field, "must be a list of events")
                    continue
                }
                var events: [Event] = []
                for (index, item) in list.enumerated() {
                    guard let object = item as? [String: Any] else {
                        fail("events.\(index)", "must be an object")
                        continue
                    }
                    var event = Event(kind: .custom(""))
                    applyEvent(object, to: &event, field: "events.\(index)", allowKind: true)
                    events.append(event)
                }
                family.events = events
            default:
                // Only a documented field this switch forgot lands here (BodyFieldTests applies each).
                fail(field, "is not a field of a family")
            }
        }
        if fathers != nil || mothers != nil {
            if object["parents"] != nil {
                fail("parents", "give either parents or father_ids/mother_ids, not both")
            } else {
                family.parents = ((fathers ?? []) + (mothers ?? [])).map(PersonID.init)
            }
        }
    }

    private func setMarriage(_ event: Event, in family: inout Family) {
        if let index = family.events.firstIndex(where: { $0.kind == .marriage }) {
            family.events[index] = event
        } else {
            family.events.insert(event, at: 0)
        }
    }

    /// The Python API's family event names, where they differ from ours.
    static let pythonEventNames: [String: String] = [
        "engage": "engagement", "separated": "separation", "annulation": "annulment", "residence": "family_residence",
    ]

    /// Reads an event with the one event shape (`EventInput`), keeping its errors and the
    /// witnesses it names. A list's kind must be a family one; unknown names are kept as custom
    /// family events, as GeneWeb's `fevt` does.
    private mutating func applyEvent(_ object: [String: Any], to event: inout Event, field: String, allowKind: Bool) {
        var input = EventInput()
        input.apply(object, to: &event, field: field, allowKind: allowKind)
        if allowKind, let kind = input.kind(of: &event, field: field, resolve: { EventKind(name: Self.pythonEventNames[$0] ?? $0) }) {
            event.kind = kind
            let isCustom = if case .custom = kind { true } else { false }
            if !isCustom, !kind.isFamilyEvent {
                input.fail("\(field).kind", "\(kind.name) is a personal event, not a family one")
            }
        }
        errors += input.errors
        references += input.references
    }

    private mutating func personIDs(_ field: String, _ value: Any) -> [UUID]? {
        guard let list = value as? [Any], list.count <= 1000 else {
            fail(field, "must be a list of person ids")
            return nil
        }
        var ids: [UUID] = []
        for (index, item) in list.enumerated() {
            let raw = (item as? String) ?? ((item as? [String: Any])?["person_id"] as? String)
            guard let raw, let id = UUID(uuidString: raw) else {
                fail("\(field).\(index)", "is not a person id")
                continue
            }
            ids.append(id)
            references.append(("\(field).\(index)", id))
        }
        return ids
    }

    private mutating func text(_ field: String, _ value: Any, limit: Int) -> String? {
        if value is NSNull { return nil }
        guard let text = value as? String, text.count <= limit else {
            fail(field, "must be a text of at most \(limit) characters or null")
            return nil
        }
        return text.isEmpty ? nil : text
    }

    private mutating func fail(_ field: String, _ message: String) {
        errors.append(FieldError(field: field, message: message))
    }
}
