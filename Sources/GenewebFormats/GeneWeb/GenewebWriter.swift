import Foundation
import GenewebCore

/// Writes a document as a gwplus `.gw` file that GeneWeb's `gwc` compiles.
///
/// Each person is *defined* (its information written) once: as a child in its parents' `beg`
/// block, or, when it has no parents, the first time it appears as a spouse. Events go in
/// `fevt`/`pevt` blocks, which GeneWeb reads in preference to the `fam` line. Persons in no
/// family cannot be written in `.gw` (a GeneWeb limitation): they are reported in `warnings`.
public struct GenewebWriter {
    let document: GedcomDocument
    let byID: [PersonID: Int]
    let parentFamily: Set<PersonID>
    public private(set) var warnings: [String] = []
    private(set) var text = ""
    var defined = Set<PersonID>()
    /// Persons defined inline whose `pevt`/`notes` blocks are still to be written.
    var definedInline: [Int] = []

    mutating func appendText(_ piece: String) { text += piece }

    public init(document: GedcomDocument) {
        self.document = document
        var byID: [PersonID: Int] = [:]
        for (index, person) in document.persons.enumerated() { byID[person.id] = index }
        self.byID = byID
        parentFamily = Set(document.families.flatMap(\.children))
    }

    public static func write(_ document: GedcomDocument) -> (text: String, warnings: [String]) {
        var writer = GenewebWriter(document: document)
        writer.writeAll()
        return (writer.text, writer.warnings)
    }

    mutating func writeAll() {
        text = "encoding: utf-8\ngwplus\n\n"
        for family in document.families { writeFamily(family) }
        for person in document.persons where !person.relatedParents.isEmpty {
            writeRelations(person)
            writeInlineDefinedBlocks()
        }
        for note in document.notes { writePage(note) }
        for person in document.persons where !defined.contains(person.id) {
            warnings.append("\(person.firstName) \(person.surname) belongs to no family and cannot be written in .gw")
        }
    }

    // MARK: Families

    mutating func writeFamily(_ family: Family) {
        guard let first = family.parents.first.flatMap({ byID[$0] }) else {
            warnings.append("a family without parents cannot be written in .gw")
            return
        }
        let marriage = family.events.first { $0.kind == .marriage }
        var line = "fam " + spouse(first) + " +" + (marriage?.date?.genewebText ?? "")
        if let tag = Self.relationTag(family.relation) { line += " " + tag }
        if let place = marriage?.place { line += " #mp " + GwText.encode(place) }
        if let source = marriage?.source { line += " #ms " + GwText.encode(source) }
        switch family.divorce {
        case .divorced(let date): line += " -" + (date?.genewebText ?? "")
        case .separated: line += " #sep"
        case .notDivorced: break
        }
        if family.parents.count > 1, let second = byID[family.parents[1]] {
            line += " " + spouse(second)
        } else {
            line += " ? ?"
        }
        text += line + "\n"
        if let sources = family.sources { text += "src " + GwText.encode(sources) + "\n" }
        if let comment = family.comment { text += "comm " + comment.replacingOccurrences(of: "\n", with: " ") + "\n" }
        for node in family.extensions where node.tag == "csrc" || node.tag == "cbp" {
            text += node.tag + " " + GwText.encode(node.value ?? "") + "\n"
        }
        if !family.events.isEmpty {
            text += "fevt\n"
            for event in family.events { writeEvent(event, family: true) }
            text += "end fevt\n"
        }
        var definedHere = family.parents.compactMap { byID[$0] }.filter { !parentFamily.contains(document.persons[$0].id) }
        if !family.children.isEmpty {
            text += "beg\n"
            let fatherSurname = document.persons[first].surname
            for child in family.children.compactMap({ byID[$0] }) {
                let person = document.persons[child]
                var line = "-"
                switch person.sex {
                case .male: line += " m"
                case .female: line += " f"
                case .unknown: break
                }
                line += " " + GwText.encode(person.firstName.isEmpty ? "?" : person.firstName) + (person.occurrence == 0 ? "" : ".\(person.occurrence)")
                if person.surname != fatherSurname { line += " " + GwText.encode(person.surname.isEmpty ? "?" : person.surname) }
                if !defined.contains(person.id) {
                    line += info(person, required: false)
                    defined.insert(person.id)
                    definedHere.append(child)
                }
                text += line + "\n"
            }
            text += "end\n"
        }
        text += "\n"
        for index in definedHere { writePersonBlocks(document.persons[index]) }
        writeInlineDefinedBlocks()
    }

    /// A spouse on the `fam` line: the key, plus the information when the person is defined here.
    mutating func spouse(_ index: Int) -> String {
        let person = document.persons[index]
        var text = key(person)
        if !parentFamily.contains(person.id), !defined.contains(person.id) {
            text += info(person, required: true)
            defined.insert(person.id)
        }
        return text
    }

    func key(_ person: Person) -> String {
        GwPersonKey(surname: person.surname, firstName: person.firstName, occurrence: person.occurrence).tokens
    }

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
