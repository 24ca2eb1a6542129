import GenewebCore

/// Notes, sources and media links of a person or family, gathered the same way for both.
struct RecordReferences {
    var notes: [String] = []
    var sources: [String] = []
    var citations: [Citation] = []
    var noteIDs: [NoteID] = []
    var mediaIDs: [MediaID] = []
    /// Links kept verbatim (`OBJE @VOID@`).
    var kept: [ExtensionNode] = []

    /// Inline notes, one paragraph each.
    var notesText: String? { notes.isEmpty ? nil : notes.joined(separator: "\n\n") }
    /// Free-text sources, one line each.
    var sourcesText: String? { sources.isEmpty ? nil : sources.joined(separator: "\n") }

    /// Puts what was gathered on a person or family.
    func apply<Record: ReferencingRecord>(to record: inout Record) {
        record.notes = notesText
        record.sources = sourcesText
        record.citations = citations
        record.noteIDs = noteIDs
        record.mediaIDs = mediaIDs
        record.extensions += kept
    }
}

/// Records with notes, free-text sources, citations, shared notes and media: persons and families.
protocol ReferencingRecord {
    var notes: String? { get set }
    var sources: String? { get set }
    var citations: [Citation] { get set }
    var noteIDs: [NoteID] { get set }
    var mediaIDs: [MediaID] { get set }
    var extensions: [ExtensionNode] { get set }
}

extension Person: ReferencingRecord {}
extension Family: ReferencingRecord {}

extension GedcomReader {
    /// Reads `child` into `references` when it is a record's NOTE, SNOTE, SOUR or OBJE; returns
    /// false for any other structure.
    mutating func readReference(_ child: GedcomNode, into references: inout RecordReferences) -> Bool {
        switch child.tag {
        case "NOTE", "SNOTE":
            if child.isPointer, let xref = child.value {
                references.noteIDs.append(ids.id(xref, line: child.line))
            } else if let text = child.value, !text.isEmpty {
                references.notes.append(text)
            }
        case "SOUR":
            if let text = Self.voidSourceText(child) {
                references.sources.append(text)
            } else if let citation = readCitation(child) {
                references.citations.append(citation)
            } else if let text = child.value {
                references.sources.append(text)
            }
        case "OBJE":
            if let id = readMediaLink(child) { references.mediaIDs.append(id) } else { references.kept.append(ExtensionNode(gedcom: child)) }
        default:
            return false
        }
        return true
    }
}
