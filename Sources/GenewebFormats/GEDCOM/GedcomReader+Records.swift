import GenewebCore

extension GedcomReader {
    mutating func readSource(_ record: GedcomNode) -> Source {
        var source = Source(id: ids.definition(record.xref), title: "")
        source.gedcomXref = record.xref
        for child in record.children {
            switch child.tag {
            case "TITL": source.title = child.value ?? ""
            case "AUTH": source.author = child.value
            case "PUBL": source.publication = child.value
            case "ABBR": source.abbreviation = child.value
            case "TEXT": source.text = child.value
            case "REPO" where child.isPointer && child.children.allSatisfy({ $0.tag == "CALN" && $0.children.isEmpty }):
                let repository: RepositoryID? = child.value == "@VOID@" ? nil : child.value.map { ids.id($0, line: child.line) }
                source.repositories.append(RepositoryCitation(repositoryID: repository, callNumber: child.text("CALN")))
            case "NOTE" where child.isPointer, "SNOTE" where child.isPointer:
                if let xref = child.value { source.noteIDs.append(ids.id(xref, line: child.line)) }
            case "OBJE":
                if let id = readMediaLink(child) { source.mediaIDs.append(id) } else { source.extensions.append(ExtensionNode(gedcom: child)) }
            default:
                source.extensions.append(ExtensionNode(gedcom: child))
            }
        }
        return source
    }

    mutating func readRepository(_ record: GedcomNode) -> Repository {
        var repository = Repository(id: ids.definition(record.xref), name: record.text("NAME") ?? "")
        repository.gedcomXref = record.xref
        for child in record.children where child.tag != "NAME" {
            if child.tag == "ADDR", child.children.isEmpty {
                repository.address = child.value
            } else {
                repository.extensions.append(ExtensionNode(gedcom: child))
            }
        }
        return repository
    }

    mutating func readNote(_ record: GedcomNode) -> Note {
        var note = Note(id: ids.definition(record.xref), text: record.value ?? "")
        note.gedcomXref = record.xref
        note.extensions = record.children.map { ExtensionNode(gedcom: $0) }
        return note
    }

    /// A media record, or an inline 5.5 `OBJE` (`FILE`, `FORM`, `TITL`).
    mutating func readMedia(_ record: GedcomNode) -> Media {
        var media = Media(id: ids.definition(record.xref), file: "")
        media.gedcomXref = record.xref
        var sawFile = false
        for child in record.children {
            switch child.tag {
            case "FILE" where !sawFile:
                sawFile = true
                media.file = child.value ?? ""
                for detail in child.children {
                    switch detail.tag {
                    case "FORM" where detail.children.isEmpty: media.format = detail.value
                    case "TITL": media.title = detail.value
                    default: media.extensions.append(ExtensionNode(tag: "FILE", value: child.value, children: [ExtensionNode(gedcom: detail)], detailsOf: true))
                    }
                }
            case "FORM" where child.children.isEmpty: media.format = child.value
            case "TITL": media.title = child.value
            default: media.extensions.append(ExtensionNode(gedcom: child))
            }
        }
        return media
    }
}
