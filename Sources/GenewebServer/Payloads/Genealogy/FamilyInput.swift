import Foundation
import GenewebCore

/// Applies a family's JSON (POST, PUT or PATCH) to a `Family`. Accepts our names (`parents`,
/// `children_ids`, `marriage`, `divorce`) and the Python API's (`father_ids`, `mother_ids`,
/// `marriage_date`, `divorce_info`, events with `event_name`). Unknown fields are refused.
struct FamilyInput {
    static let readOnly: Set<String> = ["id", "family_id", "version", "created_at", "updated_at", "children", "success", "message", "family"]

    private(set) var errors: [FieldError] = []
    /// Every person id named, with the field that named it, for the existence checks.
    private(set) var references: [(field: String, id: UUID)] = []

    mutating func apply(_ object: [String: Any], to family: inout Family) {
        var fathers: [UUID]?
        var mothers: [UUID]?
        for (field, value) in object.sorted(by: { $0.key < $1.key }) {
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
                if !Self.readOnly.contains(field) { fail(field, "is not a field of a family") }
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
    /// The Python API's witness kinds, where they differ from ours.
    static let pythonWitnessKinds: [String: WitnessKind] = [
        "witness_civilofficer": .witnessCivilOfficer, "witness_religiousofficer": .witnessReligiousOfficer,
    ]

    private mutating func applyEvent(_ object: [String: Any], to event: inout Event, field: String, allowKind: Bool) {
        var kindName: String?
        for (key, value) in object.sorted(by: { $0.key < $1.key }) {
            let path = "\(field).\(key)"
            switch key {
            case "kind" where allowKind, "event_name" where allowKind:
                guard let name = value as? String, !name.isEmpty, name.count <= 100 else {
                    fail(path, "must be an event kind")
                    continue
                }
                kindName = Self.pythonEventNames[name] ?? name
            case "custom_name" where allowKind:
                if let name = value as? String, !name.isEmpty { event.value = name }
            case "date":
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
            case "place": event.place = text(path, value, limit: 500)
            case "note": event.note = text(path, value, limit: 100_000)
            case "source": event.source = text(path, value, limit: 10_000)
            case "reason": event.reason = text(path, value, limit: 500)
            case "value": event.value = text(path, value, limit: 500)
            case "witnesses":
                guard let list = value as? [Any] else {
                    fail(path, "must be a list")
                    continue
                }
                event.witnesses = list.enumerated().compactMap { index, item in
                    guard let object = item as? [String: Any], let raw = object["person_id"] as? String, let id = UUID(uuidString: raw) else {
                        fail("\(path).\(index)", "must be {person_id, kind}")
                        return nil
                    }
                    references.append(("\(path).\(index).person_id", id))
                    let name = (object["witness_kind"] ?? object["kind"]) as? String ?? "witness"
                    guard let kind = WitnessKind(rawValue: name) ?? Self.pythonWitnessKinds[name] else {
                        fail("\(path).\(index).kind", "is not a witness kind")
                        return nil
                    }
                    return Witness(personID: PersonID(id), kind: kind)
                }
            default:
                fail(path, "is not a field of an event")
            }
        }
        if allowKind {
            guard let kindName else { return fail("\(field).event_name", "is required") }
            if kindName == "custom" {
                guard let name = event.value, !name.isEmpty else { return fail("\(field).custom_name", "is required for a custom event") }
                event.kind = .custom(name)
                event.value = nil
            } else {
                event.kind = EventKind(name: kindName)
                if !event.kind.isFamilyEvent, case .custom = event.kind {
                    // Unknown names are kept as custom family events, as GeneWeb's `fevt` does.
                } else if !event.kind.isFamilyEvent {
                    fail("\(field).event_name", "\(kindName) is a personal event, not a family one")
                }
            }
        }
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
