import Foundation
import GenewebCore

/// The word-level conventions of `.gw` files.
enum GwText {
    /// `Jean_Pierre` → "Jean Pierre"; `\_` is a real underscore. Spaces at either end are
    /// dropped: `gwu` writes `_[Saint-Jacques]_-_Reims` so the place is not read as a title.
    static func decode(_ token: Substring) -> String {
        guard token.contains("_") || token.contains("\\") else { return String(token) }
        var result = ""
        var escaped = false
        for character in token {
            if escaped {
                result.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character == "_" ? " " : character)
            }
        }
        if escaped { result.append("\\") }
        return result.trimmingCharacters(in: .whitespaces)
    }

    /// "Jean Pierre" → `Jean_Pierre`, a real underscore → `\_`.
    static func encode(_ text: String) -> String {
        // A leading bracket, parenthesis or brace would read as a title, public name or alias.
        var result = text.first.map { "[({#".contains($0) } == true ? "_" : ""
        for character in text {
            switch character {
            case "_": result += "\\_"
            case " ", "\t", "\n", "\r": result += "_"
            default: result.append(character)
            }
        }
        return result
    }

    /// Whether a token starts a date (`1850`, `~1850`, `<5/1850`, `0(text)`, `12/5/1850J`).
    static func isDate(_ token: Substring) -> Bool {
        guard let first = token.first else { return false }
        if first.isNumber { return true }
        if "~?<>".contains(first), token.count > 1, let second = token.dropFirst().first, second.isNumber { return true }
        return false
    }
}

/// A person as a `.gw` file names one: surname, first name and occurrence number.
struct GwPersonKey: Hashable {
    let surname: String
    let firstName: String
    let occurrence: Int

    /// The key text of the form `Surname First[.N]`, as tokens.
    var tokens: String {
        GwText.encode(surname.isEmpty ? "?" : surname) + " " + GwText.encode(firstName.isEmpty ? "?" : firstName)
            + (occurrence == 0 ? "" : ".\(occurrence)")
    }

    /// A first-name token with its optional `.N`: `Louis.1` → ("Louis", 1).
    static func splitOccurrence(_ token: Substring) -> (String, Int) {
        if let dot = token.lastIndex(of: "."), let number = Int(token[token.index(after: dot)...]), number >= 0,
           !token[..<dot].isEmpty {
            return (GwText.decode(token[..<dot]), number)
        }
        return (GwText.decode(token), 0)
    }
}

/// GeneWeb's event tags (`#birt`, `#marr`…) and our kinds.
enum GwEventTags {
    static let person: [(String, EventKind)] = [
        ("#birt", .birth), ("#bapt", .baptism), ("#deat", .death), ("#buri", .burial), ("#crem", .cremation),
        ("#acco", .accomplishment), ("#acqu", .acquisition), ("#adhe", .adhesion), ("#bapl", .baptismLDS),
        ("#barm", .barMitzvah), ("#basm", .batMitzvah), ("#bles", .benediction), ("#cens", .census),
        ("#chgn", .changeName), ("#circ", .circumcision), ("#conf", .confirmation), ("#conl", .confirmationLDS),
        ("#degr", .diploma), ("#awar", .decoration), ("#demm", .demobilisationMilitaire), ("#dist", .distinction),
        ("#endl", .dotation), ("#dotl", .dotationLDS), ("#educ", .education), ("#elec", .election),
        ("#emig", .emigration), ("#exco", .excommunication), ("#flkl", .familyLinkLDS), ("#fcom", .firstCommunion),
        ("#fune", .funeral), ("#grad", .graduate), ("#hosp", .hospitalisation), ("#illn", .illness),
        ("#immi", .immigration), ("#lpas", .listePassenger), ("#mdis", .militaryDistinction),
        ("#mpro", .militaryPromotion), ("#mser", .militaryService), ("#mobm", .mobilisationMilitaire),
        ("#natu", .naturalisation), ("#occu", .occupation), ("#ordn", .ordination), ("#prop", .property),
        ("#resi", .residence), ("#reti", .retired), ("#slgc", .scellentChildLDS), ("#slgp", .scellentParentLDS),
        ("#slgs", .scellentSpouseLDS), ("#vteb", .venteBien), ("#will", .will),
    ]

    static let family: [(String, EventKind)] = [
        ("#marr", .marriage), ("#nmar", .noMarriage), ("#nmen", .noMention), ("#enga", .engagement),
        ("#div", .divorce), ("#sep", .separation), ("#anul", .annulment), ("#marb", .marriageBann),
        ("#marc", .marriageContract), ("#marl", .marriageLicense), ("#pacs", .pacs), ("#resi", .familyResidence),
    ]

    static func kind(_ tag: Substring, family: Bool) -> EventKind {
        let table = family ? self.family : person
        if let found = table.first(where: { $0.0 == tag }) { return found.1 }
        return .custom(GwText.decode(tag.dropFirst()))
    }

    static func tag(_ kind: EventKind, family: Bool) -> String {
        let table = family ? self.family : person
        if let found = table.first(where: { $0.1 == kind }) { return found.0 }
        if case .custom(let name) = kind { return "#" + GwText.encode(name) }
        return "#" + GwText.encode(kind.name)
    }
}
