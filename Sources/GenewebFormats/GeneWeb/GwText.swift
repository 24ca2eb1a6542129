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

    /// "Jean Pierre" → `Jean_Pierre`, a real underscore → `\_`, a backslash → `\\`, control
    /// characters → `_` (as `gwu` writes them).
    static func encode(_ text: String) -> String {
        // A leading bracket, parenthesis or brace would read as a title, public name or alias.
        var result = text.first.map { "[({#".contains($0) } == true ? "_" : ""
        for character in text {
            switch character {
            case "_": result += "\\_"
            case "\\": result += "\\\\"
            case " ", "\t", "\n", "\r": result += "_"
            default:
                if character.unicodeScalars.allSatisfy({ $0.value < 0x20 || $0.value == 0x7F }) { result += "_" } else { result.append(character) }
            }
        }
        return result.isEmpty ? "_" : result
    }

    /// A first name or surname. `gwc` takes a word for a name only when it starts with a letter,
    /// a digit or a byte it knows as the start of an accented letter; anything else (`'t Hooft`,
    /// `-`) gets a leading `_`, read back as a space and dropped. An empty name is `_`. A colon
    /// is GeneWeb's declension syntax in a name (`gwc` would never find the person again by
    /// it): it is written as the look-alike `꞉` (U+A789), which `decodeName` reads back.
    static func name(_ text: String, digitsAllowed: Bool = true) -> String {
        let encoded = encode(text.replacingOccurrences(of: ":", with: nameColon))
        guard let first = encoded.unicodeScalars.first else { return "_" }
        let accepted: Bool
        if first.isASCII {
            let byte = UInt8(first.value)
            accepted =
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (digitsAllowed && byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
        } else {
            // The lead byte of the character's UTF-8 form, which is what gwc looks at.
            let lead = String(first).utf8.first ?? 0
            accepted = (0xC0...0xDD).contains(lead) || lead >= 0xE0
        }
        return accepted ? encoded : "_" + encoded
    }

    /// A part of a title (`[name:title:place:start:end:nth]`): a colon or backslash inside it
    /// is escaped once more, as `gwu` does, since `gwc` unescapes the word and then the title.
    static func titlePart(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "_": result += "\\_"
            case "\\": result += "\\\\\\\\"
            case ":": result += "\\\\:"
            case " ", "\t", "\n", "\r": result += "_"
            default:
                if character.unicodeScalars.allSatisfy({ $0.value < 0x20 || $0.value == 0x7F }) { result += "_" } else { result.append(character) }
            }
        }
        return result
    }

    static let nameColon = "\u{A789}"

    /// A first name or surname word: `decode`, with `name`'s colon look-alike read back.
    static func decodeName(_ token: Substring) -> String {
        let text = decode(token)
        return text.contains(nameColon) ? text.replacingOccurrences(of: nameColon, with: ":") : text
    }

    /// Whether a token starts a date (`1850`, `~1850`, `<5/1850`, `0(text)`, `12/5/1850J`, and
    /// years before the common era: `-44`, `~-500`).
    static func isDate(_ token: Substring) -> Bool {
        var rest = token
        if let first = rest.first, "~?<>".contains(first) { rest = rest.dropFirst() }
        if rest.first == "-" { rest = rest.dropFirst() }
        return rest.first?.isASCIIDigit == true
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

    /// A first-name token with its optional `.N`: `Louis.1` → ("Louis", 1). A number beyond
    /// `Occurrence.maximum` is no occurrence number: the token is a name, as a 20-digit one is.
    static func splitOccurrence(_ token: Substring) -> (String, Int) {
        if let dot = token.lastIndex(of: "."), let number = Int(token[token.index(after: dot)...]),
            (0...Occurrence.maximum).contains(number), !token[..<dot].isEmpty
        {
            return (GwText.decodeName(token[..<dot]), number)
        }
        return (GwText.decodeName(token), 0)
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
