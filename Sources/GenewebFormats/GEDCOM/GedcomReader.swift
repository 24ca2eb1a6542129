import Foundation
import GenewebCore

/// Turns the records of a GEDCOM file into the core model.
///
/// Every structure the model has a field for goes there; every other one is kept verbatim as an
/// `ExtensionNode` on its record (or as one of the document's `otherRecords`), so an export can
/// write it back. Pointers become identifiers; pointers to records that do not exist are
/// reported with their line and dropped. Records are read one at a time (the file is streamed).
public struct GedcomReader {
    var document = GedcomDocument()
    var ids = XrefTable()
    var seenXrefs = Set<String>()
    let isGedcom7: Bool

    /// Reads a whole file.
    public static func read(_ file: GedcomFile) -> GedcomDocument {
        var reader = GedcomReader(isGedcom7: file.isGedcom7)
        reader.document.version = file.version
        reader.document.header = ExtensionNode(gedcom: file.header)
        if let warning = file.charset.warning {
            reader.document.warnings.append(.init(line: nil, kind: .charset, message: warning))
        }
        var records = file.records()
        while let record = records.next() {
            reader.read(record)
        }
        reader.document.warnings.append(contentsOf: records.warnings)
        reader.finish()
        return reader.document
    }

    init(isGedcom7: Bool) {
        self.isGedcom7 = isGedcom7
    }

    mutating func read(_ record: GedcomNode) {
        var record = record
        if let xref = record.xref, !seenXrefs.insert(xref).inserted {
            // Pointers go to the first record; the second is kept under an identity of its own.
            document.warnings.append(.init(line: record.line, kind: .duplicateXref, message: "\(xref) is defined twice; the second record gets a new identity"))
            record.xref = nil
        }
        switch record.tag {
        case "INDI": document.persons.append(readPerson(record))
        case "FAM": document.families.append(readFamily(record))
        case "SOUR": document.sources.append(readSource(record))
        case "REPO": document.repositories.append(readRepository(record))
        case "NOTE", "SNOTE": document.notes.append(readNote(record))
        case "OBJE": document.media.append(readMedia(record))
        case "TRLR": break
        default: document.otherRecords.append(ExtensionNode(gedcom: record))
        }
    }

    /// Occurrence numbers, dangling pointers, ancestry loops.
    mutating func finish() {
        let numbers = Occurrence.assign(document.persons.map { ($0.firstName, $0.surname) })
        for index in document.persons.indices { document.persons[index].occurrence = numbers[index] }
        document.warnings.append(contentsOf: ids.danglingWarnings(defined: definedXrefs))
        // References to records that never came are removed, so nothing points nowhere.
        let persons = Set(document.persons.map(\.id))
        for index in document.families.indices {
            document.families[index].parents.removeAll { !persons.contains($0) }
            document.families[index].children.removeAll { !persons.contains($0) }
        }
        document.warnings.append(contentsOf: AncestryLoops.find(in: document))
    }

    private var definedXrefs: Set<String> {
        var xrefs = Set<String>()
        for person in document.persons { if let xref = person.gedcomXref { xrefs.insert(xref) } }
        for family in document.families { if let xref = family.gedcomXref { xrefs.insert(xref) } }
        for source in document.sources { if let xref = source.gedcomXref { xrefs.insert(xref) } }
        for repository in document.repositories { if let xref = repository.gedcomXref { xrefs.insert(xref) } }
        for note in document.notes { if let xref = note.gedcomXref { xrefs.insert(xref) } }
        for media in document.media { if let xref = media.gedcomXref { xrefs.insert(xref) } }
        for record in document.otherRecords { if let xref = record.xref { xrefs.insert(xref) } }
        return xrefs
    }
}

/// Identifiers for xrefs, made on first sight (a family may name a person before the person's
/// record comes), and every pointer seen, to report the dangling ones at the end.
struct XrefTable {
    private var uuids: [String: UUIDBox] = [:]
    private var pointers: [(xref: String, line: Int)] = []

    struct UUIDBox { let uuid: Foundation.UUID }

    mutating func id<Entity>(_ xref: String, line: Int, as: Entity.Type = Entity.self) -> Identifier<Entity> {
        pointers.append((xref, line))
        return Identifier(uuid(xref))
    }

    /// The identifier of a record being defined.
    mutating func definition<Entity>(_ xref: String?, as: Entity.Type = Entity.self) -> Identifier<Entity> {
        guard let xref else { return Identifier() }
        return Identifier(uuid(xref))
    }

    private mutating func uuid(_ xref: String) -> Foundation.UUID {
        if let box = uuids[xref] { return box.uuid }
        let fresh = Foundation.UUID()
        uuids[xref] = UUIDBox(uuid: fresh)
        return fresh
    }

    func danglingWarnings(defined: Set<String>) -> [ImportWarning] {
        var reported = Set<String>()
        var warnings: [ImportWarning] = []
        for pointer in pointers where !defined.contains(pointer.xref) && pointer.xref != "@VOID@" && reported.insert(pointer.xref).inserted {
            warnings.append(.init(line: pointer.line, kind: .danglingPointer, message: "pointer \(pointer.xref) to a record that does not exist; link dropped"))
        }
        return warnings
    }
}

extension ExtensionNode {
    /// A GEDCOM structure kept verbatim; with `detailsOf`, the carrier of a modelled
    /// structure's extra substructures (see `ExtensionNode`).
    init(gedcom node: GedcomNode, detailsOf: Bool = false) {
        self.init(
            tag: node.tag, value: node.value, xref: node.xref,
            children: node.children.map { ExtensionNode(gedcom: $0) }, detailsOf: detailsOf
        )
    }
}
