import Foundation
import GenewebCore
import GenewebFormats

/// What a genealogist would compare between two readings of a tree, with identifiers replaced by
/// the xrefs records keep across export and import.
public struct SemanticSnapshot: Equatable {
    var persons: [String: [String]] = [:]
    var families: [String: [String]] = [:]
    var sources: [String: [String]] = [:]
    var repositories: [String: [String]] = [:]
    var notes: [String: [String]] = [:]
    /// Media by content: inline 5.5 `OBJE`s become records with xrefs on export.
    var media: [String] = []
    var otherRecords: [String] = []

    /// - Parameter gedcom7: forget what GEDCOM 7 cannot say (the dual year of a date that has a
    ///   phrase, media format spelling).
    public init(_ document: GedcomDocument, gedcom7: Bool = false) {
        var xref: [UUID: String] = [:]
        // Files without xrefs (.gw) name persons by GeneWeb key and families by their parents.
        for person in document.persons { xref[person.id.uuid] = person.gedcomXref ?? person.key }
        var familyCounts: [String: Int] = [:]
        for family in document.families {
            if let known = family.gedcomXref {
                xref[family.id.uuid] = known
            } else {
                let parents = family.parents.map { xref[$0.uuid] ?? "?" }.joined(separator: "+")
                familyCounts[parents, default: 0] += 1
                xref[family.id.uuid] = "\(parents)#\(familyCounts[parents]!)"
            }
        }
        for source in document.sources { xref[source.id.uuid] = source.gedcomXref }
        for repository in document.repositories { xref[repository.id.uuid] = repository.gedcomXref }
        for note in document.notes { xref[note.id.uuid] = note.gedcomXref ?? note.title }

        var mediaContent: [UUID: String] = [:]
        func tree(_ node: ExtensionNode) -> String {
            "\(node.tag)[\(node.value ?? "")|\(node.xref ?? "")|\(node.detailsOf)](\(node.children.map(tree).joined(separator: ",")))"
        }
        for item in document.media {
            mediaContent[item.id.uuid] = ([item.file, gedcom7 ? "" : item.format ?? "", item.title ?? ""] + item.extensions.map(tree).sorted()).joined(
                separator: "|")
        }
        func ref<E>(_ id: Identifier<E>?) -> String {
            guard let id else { return "-" }
            return xref[id.uuid] ?? mediaContent[id.uuid] ?? "?"
        }
        func date(_ date: GenealogyDate?) -> String {
            guard var date else { return "-" }
            if gedcom7, case .calendar(var calendarDate, let phrase?) = date {
                calendarDate.dualYear = nil
                date = .calendar(calendarDate, phrase: phrase)
            }
            return "\(date)"
        }
        func citation(_ citation: Citation) -> String {
            "\(ref(citation.sourceID))|\(citation.page ?? "")|\(citation.quality.map(String.init) ?? "")|\(date(citation.date))|\(citation.text ?? "")|\(citation.note ?? "")|\(citation.extensions.map(tree))"
        }
        func event(_ event: Event) -> String {
            [
                event.kind.name, event.value ?? "", date(event.date), event.place ?? "", event.reason ?? "", event.age ?? "",
                event.note ?? "", event.source ?? "", event.citations.map(citation).joined(separator: ";"),
                event.witnesses.map { "\(ref($0.personID)):\($0.kind.rawValue)" }.joined(separator: ";"),
                event.extensions.map(tree).joined(separator: ";"),
            ].joined(separator: "|")
        }
        for person in document.persons {
            persons[xref[person.id.uuid] ?? "?"] =
                [
                    person.firstName, person.surname, String(person.occurrence), person.sex.rawValue,
                    person.qualifiers.joined(separator: ";"), person.aliases.joined(separator: ";"),
                    person.titles.map { "\($0.title)|\($0.place)|\(date($0.start))|\(date($0.end))|\($0.extensions.map(tree))" }.joined(separator: ";"),
                    person.notes ?? "", person.sources ?? "", person.occupation ?? "", "\(person.deathStatus)", person.access.rawValue,
                    person.relatedParents.map { "\($0.kind.rawValue):\(ref($0.fatherID)):\(ref($0.motherID))" }.joined(separator: ";"),
                    person.noteIDs.map(ref).joined(separator: ";"), person.mediaIDs.map(ref).joined(separator: ";"),
                    person.citations.map(citation).joined(separator: ";"),
                ] + person.events.map(event) + person.extensions.map(tree).sorted()
        }
        for family in document.families {
            families[xref[family.id.uuid] ?? "?"] =
                [
                    family.parents.map(ref).joined(separator: ";"), family.children.map(ref).joined(separator: ";"),
                    family.relation.rawValue, "\(family.divorce)", family.notes ?? "", family.sources ?? "", family.comment ?? "",
                    family.noteIDs.map(ref).joined(separator: ";"), family.mediaIDs.map(ref).joined(separator: ";"),
                    family.citations.map(citation).joined(separator: ";"),
                ] + family.events.map(event) + family.extensions.map(tree).sorted()
        }
        for source in document.sources {
            sources[source.gedcomXref ?? "?"] =
                [
                    source.title, source.author ?? "", source.publication ?? "", source.abbreviation ?? "",
                    source.text ?? "", source.repositories.map { "\(ref($0.repositoryID)):\($0.callNumber ?? "")" }.joined(separator: ";"),
                    source.noteIDs.map(ref).joined(separator: ";"), source.mediaIDs.map(ref).joined(separator: ";"),
                ] + source.extensions.map(tree)
        }
        for repository in document.repositories {
            repositories[repository.gedcomXref ?? "?"] = [repository.name, repository.address ?? ""] + repository.extensions.map(tree)
        }
        for note in document.notes { notes[xref[note.id.uuid] ?? "?"] = [note.text] + note.extensions.map(tree) }
        media = mediaContent.values.sorted()
        otherRecords = document.otherRecords.map(tree)
    }

    /// The first difference, for a readable failure.
    public func firstDifference(from other: SemanticSnapshot) -> String? {
        for (name, mine, theirs) in [
            ("person", persons, other.persons), ("family", families, other.families),
            ("source", sources, other.sources), ("repository", repositories, other.repositories),
            ("note", notes, other.notes),
        ] {
            if mine.keys.sorted() != theirs.keys.sorted() { return "\(name) xrefs differ: \(Set(mine.keys).symmetricDifference(theirs.keys).prefix(5))" }
            for key in mine.keys.sorted() where mine[key] != theirs[key] {
                let a = mine[key]!
                let b = theirs[key]!
                let index = Array(zip(a, b)).firstIndex { $0.0 != $0.1 } ?? min(a.count, b.count)
                return "\(name) \(key) field \(index): \(index < a.count ? a[index] : "<none>") ≠ \(index < b.count ? b[index] : "<none>")"
            }
        }
        if media != other.media { return "media differ" }
        if otherRecords != other.otherRecords { return "other records differ" }
        return nil
    }
}
