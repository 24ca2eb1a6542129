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
