import GenewebCore

extension GedcomReader {
    mutating func readFamily(_ record: GedcomNode) -> Family {
        var family = Family(id: ids.definition(record.xref))
        family.gedcomXref = record.xref
        var husband: PersonID?
        var wife: PersonID?
        var references = RecordReferences()
        for child in record.children {
            if readReference(child, into: &references) { continue }
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
            case "_GENEWEB_RELATION":
                if let relation = child.value.flatMap(RelationKind.init(rawValue:)) {
                    family.relation = relation
                } else {
                    family.extensions.append(ExtensionNode(gedcom: child))
                }
            case "_COMMENT": family.comment = child.value
            default:
                if let kind = eventKind(child, table: GedcomEventTags.family) {
                    let event = readEvent(child, kind: kind)
                    // `DIV N` (some programs' "not divorced") is no divorce; the line is kept.
                    if kind == .divorce, !(child.value?.uppercased() == "N" && child.children.isEmpty) { family.divorce = .divorced(event.date) }
                    if kind == .separation { family.divorce = .separated(event.date) }
                    family.events.append(event)
                } else {
                    family.extensions.append(ExtensionNode(gedcom: child))
                }
            }
        }
        family.parents = [husband, wife].compactMap { $0 }
        references.apply(to: &family)
        return family
    }
}
