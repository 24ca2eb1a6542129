import Foundation
import GenewebCore
import GenewebSite

/// What an earlier version of a person or a family was, beside what the record is now, field
/// by field in the form's words; and the record that restoring it writes.
enum VersionComparison {
    struct Row {
        let label: String
        let then: String
        let now: String
    }

    /// The person form's fields on which the two differ (every field the form shows).
    static func rows(then: Person, now: Person, label: (String) -> String) -> [Row] {
        compare(PersonForm.values(of: then), PersonForm.values(of: now), skipping: { $0.hasSuffix(".origin") }, label: label)
    }

    /// A family's union, texts, parents and children (names in order) as they were and are.
    static func rows(then: Family, now: Family, names: [UUID: String], messages: Messages) -> [Row] {
        let labels = [
            "union.relation": messages["act.relation"], "union.marriage.date": messages["act.marriage_date"],
            "union.marriage.place": messages["act.marriage_place"], "union.marriage.note": messages["form.note"],
            "union.marriage.source": messages["form.source"], "union.divorce": messages["divorce"],
            "union.divorce.date": messages["divorce"] + " · " + messages["form.date"], "notes": messages["form.notes"],
            "sources": messages["form.sources"],
        ]
        func words(_ family: Family) -> [String: String] {
            var values = FamilyForm.values(of: family, parents: []).filter { !$0.key.hasPrefix("children.") }
            values["union.relation"] = values["union.relation"].map { messages["relation.\($0)"] }
            values["union.divorce"] = values["union.divorce"].map { messages["divorce.\($0)"] }
            values["parents"] = family.parents.map { names[$0.uuid] ?? "…" }.joined(separator: " & ")
            values["children"] = family.children.map { names[$0.uuid] ?? "…" }.joined(separator: ", ")
            return values
        }
        return compare(words(then), words(now), skipping: { _ in false }) { key in
            key == "parents" ? messages["parents"] : key == "children" ? messages["children"] : labels[key] ?? key
        }
    }

    private static func compare(_ then: [String: String], _ now: [String: String], skipping: (String) -> Bool, label: (String) -> String) -> [Row] {
        Set(then.keys).union(now.keys).sorted().compactMap { key in
            let old = then[key] ?? ""
            let new = now[key] ?? ""
            guard old != new, !skipping(key) else { return nil }
            return Row(label: label(key), then: old.isEmpty ? "—" : old, now: new.isEmpty ? "—" : new)
        }
    }

    /// The persons a version refers to (witnesses, related parents, family members).
    static func references(of person: Person) -> Set<UUID> {
        var ids = Set(person.events.flatMap { $0.witnesses.map(\.personID.uuid) })
        for related in person.relatedParents {
            if let father = related.fatherID { ids.insert(father.uuid) }
            if let mother = related.motherID { ids.insert(mother.uuid) }
        }
        return ids
    }

    /// The person restoring `then` writes: that version, with the attachments the record has
    /// now (media are attached and detached on their own) and without links to persons no longer
    /// in the base. Whether a link was left out is said on the page.
    static func restored(_ then: Person, now: Person, existing: Set<UUID>) -> (person: Person, droppedLinks: Bool) {
        var person = then
        person.mediaIDs = now.mediaIDs
        var dropped = false
        person.events = person.events.map { event in
            var event = event
            let kept = event.witnesses.filter { existing.contains($0.personID.uuid) }
            dropped = dropped || kept.count != event.witnesses.count
            event.witnesses = kept
            return event
        }
        person.relatedParents = person.relatedParents.compactMap { related in
            var related = related
            if let father = related.fatherID, !existing.contains(father.uuid) {
                related.fatherID = nil
                dropped = true
            }
            if let mother = related.motherID, !existing.contains(mother.uuid) {
                related.motherID = nil
                dropped = true
            }
            return related.fatherID == nil && related.motherID == nil ? nil : related
        }
        return (person, dropped)
    }

    /// The family restoring `then` writes: that version without members no longer in the base,
    /// with the attachments the family has now.
    static func restored(_ then: Family, now: Family, existing: Set<UUID>) -> (family: Family, droppedLinks: Bool) {
        var family = then
        family.mediaIDs = now.mediaIDs
        family.parents = then.parents.filter { existing.contains($0.uuid) }
        family.children = then.children.filter { existing.contains($0.uuid) }
        return (family, family.parents.count != then.parents.count || family.children.count != then.children.count)
    }
}
