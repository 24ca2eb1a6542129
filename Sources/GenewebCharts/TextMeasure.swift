import Foundation

/// The width a line of text takes in the charts' font, estimated from the advance widths of
/// DejaVu Sans (the font the stylesheet names first, and Debian's default), rounded up, so that
/// a line fitted here does not overflow its box in a browser. Letters with accents count as
/// their base letter; characters not in the table count as a full em, the widest case.
public enum TextMeasure {
    /// Advance widths in thousandths of an em.
    private static let widths: [Character: Int] = {
        var table: [Character: Int] = [:]
        let lower = "abcdefghijklmnopqrstuvwxyz"
        let lowerWidths = [613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525]
        let upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        let upperWidths = [684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685]
        for (character, width) in zip(lower, lowerWidths) { table[character] = width }
        for (character, width) in zip(upper, upperWidths) { table[character] = width }
        for digit in "0123456789" { table[digit] = 636 }
        let punctuation: [(Character, Int)] = [
            (" ", 318), (".", 318), (",", 318), ("-", 361), ("–", 500), ("—", 1000), ("(", 390), (")", 390), ("'", 275), ("’", 318),
            ("/", 337), (":", 337), (";", 337), ("?", 531), ("!", 401), ("=", 838), ("+", 838), ("#", 838), ("&", 780), ("…", 1000),
            ("⚭", 1000), ("†", 500), ("*", 500), ("°", 500), ("~", 838), ("→", 838), ("←", 838), ("↑", 838), ("↓", 838), ("ß", 635),
            ("æ", 981), ("Æ", 974), ("œ", 1027), ("Œ", 1069), ("ø", 612), ("Ø", 787), ("ð", 612), ("þ", 635), ("ł", 278), ("Ł", 557),
        ]
        for (character, width) in punctuation { table[character] = width }
        return table
    }()

    /// The width of `text` at `fontSize` pixels, with a 4% margin for rounding and hinting.
    public static func width(_ text: String, fontSize: Double) -> Double {
        var thousandths = 0
        for character in text {
            thousandths += widths[character] ?? widths[base(of: character)] ?? 1000
        }
        return Double(thousandths) / 1000 * fontSize * 1.04
    }

    /// The letter under its accents (é → e), from its canonical decomposition.
    private static func base(of character: Character) -> Character {
        guard let first = String(character).decomposedStringWithCanonicalMapping.unicodeScalars.first else { return character }
        return Character(first)
    }

    /// `text` cut with an ellipsis so that it takes at most `width` pixels.
    public static func fit(_ text: String, width: Double, fontSize: Double) -> String {
        if Self.width(text, fontSize: fontSize) <= width { return text }
        var characters = Array(text)
        while !characters.isEmpty {
            characters.removeLast()
            let candidate = String(characters).trimmingTrailingSpaces() + "…"
            if Self.width(candidate, fontSize: fontSize) <= width { return candidate }
        }
        return ""
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
