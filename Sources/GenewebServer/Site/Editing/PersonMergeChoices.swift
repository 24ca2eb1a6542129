import Foundation
import GenewebCore
import GenewebSite

/// What the merge page compares, and the person a merge keeps: for each fact on which the two
/// records differ, the editor's choice (`choice.<fact>` = `kept` or `other`, and `both` for
/// notes and sources); everything that is a list is the two lists together (events, titles,
/// aliases, citations, related parents, notes and media links), and a name not chosen becomes
/// an alias, so a merge loses nothing.
enum PersonMergeChoices {
    struct Fact {
        let key: String
        let label: String
        let kept: String
        let other: String
        let allowsBoth: Bool
    }

    static let vitalKinds: [EventKind] = [.birth, .baptism, .death, .burial]

    /// The facts on which the two records differ, in the page's words.
    static func differences(_ kept: Person, _ other: Person, messages: Messages, people: SitePeople) -> [Fact] {
        func event(_ person: Person, _ kind: EventKind) -> String {
            person.event(kind).map(people.eventSummary) ?? ""
        }
        var facts: [Fact] = []
        func add(_ key: String, _ label: String, _ a: String, _ b: String, both: Bool = false) {
            if a != b { facts.append(Fact(key: key, label: label, kept: a, other: b, allowsBoth: both)) }
        }
        add("name", messages["form_names"], "\(SitePeople.name(kept)) (\(kept.key))", "\(SitePeople.name(other)) (\(other.key))")
        add("public_name", messages["form.public_name"], kept.publicName ?? "", other.publicName ?? "")
        add("sex", messages["form.sex"], messages["sex.\(kept.sex.rawValue)"], messages["sex.\(other.sex.rawValue)"])
        add("access", messages["form.access"], messages["access.\(kept.access.rawValue)"], messages["access.\(other.access.rawValue)"])
        add(
            "death_type", messages["form.death_type"], messages["death.\(DeathTypeName.name(of: kept.deathStatus))"],
            messages["death.\(DeathTypeName.name(of: other.deathStatus))"])
        add("occupation", messages["form.occupation"], kept.occupation ?? "", other.occupation ?? "")
        for kind in vitalKinds where kept.event(kind) != other.event(kind) {
            add(kind.name, messages.event(kind.name), event(kept, kind), event(other, kind))
            if facts.last?.key != kind.name {
                // Same words, different records (a note, a witness): still a choice to make.
                facts.append(Fact(key: kind.name, label: messages.event(kind.name), kept: event(kept, kind), other: event(other, kind), allowsBoth: false))
            }
        }
        add("notes", messages["form.notes"], kept.notes ?? "", other.notes ?? "", both: true)
        add("sources", messages["form.sources"], kept.sources ?? "", other.sources ?? "", both: true)
        return facts
    }

    /// The person the merge keeps: `kept` with the chosen facts of `other` and both lists.
    static func merged(_ kept: Person, _ other: Person, choices: [String: String]) -> Person {
        func takesOther(_ key: String) -> Bool { choices["choice.\(key)"] == "other" }
        var person = kept
        if takesOther("name") {
            person.firstName = other.firstName
            person.surname = other.surname
            person.occurrence = other.occurrence
        }
        // The name not chosen stays as an alias.
        let dropped = takesOther("name") ? kept : other
        if NameNormalizer.key(dropped.firstName) != NameNormalizer.key(person.firstName) {
            person.firstNameAliases.append(dropped.firstName)
        }
        if NameNormalizer.key(dropped.surname) != NameNormalizer.key(person.surname) {
            person.surnameAliases.append(dropped.surname)
        }
        if takesOther("public_name") { person.publicName = other.publicName }
        if takesOther("sex") { person.sex = other.sex }
        if takesOther("access") { person.access = other.access }
        if takesOther("death_type") { person.deathStatus = other.deathStatus }
        if takesOther("occupation") { person.occupation = other.occupation }
        for key in ["notes", "sources"] {
            let mine = key == "notes" ? kept.notes : kept.sources
            let theirs = key == "notes" ? other.notes : other.sources
            let value: String? =
                switch choices["choice.\(key)"] {
                case "other": theirs
                case "both": [mine, theirs].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "\n\n")
                default: mine
                }
            if key == "notes" { person.notes = value } else { person.sources = value }
        }
        // The main events: the chosen one; the other one's other events join the list.
        var events = kept.events.filter { !vitalKinds.contains($0.kind) }
        for event in other.events where !vitalKinds.contains(event.kind) && !events.contains(event) { events.append(event) }
        var vitals: [Event] = []
        for kind in vitalKinds {
            if let chosen = takesOther(kind.name) ? other.event(kind) ?? kept.event(kind) : kept.event(kind) ?? other.event(kind) { vitals.append(chosen) }
        }
        person.events = vitals + events
        func union<T: Equatable>(_ a: [T], _ b: [T]) -> [T] { a + b.filter { !a.contains($0) } }
        person.qualifiers = union(kept.qualifiers, other.qualifiers)
        person.aliases = union(kept.aliases, other.aliases)
        person.firstNameAliases = union(person.firstNameAliases, other.firstNameAliases)
        person.surnameAliases = union(person.surnameAliases, other.surnameAliases)
        person.titles = union(kept.titles, other.titles)
        person.relatedParents = union(kept.relatedParents, other.relatedParents)
        person.citations = union(kept.citations, other.citations)
        person.noteIDs = union(kept.noteIDs, other.noteIDs)
        person.mediaIDs = union(kept.mediaIDs, other.mediaIDs)
        person.extensions = union(kept.extensions, other.extensions)
        if person.image == nil { person.image = other.image }
        if person.gedcomXref == nil { person.gedcomXref = other.gedcomXref }
        return person
    }
}
