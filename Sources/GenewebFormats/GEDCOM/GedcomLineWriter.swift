import Foundation
import GenewebCore

/// Writes GEDCOM lines: escapes `@`, splits long values with `CONC` (5.5.1) and newlines with
/// `CONT`, so every line stays within the 255 characters 5.5.1 allows.
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
            let escaped = escape(String(piece), first: true)
            let firstPrefix = index == 0 ? head : "\(level + 1) CONT"
            let chunks = version == .v551
                ? split(escaped, first: maximumLineLength - firstPrefix.count - 1, rest: maximumLineLength - "\(level + 1) CONC ".count)
                : [escaped]
            for (chunkIndex, chunk) in chunks.enumerated() {
                let prefix: String
                if index == 0 && chunkIndex == 0 { prefix = head }
                else if chunkIndex == 0 { prefix = "\(level + 1) CONT" }
                else { prefix = "\(level + 1) CONC" }
                text += chunk.isEmpty ? prefix + "\n" : prefix + " " + chunk + "\n"
            }
        }
    }

    /// 5.5.1 doubles every `@`; 7 only a leading one.
    private func escape(_ value: String, first: Bool) -> String {
        guard value.contains("@") else { return value }
        if version == .v551 { return value.replacingOccurrences(of: "@", with: "@@") }
        return value.hasPrefix("@") ? "@" + value : value
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
                  current[cut] == " " || current[current.index(before: cut)] == " " || current[current.index(before: cut)] == "@" {
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
