import Foundation
import GenewebCore

/// Writes a document as GEDCOM 5.5.1 (UTF-8) or GEDCOM 7.0.
///
/// Records keep the xrefs they were imported with (so files diff cleanly against their source);
/// records made here get fresh ones. Everything kept from import as extension nodes is written
/// back where it was. Output is produced record by record through `emit`, so a large base is
/// streamed rather than built in memory.
public struct GedcomWriter {
    public let version: GedcomDateVersion
    let document: GedcomDocument
    var xrefs = XrefAssigner()
    /// Families in which each person is a child / a parent, in family order.
    let childOf: [PersonID: [FamilyID]]
    let parentOf: [PersonID: [FamilyID]]

    public init(document: GedcomDocument, version: GedcomDateVersion) {
        self.init(document: document, persons: document.persons.map { ($0.id, $0.gedcomXref) }, version: version)
    }

    /// A writer for a base written a page of persons at a time: `document` holds every record but
    /// the persons, `persons` every person's id and imported xref in file order (for the xrefs
    /// and the links of families). Write `header()`, then `record(for:)` of each person in that
    /// order, then the `piecesAfterPersons()`.
    public init(document: GedcomDocument, persons: [(id: PersonID, xref: String?)], version: GedcomDateVersion) {
        self.version = version
        self.document = document
        var childOf: [PersonID: [FamilyID]] = [:]
        var parentOf: [PersonID: [FamilyID]] = [:]
        for family in document.families {
            for child in family.children { childOf[child, default: []].append(family.id) }
            for parent in family.parents { parentOf[parent, default: []].append(family.id) }
        }
        self.childOf = childOf
        self.parentOf = parentOf
        xrefs.reserve(document, persons: persons)
    }

    /// The whole file as one string.
    public static func write(_ document: GedcomDocument, version: GedcomDateVersion) -> String {
        var output = ""
        let writer = GedcomWriter(document: document, version: version)
        writer.emit { output += $0 }
        return output
    }

    /// Produces the file in pieces (one record each), for streaming.
    public func emit(_ sink: (String) -> Void) {
        for piece in pieces() { sink(piece) }
    }

    /// The file's pieces (the header, then one record each), made only as they are asked for: a
    /// response can send each piece before the next is written, so the file's text is never
    /// whole in memory.
    public func pieces() -> AnySequence<String> {
        let header = AnySequence(CollectionOfOne(()).lazy.map { _ in self.header() })
        let persons = document.persons.lazy.map { person in self.record(for: person) }
        return AnySequence([header, AnySequence(persons), piecesAfterPersons()].lazy.joined())
    }

    /// The `HEAD` record.
    public func header() -> String {
        var lines = GedcomLineWriter(version: version)
        writeHeader(&lines)
        return lines.text
    }

    /// One person's `INDI` record.
    public func record(for person: Person) -> String {
        record { writePerson(person, &$0) }
    }

    /// One family's `FAM` record.
    public func record(for family: Family) -> String {
        record { writeFamily(family, &$0) }
    }

    /// Every record after the persons, then the trailer.
    public func piecesAfterPersons() -> AnySequence<String> {
        let families = document.families.lazy.map { family in self.record(for: family) }
        return AnySequence([AnySequence(families), piecesAfterFamilies()].lazy.joined())
    }

    /// Every record after the families (sources, repositories, notes, media, other records),
    /// then the trailer: for a base written a page of families at a time with `record(for:)`.
    public func piecesAfterFamilies() -> AnySequence<String> {
        let sources = document.sources.lazy.map { source in record { writeSource(source, &$0) } }
        let repositories = document.repositories.lazy.map { repository in record { writeRepository(repository, &$0) } }
        let notes = document.notes.lazy.map { note in record { writeNote(note, &$0) } }
        let media = document.media.lazy.map { media in record { writeMedia(media, &$0) } }
        let others = document.otherRecords.lazy.map { other in record { writeExtension(other, level: 0, &$0) } }
        let submitter = version == .v551 && !hasSubmitter ? ["0 @SUBM1@ SUBM\n1 NAME GeneWeb Server\n"] : []
        let parts: [AnySequence<String>] = [
            AnySequence(sources), AnySequence(repositories),
            AnySequence(notes), AnySequence(media), AnySequence(others), AnySequence(submitter), AnySequence(["0 TRLR\n"]),
        ]
        return AnySequence(parts.lazy.joined())
    }

    private func record(_ body: (inout GedcomLineWriter) -> Void) -> String {
        var lines = GedcomLineWriter(version: version)
        body(&lines)
        return lines.text
    }

    private var hasSubmitter: Bool { document.otherRecords.contains { $0.tag == "SUBM" && $0.xref != nil } }

    /// The header: what this writer must say (GEDCOM version, charset, date, submitter) and
    /// everything else the imported file's header held (source system, destination, copyright,
    /// language, place form, notes...), in its order. The imported source system is kept: it
    /// tells readers whose extension tags the records carry.
    private func writeHeader(_ lines: inout GedcomLineWriter) {
        lines.line(0, "HEAD")
        lines.line(1, "GEDC")
        lines.line(2, "VERS", version == .v551 ? "5.5.1" : "7.0")
        if version == .v551 {
            lines.line(2, "FORM", "LINEAGE-LINKED")
            lines.line(1, "CHAR", "UTF-8")
        }
        let kept = (document.header?.children ?? []).filter { keepsInHeader($0.tag) }
        if !kept.contains(where: { $0.tag == "SOUR" }) {
            lines.line(1, "SOUR", "GENEWEB-SERVER")
            lines.line(2, "NAME", "GeneWeb Server")
        }
        let date = GenealogyDate.calendar(CalendarDate(day: Self.today.day, month: Self.today.month, year: Self.today.year))
        lines.line(1, "DATE", date.gedcomValue(version).value)
        if let submitter {
            lines.line(1, "SUBM", submitter, pointer: true)
        }
        for node in kept { writeExtension(node, level: 1, &lines) }
    }

    /// Header structures written back from the imported header: all but those this writer
    /// makes itself, and those the target version does not have (5.5.1's `CHAR`, `FILE` and
    /// `SUBN` in 7; 7's `SCHMA` in 5.5.1).
    private func keepsInHeader(_ tag: String) -> Bool {
        switch tag {
        case "GEDC", "CHAR", "DATE", "SUBM": false
        case "FILE", "SUBN": version == .v551
        case "SCHMA": version == .v7
        default: true
        }
    }

    /// The header's submitter: the imported one while its record is there, else the first
    /// submitter record; 5.5.1 requires one, so it falls back to the `SUBM1` written at the end.
    private var submitter: String? {
        let records = Set(document.otherRecords.filter { $0.tag == "SUBM" }.compactMap(\.xref))
        if let imported = document.header?.children.first(where: { $0.tag == "SUBM" })?.value, records.contains(imported) {
            return imported
        }
        let first = document.otherRecords.first { $0.tag == "SUBM" && $0.xref != nil }?.xref
        return first ?? (version == .v551 ? "@SUBM1@" : nil)
    }

    private static var today: (year: Int, month: Int, day: Int) {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        return (parts.year ?? 2000, parts.month ?? 1, parts.day ?? 1)
    }
}

/// Chooses the xref of every record: the imported one when it is free, else a new one.
struct XrefAssigner {
    private var byID: [UUID: String] = [:]
    private var used = Set<String>()
    private var counters: [Character: Int] = [:]

    mutating func reserve(_ document: GedcomDocument, persons: [(id: PersonID, xref: String?)]) {
        func take(_ id: UUID, _ xref: String?, _ prefix: Character) {
            if let xref, used.insert(xref).inserted {
                byID[id] = xref
            } else {
                byID[id] = fresh(prefix)
            }
        }
        for record in document.otherRecords { if let xref = record.xref { used.insert(xref) } }
        for person in persons { take(person.id.uuid, person.xref, "I") }
        for family in document.families { take(family.id.uuid, family.gedcomXref, "F") }
        for source in document.sources { take(source.id.uuid, source.gedcomXref, "S") }
        for repository in document.repositories { take(repository.id.uuid, repository.gedcomXref, "R") }
        for note in document.notes { take(note.id.uuid, note.gedcomXref, "N") }
        for media in document.media { take(media.id.uuid, media.gedcomXref, "M") }
    }

    /// The xref of a record; nil when the record is not in the document (a dangling id).
    func xref<Entity>(_ id: Identifier<Entity>) -> String? { byID[id.uuid] }

    private mutating func fresh(_ prefix: Character) -> String {
        var number = counters[prefix, default: 0]
        var candidate: String
        repeat {
            number += 1
            candidate = "@\(prefix)\(number)@"
        } while used.contains(candidate)
        counters[prefix] = number
        used.insert(candidate)
        return candidate
    }
}
