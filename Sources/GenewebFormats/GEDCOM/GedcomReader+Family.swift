import GenewebCore

extension GedcomReader {
    mutating func readFamily(_ record: GedcomNode) -> Family {
        var family = Family(id: ids.definition(record.xref))
        family.gedcomXref = record.xref
        var husband: PersonID?
        var wife: PersonID?
        var inlineNotes: [String] = []
        var inlineSources: [String] = []
        for child in record.children {
            switch child.tag {
            case "HUSB" where child.isPointer && child.value != "@VOID@":
                husband = child.value.map { ids.id($0, line: child.line) }
                if !child.children.isEmpty { family.extensions.append(ExtensionNode(gedcom: child, detailsOf: true)) }
            case "WIFE" where child.isPointer && child.value != "@VOID@":
                wife = child.value.map { ids.id($0, line: child.line) }
                if !child.children.isEmpty { family.extensions.append(ExtensionNode(gedcom: child, detailsOf: true)) }
            case "CHIL" where child.isPointer && child.value != "@VOID@":
                if let xref = child.value { family.children.append(ids.id(xref, line: child.line)) }
                if !child.children.isEmpty { family.extensions.append(ExtensionNode(gedcom: child, detailsOf: true)) }
            case "NOTE", "SNOTE":
                if child.isPointer, let xref = child.value { family.noteIDs.append(ids.id(xref, line: child.line)) }
                else if let text = child.value, !text.isEmpty { inlineNotes.append(text) }
            case "SOUR":
                if let text = Self.voidSourceText(child) { inlineSources.append(text) }
                else if let citation = readCitation(child) { family.citations.append(citation) }
                else if let text = child.value { inlineSources.append(text) }
            case "_GENEWEB_RELATION":
                if let relation = child.value.flatMap(RelationKind.init(rawValue:)) { family.relation = relation }
                else { family.extensions.append(ExtensionNode(gedcom: child)) }
            case "_COMMENT": family.comment = child.value
            case "OBJE":
                if let id = readMediaLink(child) { family.mediaIDs.append(id) } else { family.extensions.append(ExtensionNode(gedcom: child)) }
            default:
                if let kind = eventKind(child, table: GedcomEventTags.family) {
                    let event = readEvent(child, kind: kind)
                    if kind == .divorce { family.divorce = .divorced(event.date) }
                    if kind == .separation { family.divorce = .separated(event.date) }
                    family.events.append(event)
                } else {
                    family.extensions.append(ExtensionNode(gedcom: child))
                }
            }
        }
        family.parents = [husband, wife].compactMap { $0 }
        if !inlineNotes.isEmpty { family.notes = inlineNotes.joined(separator: "\n\n") }
        if !inlineSources.isEmpty { family.sources = inlineSources.joined(separator: "\n") }
        return family
    }
}
