import Foundation

/// Lookup keys for names: case-folded, accents removed, separators unified.
///
/// Two spellings that a genealogist would type for the same name give the same key:
/// "Éléonore", "eleonore" and "ELEONORE" → `eleonore`; "Jean-Pierre" and "Jean Pierre" →
/// `jean pierre`; "Strauß" → `strauss`; "Ærø" → `aero`. Particles are kept in the key (they are
/// part of the name) but `surnameSortKey` drops leading ones, as GeneWeb's surname index does:
/// "de La Fontaine" sorts under `fontaine`.
public enum NameNormalizer {
    /// The lookup key of a name.
    public static func key(_ name: String) -> String {
        var scalars = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in name.unicodeScalars {
            // ASCII letters and digits, most of every name, without building a string each.
            let folded: String?
            if scalar.isASCII, let ascii = asciiFold(scalar) {
                if pendingSpace, !scalars.isEmpty { scalars.append(" ") }
                pendingSpace = false
                scalars.append(ascii)
                continue
            }
            folded = fold(scalar)
            guard let folded else {
                pendingSpace = true
                continue
            }
            if folded.isEmpty { continue }
            if pendingSpace, !scalars.isEmpty { scalars.append(" ") }
            pendingSpace = false
            scalars.append(contentsOf: folded.unicodeScalars)
        }
        return String(scalars)
    }

    /// Leading particles of surnames, in key form, longest first so "van der" wins over "van".
    public static let particles: [String] = [
        "van der", "van den", "von der", "von dem", "de la", "de los", "de las", "de l", "van de",
        "d", "de", "del", "della", "des", "di", "du", "da", "dos", "das", "der", "den", "het",
        "l", "la", "le", "les", "lo", "van", "von", "vom", "zu", "zum", "zur", "ten", "ter", "y", "af", "av",
    ]

    /// The surname key without its leading particles: "de La Fontaine" → `fontaine`,
    /// "van der Berg" → `berg`, "d'Artagnan" → `artagnan`. A surname made only of particles
    /// ("Le", "Da") keeps them.
    public static func surnameSortKey(_ surname: String) -> String {
        var rest = key(surname)
        var changed = true
        while changed {
            changed = false
            for particle in particles where rest.hasPrefix(particle + " ") {
                rest = String(rest.dropFirst(particle.count + 1))
                changed = true
                break
            }
        }
        return rest.isEmpty ? key(surname) : rest
    }

    /// The leading particles of a surname as written ("de La" for "de La Fontaine"), or "".
    public static func particlePrefix(_ surname: String) -> String {
        let words = surname.split(whereSeparator: { $0 == " " })
        let sortKey = surnameSortKey(surname)
        let keptWords = sortKey.split(separator: " ").count
        let dropped = max(0, words.count - keptWords)
        return words.prefix(dropped).joined(separator: " ")
    }

    /// GeneWeb's person key `first_name.occurrence.surname`, in key form with spaces as `_`:
    /// ("Jean Pierre", 2, "de La Fontaine") → `jean_pierre.2.de_la_fontaine`.
    public static func personKey(firstName: String, occurrence: Int, surname: String) -> String {
        let first = key(firstName).replacingSpaces(with: "_")
        let last = key(surname).replacingSpaces(with: "_")
        return "\(first).\(occurrence).\(last)"
    }

    /// Splits a person key back into its parts; nil when it is not of the form `first.N.surname`.
    public static func parsePersonKey(_ text: String) -> (firstName: String, occurrence: Int, surname: String)? {
        let parts = text.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let occurrence = Int(parts[1]), (0...Occurrence.maximum).contains(occurrence), !parts[0].isEmpty, !parts[2].isEmpty
        else { return nil }
        return (key(String(parts[0]).replacingUnderscores()), occurrence, key(String(parts[2]).replacingUnderscores()))
    }

    /// A lower-case ASCII letter or digit; nil for anything else.
    @inline(__always) static func asciiFold(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x41...0x5A: Unicode.Scalar(scalar.value + 32)
        case 0x61...0x7A, 0x30...0x39: scalar
        default: nil
        }
    }

    /// The folded form of one character: "" to drop it (combining marks), nil for a separator.
    static func fold(_ scalar: Unicode.Scalar) -> String? {
        let value = scalar.value
        if value < 0x80 {
            switch scalar {
            case "A"..."Z": return String(Character(Unicode.Scalar(value + 32)!))
            case "a"..."z", "0"..."9": return String(Character(scalar))
            default: return nil  // space, hyphen, apostrophe, dot, comma, underscore...
            }
        }
        if let special = specialFolds[scalar] { return special }
        // Combining diacritics (U+0300–U+036F) carry no letter of their own.
        if (0x300...0x36F).contains(value) { return "" }
        if scalar == "\u{2019}" || scalar == "\u{2018}" || scalar == "\u{2010}" || scalar == "\u{2011}" || scalar == "\u{00A0}" {
            return nil
        }
        // Decompose (é → e + ◌́) and keep the base letters.
        let decomposed = String(Character(scalar)).decomposedStringWithCanonicalMapping
        var base = ""
        for part in decomposed.unicodeScalars where !(0x300...0x36F).contains(part.value) {
            base.unicodeScalars.append(part)
        }
        if base.unicodeScalars.count == 1, let only = base.unicodeScalars.first, only.value < 0x80 {
            return fold(only)
        }
        let lowered = base.lowercased()
        return lowered.isEmpty ? "" : lowered
    }

    /// Letters that decomposition does not reduce to ASCII.
    static let specialFolds: [Unicode.Scalar: String] = [
        "ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o",
        "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th", "ł": "l", "Ł": "l",
        "ı": "i", "ħ": "h", "Ħ": "h", "ŋ": "ng", "Ŋ": "ng", "ĳ": "ij", "Ĳ": "ij", "ſ": "s",
    ]
}

extension String {
    fileprivate func replacingSpaces(with replacement: String) -> String {
        replacingOccurrences(of: " ", with: replacement)
    }

    fileprivate func replacingUnderscores() -> String {
        replacingOccurrences(of: "_", with: " ")
    }
}
