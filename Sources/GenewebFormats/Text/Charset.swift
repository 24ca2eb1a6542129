import Foundation

/// The character sets genealogy files come in.
public enum Charset: String, Sendable, Hashable, CaseIterable {
    case utf8 = "UTF-8"
    case utf16LittleEndian = "UTF-16LE"
    case utf16BigEndian = "UTF-16BE"
    /// ANSEL (ANSI Z39.47), GEDCOM 5's default: combining diacritics come before their letter.
    case ansel = "ANSEL"
    /// Windows-1252, what `CHAR ANSI` and `IBM WINDOWS` files hold in practice.
    case windows1252 = "WINDOWS-1252"
    /// IBM PC code page 437 (`CHAR IBMPC`).
    case cp437 = "CP437"
    /// ISO-8859-1 (`CHAR LATIN1`, GeneWeb files without `encoding:`).
    case latin1 = "ISO-8859-1"
    /// Mac OS Roman (`CHAR MACINTOSH`).
    case macRoman = "MACINTOSH"
    case ascii = "ASCII"

    /// The charset a GEDCOM `CHAR` value names; nil when unknown.
    public init?(gedcomName: String) {
        switch gedcomName.uppercased().trimmingCharacters(in: .whitespaces) {
        case "UTF-8", "UTF8": self = .utf8
        case "UNICODE", "UTF-16", "UTF16": self = .utf16LittleEndian
        case "ANSEL": self = .ansel
        case "ANSI", "IBM WINDOWS", "IBM_WINDOWS", "WINDOWS", "CP1252", "WINDOWS-1252": self = .windows1252
        case "IBMPC", "IBM PC", "IBM DOS", "MS-DOS", "DOS", "CP437", "CP850": self = .cp437
        case "LATIN1", "ISO-8859-1", "ISO8859-1", "ISO 8859-1", "LATIN-1", "ISO-8859-15": self = .latin1
        case "MACINTOSH", "MAC", "MACROMAN": self = .macRoman
        case "ASCII", "US-ASCII": self = .ascii
        default: return nil
        }
    }
}
