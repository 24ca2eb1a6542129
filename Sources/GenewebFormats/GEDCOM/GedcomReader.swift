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
    let isGedcom7: Bool
    /// Persons read and not yet handed out by `GedcomStream.nextPersons(upTo:)`; the rest of the
    /// document stays in `document` until the end (families need every person to drop dangling links).
    var pendingPersons: [Person] = []
    /// What the end of the file needs to know about persons already handed out.
    var personIndex = PersonIndex()

    /// Reads a whole file.
    public static func read(_ file: GedcomFile) -> GedcomDocument {
        var stream = GedcomStream(file: file)
        var persons: [Person] = []
        while case let batch = stream.nextPersons(upTo: 4096), !batch.isEmpty { persons += batch }
        var document = stream.finish()
        document.persons = persons
        return document
    }

    init(isGedcom7: Bool) {
        self.isGedcom7 = isGedcom7
    }

    mutating func read(_ record: GedcomNode) {
        var record = record
        if let xref = record.xref, !ids.define(xref) {
            // Pointers go to the first record; the second is kept under an identity of its own.
            document.warnings.append(.init(line: record.line, kind: .duplicateXref, message: "\(xref) is defined twice; the second record gets a new identity"))
            record.xref = nil
        }
        switch record.tag {
        case "INDI":
            var person = readPerson(record)
            person.occurrence = personIndex.add(person)
            pendingPersons.append(person)
        case "FAM": document.families.append(readFamily(record))
        case "SOUR": document.sources.append(readSource(record))
        case "REPO": document.repositories.append(readRepository(record))
        case "NOTE", "SNOTE": document.notes.append(readNote(record))
        case "OBJE": document.media.append(readMedia(record))
        case "TRLR": break
        default: document.otherRecords.append(ExtensionNode(gedcom: record))
        }
    }

    /// Dangling pointers, links to persons that never came, ancestry loops.
    mutating func finish() {
        document.warnings.append(contentsOf: ids.danglingWarnings())
        // References to records that never came are removed, so nothing points nowhere.
        for index in document.families.indices {
            document.families[index].parents.removeAll { !personIndex.ids.contains($0) }
            document.families[index].children.removeAll { !personIndex.ids.contains($0) }
        }
        document.warnings.append(contentsOf: AncestryLoops.find(families: document.families, persons: personIndex))
    }
}

/// What is kept of each person once it has been handed out: enough to number occurrences, check
/// links and name the persons of an ancestry loop, far less than the persons themselves.
struct PersonIndex {
    private(set) var ids = Set<PersonID>()
    /// Persons in file order, with a label for warnings.
    private(set) var order: [PersonID] = []
    private(set) var labels: [String] = []
    private var occurrences = Occurrence.Numbering()

    /// Records `person` and returns its occurrence number: the n-th person of a name gets n - 1.
    mutating func add(_ person: Person) -> Int {
        ids.insert(person.id)
        order.append(person.id)
        // Concatenation, not interpolation: interpolating casts each value at run time.
        labels.append(person.firstName + " " + person.surname + " " + (person.gedcomXref ?? ""))
        return occurrences.next(firstName: person.firstName, surname: person.surname)
    }
}

/// A GEDCOM file read a batch of persons at a time, so an import can write persons while the rest
/// of the file is still being read and never holds them all. Families, sources, notes and the
/// other records are kept until `finish()` (they are few beside the persons, and families need
/// to know every person to drop dangling links).
public struct GedcomStream {
    private var reader: GedcomReader
    private var records: GedcomRecords
    private var ended = false

    public init(file: GedcomFile) {
        reader = GedcomReader(isGedcom7: file.isGedcom7)
        reader.document.version = file.version
        reader.document.header = ExtensionNode(gedcom: file.header)
        if let warning = file.charset.warning {
            reader.document.warnings.append(.init(line: nil, kind: .charset, message: warning))
        }
        records = file.records()
    }

    /// The next persons of the file, up to `count` (more records are read as needed); empty at
    /// the end of the file.
    public mutating func nextPersons(upTo count: Int) -> [Person] {
        while reader.pendingPersons.count < count, readRecord() {}
        let batch = Array(reader.pendingPersons.prefix(count))
        reader.pendingPersons.removeFirst(batch.count)
        return batch
    }

    /// Where a reader of the warnings has got to (see `warnings(since:)`).
    public struct WarningMark: Sendable, Equatable {
        var records = 0
        var lines = 0
        public init() {}
    }

    /// The warnings found since `mark` (the records' and the lines'), and the new mark: an import
    /// shows them while it goes on. The checks of the whole file come with `finish()`.
    public func warnings(since mark: WarningMark) -> (warnings: [ImportWarning], mark: WarningMark) {
        let fromRecords = reader.document.warnings.dropFirst(mark.records)
        let fromLines = records.warnings.dropFirst(mark.lines)
        var next = mark
        next.records += fromRecords.count
        next.lines += fromLines.count
        return (Array(fromLines) + Array(fromRecords), next)
    }

    /// Reads what is left and returns everything but the persons already handed out (families
    /// checked against every person, warnings of the whole file). Its `persons` are those not
    /// taken yet.
    public mutating func finish() -> GedcomDocument {
        while readRecord() {}
        reader.document.warnings.append(contentsOf: records.warnings)
        reader.finish()
        var document = reader.document
        document.persons = reader.pendingPersons
        reader.pendingPersons = []
        return document
    }

    /// Reads the next record; false at the end of the file.
    private mutating func readRecord() -> Bool {
        guard !ended, let record = records.next() else {
            ended = true
            return false
        }
        reader.read(record)
        return true
    }
}

/// Identifiers for xrefs, made on first sight (a family may name a person before the person's
/// record comes), the xrefs of the records read so far, and the pointers to records not read yet,
/// to report at the end those that never came. Pointers to records already read are not kept:
/// in most files records come before what points to them, so this list stays short.
struct XrefTable {
    private var uuids: [String: UUIDBox] = [:]
    private var pointers: [(xref: String, line: Int)] = []
    private var defined = Set<String>()

    /// Records that a record with `xref` was read; false when one was already.
    mutating func define(_ xref: String) -> Bool {
        defined.insert(xref).inserted
    }

    struct UUIDBox { let uuid: Foundation.UUID }

    mutating func id<Entity>(_ xref: String, line: Int, as: Entity.Type = Entity.self) -> Identifier<Entity> {
        if !defined.contains(xref) { pointers.append((xref, line)) }
        return Identifier(uuid(xref))
    }

    /// Notes a pointer whose link is read from the other side (a person's FAMC and FAMS: the
    /// family record holds the link), so a pointer to a family that never comes is still reported.
    mutating func expect(_ xref: String, line: Int) {
        if !defined.contains(xref) { pointers.append((xref, line)) }
    }

    /// The identifier of a record being defined.
    mutating func definition<Entity>(_ xref: String?, as: Entity.Type = Entity.self) -> Identifier<Entity> {
        guard let xref else { return Identifier() }
        return Identifier(uuid(xref))
    }

    private mutating func uuid(_ xref: String) -> Foundation.UUID {
        if let box = uuids[xref] { return box.uuid }
        let fresh = Foundation.UUID.timeOrdered()
        uuids[xref] = UUIDBox(uuid: fresh)
        return fresh
    }

    func danglingWarnings() -> [ImportWarning] {
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
