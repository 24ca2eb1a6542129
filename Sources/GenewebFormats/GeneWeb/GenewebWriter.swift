import Foundation
import GenewebCore

/// Writes a document as a gwplus `.gw` file that GeneWeb's `gwc` compiles, following what its
/// own `gwu` writes.
///
/// Every person is *defined* (their information written) exactly once, where `gwc` expects it:
/// as a child in their parents' `beg` block, else on the `fam` line of their first family as a
/// spouse; every other mention is the bare key. A person in no family gets the family GeneWeb
/// gives such persons, `fam ? ?.0 + #noment ? ?.0` with them as its only child, which
/// `GenewebReader` reads back as a person in no family. Events go in `fevt`/`pevt` blocks;
/// notes in `notes` blocks; godparents and adoptive parents in `rel` blocks. What `.gw` cannot
/// hold is reported in `warnings`.
public struct GenewebWriter {
    let document: GedcomDocument
    let byID: [PersonID: Int]
    let keys: GwKeys
    /// The family each person is written as a child of: `.gw` gives a person one, their first
    /// family of birth (not one their GEDCOM link calls adoptive, foster or sealing).
    let childFamily: [PersonID: FamilyID]
    /// The other families that list a person as a child, written as adoptive or foster parents.
    let otherChildFamilies: [PersonID: [Family]]
    /// The text of shared notes (GEDCOM `NOTE` records; not pages): GeneWeb has none, so a
    /// person's shared notes are written in their `notes` block, as `ged2gwb` does.
    let sharedNotes: [NoteID: String]
    public private(set) var warnings: [String] = []
    private(set) var text = ""
    var defined = Set<PersonID>()

    mutating func appendText(_ piece: String) { text += piece }

    public init(document: GedcomDocument) {
        self.document = document
        var byID: [PersonID: Int] = [:]
        for (index, person) in document.persons.enumerated() { byID[person.id] = index }
        self.byID = byID
        keys = GwKeys(document.persons)
        var childFamilies: [PersonID: [Family]] = [:]
        for family in document.families {
            for child in family.children where byID[child] != nil { childFamilies[child, default: []].append(family) }
        }
        var childFamily: [PersonID: FamilyID] = [:]
        var otherChildFamilies: [PersonID: [Family]] = [:]
        for (child, families) in childFamilies {
            guard let index = byID[child] else { continue }
            let birth = families.first { Self.linkKind(document.persons[index], $0) == nil } ?? families[0]
            childFamily[child] = birth.id
            let others = families.filter { $0.id != birth.id }
            if !others.isEmpty { otherChildFamilies[child] = others }
        }
        self.childFamily = childFamily
        self.otherChildFamilies = otherChildFamilies
        sharedNotes = Dictionary(document.notes.filter { $0.title == nil }.map { ($0.id, $0.text) }, uniquingKeysWith: { first, _ in first })
    }

    /// How the person's GEDCOM link to that family said they are its child, when not by birth:
    /// `PEDI adopted`, `foster` or `sealing`.
    static func linkKind(_ person: Person, _ family: Family) -> String? {
        for node in person.extensions where node.detailsOf && node.tag == "FAMC" && node.value == family.gedcomXref {
            if let pedigree = node.children.first(where: { $0.tag == "PEDI" })?.value?.lowercased(), pedigree != "birth" { return pedigree }
        }
        return nil
    }

    public static func write(_ document: GedcomDocument) -> (text: String, warnings: [String]) {
        var writer = GenewebWriter(document: document)
        writer.writeAll()
        return (writer.text, writer.warnings)
    }

    mutating func writeAll() {
        text = "encoding: utf-8\ngwplus\n\n"
        for family in document.families { writeFamily(family) }
        for person in document.persons where !defined.contains(person.id) { writeAlone(person) }
        for person in document.persons { writeRelations(person) }
        for note in document.notes { writePage(note) }
    }

    // MARK: Families

    mutating func writeFamily(_ family: Family) {
        let (father, mother) = spouses(family)
        // Spouses defined on this fam line: their events and notes follow the family.
        var definedHere = [father, mother].compactMap { $0 }.filter { childFamily[$0.id] == nil && !defined.contains($0.id) }
        let marriage = family.events.first { $0.kind == .marriage }
        var line = "fam " + spouse(father) + " +" + (marriage?.date.map { $0.genewebText } ?? "")
        if let tag = Self.relationTag(family.relation) {
            line += " " + tag
            if Self.relationsWithSexes.contains(family.relation) { line += " " + sexLetter(father) + sexLetter(mother) }
        }
        if let place = nonEmpty(marriage?.place) { line += " #mp " + GwText.encode(place) }
        if let source = nonEmpty(marriage?.source) { line += " #ms " + GwText.encode(source) }
        switch family.divorce {
        case .divorced(let date): line += " -" + (date?.genewebText ?? "")
        case .separated: line += " #sep"
        case .notDivorced: break
        }
        text += line + " " + spouse(mother) + "\n"
        if let sources = nonEmpty(family.sources) { text += "src " + GwText.encode(sources) + "\n" }
        for tag in ["csrc", "cbp"] {
            if let value = nonEmpty(family.extensions.first(where: { $0.tag == tag })?.value) { text += tag + " " + GwText.encode(value) + "\n" }
        }
        if let comment = nonEmpty(family.comment) {
            text += "comm " + comment.split(whereSeparator: \.isNewline).joined(separator: " ") + "\n"
        }
        let events = family.events.filter(Self.isWritten)
        if !events.isEmpty {
            text += "fevt\n"
            for event in events { writeEvent(event, family: true) }
            text += "end fevt\n"
        }
        let children = family.children.compactMap { byID[$0] }.map { document.persons[$0] }
        let written = children.filter { childFamily[$0.id] == family.id }
        if written.count < children.count {
            warnings.append("\(children.count - written.count) child link(s) of a family are written as adoptions: a .gw person has one family of birth")
        }
        if !written.isEmpty {
            text += "beg\n"
            for child in written {
                text += childLine(child, fatherSurname: father?.surname) + "\n"
                definedHere.append(child)
            }
            text += "end\n"
        }
        text += "\n"
        for person in definedHere { writePersonBlocks(person) }
    }

    /// A person in no family: the family with unknown parents GeneWeb gives them.
    mutating func writeAlone(_ person: Person) {
        text += "fam ? ?.0 + #noment ? ?.0\nbeg\n" + childLine(person, fatherSurname: nil) + "\nend\n\n"
        writePersonBlocks(person)
    }

    /// `- [h|f] First[.N] [Surname] info…`; the surname is left out when it is the father's.
    mutating func childLine(_ person: Person, fatherSurname: String?) -> String {
        defined.insert(person.id)
        var line = "-"
        switch person.sex {
        case .male: line += " h"
        case .female: line += " f"
        case .unknown: break
        }
        let key = keys[person.id] ?? "_ _"
        let firstName = key.drop { $0 != " " }.dropFirst()
        // A first name that reads as a sex letter would be taken for one.
        line += " " + (person.sex == .unknown && (firstName == "h" || firstName == "f") ? "_" : "") + firstName
        let surname = person.surname == "?" ? "" : person.surname
        // Without a first name, gwc gives the father's surname only when no title or public
        // name follows: the surname is then always written.
        if surname != fatherSurname.map({ $0 == "?" ? "" : $0 }) || person.firstName == "?" || person.firstName.isEmpty {
            line += " " + GwText.name(surname, digitsAllowed: false)
        }
        return line + info(person, isChild: true)
    }

    /// The two spouses in `gwc`'s father and mother places: a lone wife goes in the mother's.
    func spouses(_ family: Family) -> (Person?, Person?) {
        var present = family.parents.prefix(2).compactMap { byID[$0] }.map { document.persons[$0] }
        if present.count == 2, present[0].id == present[1].id { present.removeLast() }
        if present.count == 1 { return present[0].sex == .female ? (nil, present[0]) : (present[0], nil) }
        return (present.first, present.dropFirst().first)
    }

    /// A spouse on the `fam` line: the key, with the information when the person is defined
    /// here; `? ?` for an unknown spouse.
    mutating func spouse(_ person: Person?) -> String {
        guard let person, let key = keys[person.id] else { return "? ?" }
        guard childFamily[person.id] == nil, defined.insert(person.id).inserted else { return key }
        let information = info(person, isChild: false)
        // `gwc` takes a spouse followed by nothing as mentioned, not defined: `0` defines.
        return key + (information.isEmpty ? " 0" : information)
    }

    func sexLetter(_ person: Person?) -> String {
        switch person?.sex {
        case .male: "m"
        case .female: "f"
        default: "?"
        }
    }

    func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return text
    }

    /// Relation kinds after which `gwc` reads the two spouses' sexes (`#nsck mm`).
    static let relationsWithSexes: Set<RelationKind> = [
        .noSexesCheckNotMarried, .noSexesCheckMarried, .noMention, .marriageBann, .marriageContract,
        .marriageLicense, .pacs, .residence,
    ]

    static func relationTag(_ relation: RelationKind) -> String? {
        switch relation {
        case .married: nil
        case .notMarried: "#nm"
        case .engaged: "#eng"
        case .noSexesCheckNotMarried: "#nsck"
        case .noSexesCheckMarried: "#nsckm"
        case .noMention: "#noment"
        case .marriageBann: "#banns"
        case .marriageContract: "#contract"
        case .marriageLicense: "#license"
        case .pacs: "#pacs"
        case .residence: "#residence"
        }
    }
}
