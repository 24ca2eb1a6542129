import Foundation
import GenewebCore

extension GedcomReader {
    mutating func readPerson(_ record: GedcomNode) -> Person {
        var person = Person(id: ids.definition(record.xref), firstName: "", surname: "")
        person.gedcomXref = record.xref
        var sawName = false
        var references = RecordReferences()
        for child in record.children {
            if readReference(child, into: &references) { continue }
            switch child.tag {
            case "NAME" where !sawName:
                sawName = true
                readPrimaryName(child, into: &person)
            case "NAME":
                // Other names: searchable as aliases, and kept whole for export.
                let (given, surname, _) = Self.splitName(child.value ?? "")
                let alias = [given, surname].filter { !$0.isEmpty }.joined(separator: " ")
                if !alias.isEmpty { person.aliases.append(alias) }
                person.extensions.append(ExtensionNode(gedcom: child))
            case "SEX":
                switch child.value?.uppercased() {
                case "M": person.sex = .male
                case "F": person.sex = .female
                default: person.sex = .unknown
                }
            case "TITL":
                person.titles.append(readTitle(child))
            case "_FIRST_NAME_ALIAS": if let alias = child.value { person.firstNameAliases.append(alias) }
            case "_SURNAME_ALIAS": if let alias = child.value { person.surnameAliases.append(alias) }
            case "_IMAGE": person.image = child.value
            case "RESN":
                if ["PRIVACY", "CONFIDENTIAL"].contains(child.value?.uppercased() ?? "") { person.access = .private }
                person.extensions.append(ExtensionNode(gedcom: child))
            case "FAMS", "FAMC":
                // Links come from the FAM records; details (PEDI, _FREL...) are kept for export.
                // A pointer to a family that never comes is reported with the dangling pointers.
                if child.isPointer, let xref = child.value, xref != "@VOID@" { ids.expect(xref, line: child.line) }
                if child.value == "@VOID@" {
                    person.extensions.append(ExtensionNode(gedcom: child))
                } else if !child.children.isEmpty {
                    person.extensions.append(ExtensionNode(gedcom: child, detailsOf: true))
                }
            case "ASSO" where Self.isGodparent(child):
                if child.isPointer, let xref = child.value, xref != "@VOID@", child.children.allSatisfy({ $0.tag == "RELA" || $0.tag == "ROLE" }) {
                    person.relatedParents.append(RelatedParent(kind: .godParent, fatherID: ids.id(xref, line: child.line)))
                } else {
                    person.extensions.append(ExtensionNode(gedcom: child))
                }
            default:
                if let kind = eventKind(child, table: GedcomEventTags.person) {
                    let event = readEvent(child, kind: kind)
                    if kind == .death { person.deathStatus = .dead(.unspecified) }
                    if kind == .occupation, person.occupation == nil { person.occupation = event.value }
                    person.events.append(event)
                } else {
                    person.extensions.append(ExtensionNode(gedcom: child))
                }
            }
        }
        references.apply(to: &person)
        return person
    }

    private mutating func readPrimaryName(_ node: GedcomNode, into person: inout Person) {
        var (given, surname, suffix) = Self.splitName(node.value ?? "")
        if given.isEmpty, let givn = node.text("GIVN")?.trimmingCharacters(in: .whitespaces) { given = givn }
        if surname.isEmpty, let surn = node.text("SURN")?.trimmingCharacters(in: .whitespaces) { surname = surn }
        person.firstName = given
        person.surname = surname
        if !suffix.isEmpty { person.qualifiers.append(suffix) }
        var details: [ExtensionNode] = []
        for child in node.children {
            switch child.tag {
            case "NICK": if let nick = child.value { person.qualifiers.append(nick) }
            case "_PUBLIC_NAME": person.publicName = child.value
            case "NSFX" where child.value == suffix: break
            case "GIVN" where child.value == given: break
            case "SURN" where child.value == surname: break
            default: details.append(ExtensionNode(gedcom: child))
            }
        }
        if !details.isEmpty {
            // Only one primary name: the carrier needs no value to say which.
            person.extensions.append(ExtensionNode(tag: "NAME", children: details, detailsOf: true))
        }
    }

    /// `Jean Pierre /de La Fontaine/ Jr` → ("Jean Pierre", "de La Fontaine", "Jr").
    static func splitName(_ value: String) -> (given: String, surname: String, suffix: String) {
        let parts = value.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
        func clean(_ text: Substring) -> String {
            text.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        }
        switch parts.count {
        case 1: return (clean(parts[0]), "", "")
        case 2: return (clean(parts[0]), clean(parts[1]), "")
        default: return (clean(parts[0]), clean(parts[1]), clean(parts[2]))
        }
    }

    private static func isGodparent(_ node: GedcomNode) -> Bool {
        let role = (node.text("RELA") ?? node.text("ROLE") ?? "").lowercased()
        return role.contains("godf") || role.contains("godm") || role.contains("godp") || role.contains("parrain") || role.contains("marraine")
    }

    private mutating func readTitle(_ node: GedcomNode) -> Title {
        var title = Title(title: node.value ?? "", place: node.text("PLAC") ?? "")
        for child in node.children {
            switch child.tag {
            case "DATE":
                if let date = readDate(child) {
                    switch date.precision {
                    case .fromTo(let end)?:
                        if case .calendar(var start, let phrase) = date {
                            let endCalendar = start.secondDateCalendar
                            start.precision = .sure
                            start.secondCalendar = nil
                            title.start = .calendar(start, phrase: phrase)
                            title.end = .calendar(CalendarDate(end, calendar: endCalendar))
                        }
                    case .to?: title.end = date
                    default: title.start = date
                    }
                }
            case "PLAC": break
            default: title.extensions.append(ExtensionNode(gedcom: child))
            }
        }
        return title
    }
}
