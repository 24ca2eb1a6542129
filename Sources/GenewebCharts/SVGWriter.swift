/// Writes SVG markup with every text and attribute escaped, so a name can never become markup.
/// Coordinates are written with at most one decimal: charts are laid out on whole pixels.
public struct SVGWriter: Sendable {
    public private(set) var markup = ""

    public init() {}

    /// An element with attributes; `content` writes its children, nil makes it empty (`/>`).
    public mutating func element(_ name: String, _ attributes: [(String, String)] = [], content: ((inout SVGWriter) -> Void)? = nil) {
        markup += "<" + name
        for (key, value) in attributes {
            markup += " \(key)=\"\(Self.escape(value))\""
        }
        guard let content else {
            markup += "/>"
            return
        }
        markup += ">"
        content(&self)
        markup += "</\(name)>"
    }

    /// Escaped character data.
    public mutating func text(_ text: String) {
        markup += Self.escape(text)
    }

    /// A number as SVG wants it: no exponent, at most one decimal.
    public static func number(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        if tenths.truncatingRemainder(dividingBy: 10) == 0 { return String(Int(tenths / 10)) }
        return String(Double(tenths) / 10)
    }

    /// Escapes the five characters that matter in XML text and attribute values.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "&": escaped += "&amp;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            // Control characters are not allowed in XML 1.0; they cannot come from a name anyway.
            case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}": continue
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }
}
