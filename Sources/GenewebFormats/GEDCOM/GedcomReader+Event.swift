import Foundation
import GenewebCore

extension GedcomReader {
    /// The kind of an event structure, or nil when `node` is not an event.
    func eventKind(_ node: GedcomNode, table: [String: EventKind]) -> EventKind? {
        if GedcomEventTags.generic.contains(node.tag) {
            // Our own exports name GeneWeb's kinds that GEDCOM lacks by their snake_case name.
            return EventKind(name: node.text("TYPE") ?? node.value ?? "Event")
        }
        return table[node.tag]
    }

    mutating func readEvent(_ node: GedcomNode, kind: EventKind) -> Event {
        var event = Event(kind: kind, value: node.value)
        if GedcomEventTags.generic.contains(node.tag) {
            // The TYPE became the kind; the value (a FACT's text) stays.
            event.value = node.tag == "FACT" ? node.value : (node.text("TYPE") == nil ? nil : node.value)
        }
        var notes: [String] = []
        var sources: [String] = []
        for child in node.children {
            switch child.tag {
            case "DATE": event.date = readDate(child)
            case "PLAC":
                event.place = child.value
                if !child.children.isEmpty { event.extensions.append(ExtensionNode(gedcom: child, detailsOf: true)) }
            case "CAUS": event.reason = child.value
            case "AGE": event.age = child.value
            case "TYPE" where GedcomEventTags.generic.contains(node.tag): break
            case "NOTE" where !child.isPointer:
                if let text = child.value { notes.append(text) }
            case "SOUR":
                if let text = Self.voidSourceText(child) {
                    sources.append(text)
                } else if let citation = readCitation(child) {
                    event.citations.append(citation)
                } else if let text = child.value {
                    sources.append(text)
                }
            case "ASSO":
                if let witness = readWitness(child) { event.witnesses.append(witness) } else { event.extensions.append(ExtensionNode(gedcom: child)) }
            default:
                event.extensions.append(ExtensionNode(gedcom: child))
            }
        }
        if !notes.isEmpty { event.note = notes.joined(separator: "\n\n") }
        if !sources.isEmpty { event.source = sources.joined(separator: "\n") }
        return event
    }

    /// A date value; what does not parse is kept as text and reported.
    mutating func readDate(_ node: GedcomNode) -> GenealogyDate? {
        let phrase = node.text("PHRASE")
        guard let date = GenealogyDate(gedcom: node.value ?? "", phrase: phrase) else { return nil }
        if case .text(let text) = date, let value = node.value, !value.isEmpty,
            !(value.hasPrefix("(") && value.hasSuffix(")")), text != phrase
        {
            document.warnings.append(.init(line: node.line, kind: .unparseableDate, message: "date \"\(value)\" kept as text"))
        }
        return date
    }

    /// A witness in GEDCOM 7 (`ASSO` + `ROLE WITN`) or 5.5.1 style (`ASSO` + `RELA witness`).
    mutating func readWitness(_ node: GedcomNode) -> Witness? {
        guard node.isPointer, let xref = node.value, xref != "@VOID@" else { return nil }
        let role = (node.text("ROLE") ?? node.text("RELA") ?? "").uppercased()
        let kind: WitnessKind
        switch role {
        case "WITN", "WITNESS": kind = .witness
        case "GODP", "GODPARENT", "GODFATHER", "GODMOTHER": kind = .witnessGodparent
        case "OFFICIATOR", "OFFICER": kind = .witnessCivilOfficer
        case "CLERGY", "PRIEST": kind = .witnessReligiousOfficer
        case "INFORMANT": kind = .witnessInformant
        case "ATTENDING": kind = .witnessAttending
        default: return nil
        }
        guard node.children.allSatisfy({ $0.tag == "ROLE" || $0.tag == "RELA" }) else { return nil }
        return Witness(personID: ids.id(xref, line: node.line), kind: kind)
    }

    /// GEDCOM 7 has no free-text sources; our exports write them as `SOUR @VOID@` + `PAGE text`.
    static func voidSourceText(_ node: GedcomNode) -> String? {
        guard node.isPointer, node.value == "@VOID@", node.children.count == 1, node.children[0].tag == "PAGE" else { return nil }
        return node.children[0].value
    }

    /// A citation of a source record (`SOUR @S1@` + `PAGE`, `QUAY`, `DATA`); nil for inline text sources.
    mutating func readCitation(_ node: GedcomNode) -> Citation? {
        guard node.isPointer, let xref = node.value else { return nil }
        var citation = Citation(sourceID: xref == "@VOID@" ? nil : ids.id(xref, line: node.line))
        for child in node.children {
            switch child.tag {
            case "PAGE": citation.page = child.value
            case "QUAY": citation.quality = child.value.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            case "NOTE" where !child.isPointer: citation.note = child.value
            case "DATA" where child.children.allSatisfy({ $0.tag == "DATE" || $0.tag == "TEXT" }):
                if let date = child.first("DATE") { citation.date = readDate(date) }
                citation.text = child.text("TEXT")
            default: citation.extensions.append(ExtensionNode(gedcom: child))
            }
        }
        return citation
    }

    /// A link to a media record, or an inline 5.5 `OBJE` made into a media record.
    /// Nil for `@VOID@` links, which the caller keeps verbatim.
    mutating func readMediaLink(_ node: GedcomNode) -> MediaID? {
        if node.isPointer, let xref = node.value { return xref == "@VOID@" ? nil : ids.id(xref, line: node.line) }
        let media = readMedia(node)
        document.media.append(media)
        return media.id
    }
}
