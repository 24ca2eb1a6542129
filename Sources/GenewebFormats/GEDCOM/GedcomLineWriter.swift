import Foundation
import GenewebCore

/// Writes GEDCOM lines: escapes `@`, splits long values with `CONC` (5.5.1) and newlines with
/// `CONT`, so every line stays within the 255 characters 5.5.1 allows. The calendar escapes of
/// 5.5.1 dates (`@#DJULIAN@`) are syntax, not text: they are written as they are.
struct GedcomLineWriter {
    let version: GedcomDateVersion
    private(set) var text = ""
    /// Longest line GEDCOM 5.5.1 allows, level and tag included.
    let maximumLineLength = 255

    init(version: GedcomDateVersion) {
        self.version = version
        text.reserveCapacity(1 << 16)
    }

    /// Appends `LEVEL [XREF] TAG [VALUE]`; a text value is escaped and split, a pointer is not.
    mutating func line(_ level: Int, _ tag: String, _ value: String? = nil, xref: String? = nil, pointer: Bool = false) {
        line(level, tag, value, xref: xref, pointer: pointer, date: false)
    }

    /// Appends a `DATE` line: as `line`, but 5.5.1 calendar escapes keep their single `@`.
    mutating func date(_ level: Int, _ value: String) {
        line(level, "DATE", value, xref: nil, pointer: false, date: true)
    }

    private mutating func line(_ level: Int, _ tag: String, _ value: String?, xref: String?, pointer: Bool, date: Bool) {
        var head = String(level)
        if let xref { head += " " + xref }
        head += " " + tag
        guard let value, !value.isEmpty else {
            text += head + "\n"
            return
        }
        if pointer {
            text += head + " " + value + "\n"
            return
        }
        let pieces = value.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, piece) in pieces.enumerated() {
            let escaped = escape(String(piece), date: date)
            let firstPrefix = index == 0 ? head : "\(level + 1) CONT"
            let chunks =
                version == .v551
                ? split(escaped, first: maximumLineLength - firstPrefix.count - 1, rest: maximumLineLength - "\(level + 1) CONC ".count)
                : [escaped]
            for (chunkIndex, chunk) in chunks.enumerated() {
                let prefix: String
                if index == 0 && chunkIndex == 0 {
                    prefix = head
                } else if chunkIndex == 0 {
                    prefix = "\(level + 1) CONT"
                } else {
                    prefix = "\(level + 1) CONC"
                }
                text += chunk.isEmpty ? prefix + "\n" : prefix + " " + chunk + "\n"
            }
        }
    }

    /// 5.5.1 doubles every `@` but those of a date's calendar escapes; 7 only a leading one.
    private func escape(_ value: String, date: Bool) -> String {
        guard value.contains("@") else { return value }
        guard version == .v551 else { return value.hasPrefix("@") ? "@" + value : value }
        guard date else { return value.replacingOccurrences(of: "@", with: "@@") }
        var result = ""
        var rest = Substring(value)
        while let at = rest.firstIndex(of: "@") {
            result += rest[..<at]
            let afterAt = rest.index(after: at)
            if rest[afterAt...].hasPrefix("#D"), let close = rest[afterAt...].firstIndex(of: "@") {
                result += rest[at...close]
                rest = rest[rest.index(after: close)...]
            } else {
                result += "@@"
                rest = rest[afterAt...]
            }
        }
        return result + rest
    }

    /// Cuts a value into pieces that fit their lines (`first` characters for the first, `rest`
    /// for each CONC), never before or after a space (some readers trim those) and never inside
    /// an `@@` escape.
    private func split(_ value: String, first: Int, rest: Int) -> [String] {
        guard value.count > first else { return [value] }
        var pieces: [String] = []
        var current = Substring(value)
        var limit = first
        while current.count > limit {
            var cut = current.index(current.startIndex, offsetBy: limit)
            while cut > current.startIndex,
                current[cut] == " " || current[current.index(before: cut)] == " " || current[current.index(before: cut)] == "@"
            {
                cut = current.index(before: cut)
            }
            if cut == current.startIndex { cut = current.index(current.startIndex, offsetBy: limit) }
            pieces.append(String(current[..<cut]))
            current = current[cut...]
            limit = rest
        }
        pieces.append(String(current))
        return pieces
    }
}
