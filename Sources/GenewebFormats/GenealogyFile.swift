import GenewebCore

/// A genealogy file of either kind, read into the model: the one entry point the command line
/// and the HTTP import share.
public enum GenealogyFile {
    public enum Format: String, Sendable, CaseIterable {
        case auto
        case gedcom
        case gw
    }

    /// Reads `bytes` as GEDCOM or `.gw`. `auto` goes by the file name's extension when there is
    /// one, then by the content (a file that is not GEDCOM is tried as `.gw`). Returns the
    /// document and the format's name for the report (`gedcom`, `gedcom7` or `gw`).
    public static func read(_ bytes: [UInt8], fileName: String?, format: Format) throws -> (GedcomDocument, String) {
        let file = try open(bytes, fileName: fileName, format: format)
        switch file {
        case .gedcom(let gedcom): return (GedcomReader.read(gedcom), file.formatName)
        case .document(let document, let name): return (document, name)
        }
    }

    /// Checks `bytes` and opens them for reading a batch at a time (`OpenedGenealogyFile.stream()`).
    /// Throws, before anything is read into the model, for what is not a genealogy file. `.gw`
    /// files are read whole here (they are small beside GEDCOM exports of large trees).
    public static func open(_ bytes: [UInt8], fileName: String?, format: Format) throws -> OpenedGenealogyFile {
        var chosen = format
        if chosen == .auto {
            chosen = fileName?.lowercased().hasSuffix(".gw") == true ? .gw : .gedcom
            if chosen == .gedcom, case .failure(GedcomFileError.notGedcom) = Result(catching: { try GedcomFile(bytes: bytes) }) {
                chosen = .gw
            }
        }
        if chosen == .gw { return .document(try GenewebReader.read(bytes: bytes), format: "gw") }
        return .gedcom(try GedcomFile(bytes: bytes))
    }
}

/// A file checked and ready to be read.
public enum OpenedGenealogyFile: Sendable {
    case gedcom(GedcomFile)
    /// A file already read whole (`.gw`, or a document made in memory).
    case document(GedcomDocument, format: String)

    /// `gedcom`, `gedcom7` or `gw`, for reports.
    public var formatName: String {
        switch self {
        case .gedcom(let file): file.isGedcom7 ? "gedcom7" : "gedcom"
        case .document(_, let format): format
        }
    }

    /// Records the file holds (persons, families, sources…), counted before reading them.
    public var recordCount: Int {
        switch self {
        case .gedcom(let file): file.recordCount
        case .document(let document, _):
            document.persons.count + document.families.count + document.sources.count
                + document.repositories.count + document.notes.count + document.media.count
        }
    }

    public func stream() -> GenealogyStream {
        switch self {
        case .gedcom(let file): GenealogyStream(gedcom: GedcomStream(file: file))
        case .document(let document, _): GenealogyStream(document: document)
        }
    }
}

/// Persons a batch at a time, then the rest of the file (see `GedcomStream`).
public struct GenealogyStream {
    // Optionals mutated in place (`gedcom?.…`): an enum would copy the reader's arrays on each call.
    private var gedcom: GedcomStream?
    private var document: GedcomDocument?
    private var taken = 0

    init(gedcom: GedcomStream) { self.gedcom = gedcom }
    init(document: GedcomDocument) { self.document = document }

    /// The next persons, up to `count`; empty at the end.
    public mutating func nextPersons(upTo count: Int) -> [Person] {
        if let batch = gedcom?.nextPersons(upTo: count) { return batch }
        guard let persons = document?.persons else { return [] }
        let batch = Array(persons[taken..<min(taken + count, persons.count)])
        taken += batch.count
        return batch
    }

    /// The warnings found since `mark`, and the new mark. A `.gw` file or a document read whole
    /// has all its warnings from the start.
    public func warnings(since mark: GedcomStream.WarningMark) -> (warnings: [ImportWarning], mark: GedcomStream.WarningMark) {
        if let gedcom { return gedcom.warnings(since: mark) }
        guard mark == GedcomStream.WarningMark() else { return ([], mark) }
        var given = mark
        given.records = 1
        return (document?.warnings ?? [], given)
    }

    /// Everything but the persons already handed out.
    public mutating func finish() -> GedcomDocument {
        if let rest = gedcom?.finish() { return rest }
        guard var rest = document else { return GedcomDocument() }
        document = nil
        rest.persons.removeFirst(taken)
        return rest
    }
}
