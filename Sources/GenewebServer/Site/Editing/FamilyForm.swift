import Foundation
import GenewebCore

/// The family form: both spouses' main data (names, birth, death), the union (kind, marriage,
/// divorce), its notes and sources, and the children's order — one page, saved in one
/// transaction. Fields: `parent.N.first_name`, `parent.N.birth.date`…, `union.relation`,
/// `union.marriage.date`…, `union.divorce`, `union.divorce.date`, `notes`, `sources`,
/// `children.N.id` and `children.N.position`. What the form does not show is kept: the
/// marriage keeps its witnesses and citations, the family its other events, the spouses
/// everything but their names and the dates and places of their birth and death.
enum FamilyForm {
    static let divorceChoices = ["not_divorced", "divorced", "separated"]

    static func values(of family: Family, parents: [Person]) -> [String: String] {
        var values: [String: String] = [
            "union.relation": family.relation.rawValue, "notes": family.notes ?? "", "sources": family.sources ?? "",
        ]
        for (index, parent) in parents.enumerated() {
            for (name, value) in mainValues(of: parent) { values["parent.\(index).\(name)"] = value }
        }
        if let marriage = family.marriage {
            values["union.marriage.date"] = marriage.date.map(PersonForm.dateText) ?? ""
            values["union.marriage.place"] = marriage.place ?? ""
            values["union.marriage.note"] = marriage.note ?? ""
            values["union.marriage.source"] = marriage.source ?? ""
        }
        switch family.divorce {
        case .notDivorced: values["union.divorce"] = "not_divorced"
        case .divorced(let date):
            values["union.divorce"] = "divorced"
            values["union.divorce.date"] = date.map(PersonForm.dateText) ?? ""
        case .separated(let date):
            values["union.divorce"] = "separated"
            values["union.divorce.date"] = date.map(PersonForm.dateText) ?? ""
        }
        for (index, child) in family.children.enumerated() {
            values["children.\(index).id"] = child.uuid.uuidString.lowercased()
            values["children.\(index).position"] = String(index + 1)
        }
        return values
    }

    /// A spouse's fields on the family form.
    static func mainValues(of person: Person) -> [String: String] {
        var values = ["first_name": person.firstName, "surname": person.surname]
        for kind in ["birth", "death"] {
            let event = person.event(EventKind(name: kind))
            values["\(kind).date"] = event?.date.map(PersonForm.dateText) ?? ""
            values["\(kind).place"] = event?.place ?? ""
        }
        return values
    }

    /// A spouse's main data from the fields at `prefix`, applied to the stored person by the
    /// API's parser; only these fields change.
    static func applyMain(_ values: [String: String], prefix: String, to stored: Person) -> (Person, [FieldError]) {
        func text(_ name: String) -> String? {
            guard let value = values["\(prefix).\(name)"]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
            return value
        }
        var errors: [FieldError] = []
        var object: [String: Any] = [:]
        for name in ["first_name", "surname"] {
            if let value = text(name) { object[name] = value } else { errors.append(FieldError(field: "\(prefix).\(name)", message: "required")) }
        }
        for kind in ["birth", "death"] {
            let existing = stored.event(EventKind(name: kind))
            let date = text("\(kind).date")
            let place = text("\(kind).place")
            let keepsMore = existing.map { $0.note != nil || $0.source != nil || !$0.witnesses.isEmpty || !$0.citations.isEmpty } ?? false
            if date == nil, place == nil, !keepsMore {
                object[kind] = NSNull()
            } else {
                object[kind] = ["date": date as Any? ?? NSNull(), "place": place as Any? ?? NSNull()]
            }
        }
        var person = stored
        var input = PersonInput()
        input.apply(object, to: &person, complete: false)
        input.checkConsistency(of: person)
        errors += input.errors.map { FieldError(field: "\(prefix).\($0.field)", message: $0.message) }
        return (person, errors)
    }

    /// The union's fields applied to the stored family; the children in the order of their
    /// position numbers (ties keep the current order; a child the form does not list stays,
    /// after the others).
    static func apply(_ values: [String: String], to stored: Family) -> (Family, [FieldError]) {
        var family = stored
        var errors: [FieldError] = []
        func text(_ name: String) -> String? {
            guard let value = values[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
            return value
        }
        if let raw = text("union.relation") {
            if let relation = RelationKind(rawValue: raw) {
                family.relation = relation
            } else {
                errors.append(FieldError(field: "union.relation", message: "is not a kind of union"))
            }
        }
        let parts = ["date", "place", "note", "source"]
        var marriage = stored.marriage ?? Event(kind: .marriage)
        let keepsMore = !marriage.witnesses.isEmpty || !marriage.citations.isEmpty
        if parts.allSatisfy({ text("union.marriage.\($0)") == nil }), !keepsMore {
            family.events.removeAll { $0.kind == .marriage }
        } else {
            var input = EventInput()
            input.apply(
                Dictionary(uniqueKeysWithValues: parts.map { ($0, text("union.marriage.\($0)") as Any? ?? NSNull()) }), to: &marriage,
                field: "union.marriage", allowKind: false)
            errors += input.errors
            if let index = family.events.firstIndex(where: { $0.kind == .marriage }) {
                family.events[index] = marriage
            } else {
                family.events.insert(marriage, at: 0)
            }
        }
        var divorceDate: GenealogyDate?
        if let raw = text("union.divorce.date") {
            switch DateInput.parse(raw) {
            case .success(let date): divorceDate = date
            case .failure(let error): errors.append(FieldError(field: "union.divorce.date", message: error.message))
            }
        }
        switch text("union.divorce") ?? "not_divorced" {
        case "not_divorced": family.divorce = .notDivorced
        case "divorced": family.divorce = .divorced(divorceDate)
        case "separated": family.divorce = .separated(divorceDate)
        default: errors.append(FieldError(field: "union.divorce", message: "is not a choice"))
        }
        family.notes = text("notes")
        family.sources = text("sources")

        var ranked: [(position: Int, index: Int, child: PersonID)] = []
        var listed: Set<PersonID> = []
        for (index, child) in stored.children.enumerated() {
            guard let row = (0..<stored.children.count).first(where: { values["children.\($0).id"] == child.uuid.uuidString.lowercased() }) else {
                continue
            }
            let raw = text("children.\(row).position") ?? String(index + 1)
            guard let position = Int(raw), (0...10_000).contains(position) else {
                errors.append(FieldError(field: "children.\(row).position", message: "must be a number"))
                continue
            }
            ranked.append((position, index, child))
            listed.insert(child)
        }
        family.children =
            ranked.sorted { ($0.position, $0.index) < ($1.position, $1.index) }.map(\.child)
            + stored.children.filter { !listed.contains($0) }
        return (family, errors)
    }
}
