import GenewebCore

extension GedcomWriter {
    func writeEvent(_ event: Event, family: Bool, _ lines: inout GedcomLineWriter) {
        if let tag = GedcomEventTags.tag(for: event.kind, family: family) {
            lines.line(1, tag, event.value)
        } else {
            lines.line(1, "EVEN", event.value)
            if case .custom(let name) = event.kind { lines.line(2, "TYPE", name) } else { lines.line(2, "TYPE", event.kind.name) }
        }
        if let date = event.date { writeDate(date, level: 2, &lines) }
        if let place = event.place {
            lines.line(2, "PLAC", place)
            writeDetails(of: "PLAC", value: place, in: event.extensions, level: 3, &lines)
        }
        if let reason = event.reason { lines.line(2, "CAUS", reason) }
        if let age = event.age { lines.line(2, "AGE", age) }
        for witness in event.witnesses {
            guard let xref = xrefs.xref(witness.personID) else { continue }
            lines.line(2, "ASSO", xref, pointer: true)
            if version == .v551 {
                lines.line(3, "RELA", Self.relaName(witness.kind))
            } else {
                lines.line(3, "ROLE", Self.roleName(witness.kind))
            }
        }
        writeCommon(notes: event.note, sources: event.source, citations: event.citations, noteIDs: [], mediaIDs: [], level: 2, &lines)
        for node in event.extensions where !node.detailsOf { writeExtension(node, level: 2, &lines) }
    }

    func writeDate(_ date: GenealogyDate, level: Int, _ lines: inout GedcomLineWriter) {
        let (value, phrase) = date.gedcomFileValue(version)
        lines.date(level, value)
        if let phrase { lines.line(level + 1, "PHRASE", phrase) }
    }

    /// Notes, free-text sources, citations, shared notes and media links of a record or event.
    func writeCommon(
        notes: String?, sources: String?, citations: [Citation], noteIDs: [NoteID], mediaIDs: [MediaID], level: Int, _ lines: inout GedcomLineWriter
    ) {
        if let notes { lines.line(level, "NOTE", notes) }
        for id in noteIDs {
            guard let xref = xrefs.xref(id) else { continue }
            lines.line(level, version == .v551 ? "NOTE" : "SNOTE", xref, pointer: true)
        }
        if let sources {
            if version == .v551 {
                lines.line(level, "SOUR", sources)
            } else {
                // GEDCOM 7 has no free-text sources: a void pointer with the text as page.
                lines.line(level, "SOUR", "@VOID@", pointer: true)
                lines.line(level + 1, "PAGE", sources)
            }
        }
        for citation in citations { writeCitation(citation, level: level, &lines) }
        for id in mediaIDs {
            guard let xref = xrefs.xref(id) else { continue }
            lines.line(level, "OBJE", xref, pointer: true)
        }
    }

    func writeCitation(_ citation: Citation, level: Int, _ lines: inout GedcomLineWriter) {
        lines.line(level, "SOUR", citation.sourceID.flatMap { xrefs.xref($0) } ?? "@VOID@", pointer: true)
        if let page = citation.page { lines.line(level + 1, "PAGE", page) }
        if citation.date != nil || citation.text != nil {
            lines.line(level + 1, "DATA")
            if let date = citation.date { writeDate(date, level: level + 2, &lines) }
            if let text = citation.text { lines.line(level + 2, "TEXT", text) }
        }
        if let quality = citation.quality { lines.line(level + 1, "QUAY", String(quality)) }
        if let note = citation.note { lines.line(level + 1, "NOTE", note) }
        for node in citation.extensions { writeExtension(node, level: level + 1, &lines) }
    }

    /// A structure kept from import, written back as it came.
    func writeExtension(_ node: ExtensionNode, level: Int, _ lines: inout GedcomLineWriter) {
        let pointer = node.value.map(Self.isPointer) ?? false
        if node.tag == "DATE", level > 0, let value = node.value, !pointer {
            lines.date(level, value)
        } else {
            lines.line(level, node.tag, node.value, xref: level == 0 ? node.xref : nil, pointer: pointer)
        }
        for child in node.children { writeExtension(child, level: level + 1, &lines) }
    }

    static func isPointer(_ value: String) -> Bool {
        value.count >= 3 && value.hasPrefix("@") && value.hasSuffix("@") && !value.hasPrefix("@#")
            && !value.dropFirst().dropLast().contains("@") && !value.contains(" ")
    }

    static func relaName(_ kind: WitnessKind) -> String {
        switch kind {
        case .witness: "Witness"
        case .witnessGodparent: "Godparent"
        case .witnessCivilOfficer: "Officer"
        case .witnessReligiousOfficer: "Clergy"
        case .witnessInformant: "Informant"
        case .witnessAttending: "Attending"
        case .witnessMentioned: "Mentioned"
        case .witnessOther: "Other"
        }
    }

    static func roleName(_ kind: WitnessKind) -> String {
        switch kind {
        case .witness: "WITN"
        case .witnessGodparent: "GODP"
        case .witnessCivilOfficer: "OFFICIATOR"
        case .witnessReligiousOfficer: "CLERGY"
        case .witnessInformant: "INFORMANT"
        case .witnessAttending: "ATTENDING"
        case .witnessMentioned: "OTHER"
        case .witnessOther: "OTHER"
        }
    }
}
