import Foundation
import GenewebCore

/// Reads GeneWeb `.gw` files (what `gwu` writes and `gwc` compiles), gwplus included: `fam`
/// blocks with witnesses, sources, comments, `fevt` events and `beg`/`end` children; `pevt`
/// person events; `notes`; `rel` (godparents, adoption…); `notes-db`; `page-ext`; `wizard-note`.
///
/// A person is named by `Surname First[.N]` and is the same person wherever that key appears.
/// As in GeneWeb, `fevt`/`pevt` blocks take precedence over the dates and places of `fam` lines.
public struct GenewebReader {
    var document = GedcomDocument()
    var persons: [GwPersonKey: Int] = [:]
    /// Persons whose events came from a `pevt` block (their `fam`-line events are replaced).
    var personsWithEventBlock = Set<Int>()
    var lines: [String] = []
    var position = 0

    public static func read(bytes: [UInt8]) throws(GenewebFileError) -> GedcomDocument {
        guard !bytes.isEmpty else { throw .empty }
        let decision = CharsetDetector.geneweb(bytes)
        var body = bytes.dropFirst(decision.bomLength)
        var lineCharset = decision.charset
        if decision.charset == .utf16LittleEndian || decision.charset == .utf16BigEndian {
            // Lines are split on bytes: UTF-16 is made UTF-8 first, as for GEDCOM files.
            body = ArraySlice(CharsetDecoder.decode(body, as: decision.charset).utf8)
            lineCharset = .utf8
        }
        guard !GedcomFile.looksBinary(body) else { throw .notText }
        var reader = GenewebReader()
        var splitter = LineSplitter(body)
        var nulLines: [Int] = []
        while let line = splitter.next() {
            if line.contains(0) {
                // No value may carry a NUL to the database (PostgreSQL refuses it in text).
                nulLines.append(reader.lines.count + 1)
                reader.lines.append(CharsetDecoder.decode(line.filter { $0 != 0 }, as: lineCharset))
            } else {
                reader.lines.append(CharsetDecoder.decode(line, as: lineCharset))
            }
        }
        guard reader.looksLikeGeneweb else { throw .notGeneweb }
        if let warning = decision.warning { reader.document.warnings.append(.init(line: nil, kind: .charset, message: warning)) }
        reader.document.warnings += nulLines.map { .init(line: $0, kind: .nulCharacter, message: "NUL character dropped") }
        reader.readAll()
        return reader.document
    }

    /// A `.gw` file has at least one block keyword at the start of a line.
    var looksLikeGeneweb: Bool {
        let keywords: Set<Substring> = ["fam", "notes", "rel", "pevt", "notes-db", "page-ext", "wizard-note", "gwplus", "encoding:"]
        return lines.prefix(200).contains { keywords.contains($0.split(separator: " ", maxSplits: 1).first ?? "") }
    }

    mutating func readAll() {
        while position < lines.count {
            let line = lines[position]
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            position += 1
            guard let keyword = words.first else { continue }
            switch keyword {
            case "fam": readFamily(Array(words.dropFirst()), line: position)
            case "notes": readPersonNotes(Array(words.dropFirst()))
            case "rel": readRelations(Array(words.dropFirst()))
            case "pevt": readPersonEvents(Array(words.dropFirst()))
            case "notes-db": readPage(title: "notes-db", end: "end notes-db")
            case "page-ext": readPage(title: words.dropFirst().joined(separator: " "), end: "end page-ext")
            case "wizard-note": readPage(title: "wizard-note " + words.dropFirst().joined(separator: " "), end: "end wizard-note")
            case "encoding:", "gwplus": break
            default:
                if !keyword.hasPrefix("#") {
                    document.warnings.append(.init(line: position, kind: .malformedLine, message: "unexpected line: \(line.prefix(60))"))
                }
            }
        }
    }

    // MARK: Persons

    /// The person with this key, created on first mention. `? ?` is a new unknown person each time.
    mutating func person(_ key: GwPersonKey) -> Int {
        if key.surname != "?" || key.firstName != "?", let index = persons[key] { return index }
        var person = Person(firstName: key.firstName, surname: key.surname, occurrence: key.occurrence)
        person.deathStatus = .dontKnowIfDead
        document.persons.append(person)
        let index = document.persons.count - 1
        if key.surname != "?" || key.firstName != "?" { persons[key] = index }
        return index
    }

    /// Reads `Surname First[.N]` at `index`.
    static func key(_ words: [Substring], _ index: inout Int) -> GwPersonKey? {
        guard index + 1 < words.count else { return nil }
        let surname = GwText.decodeName(words[index])
        let (first, occurrence) = GwPersonKey.splitOccurrence(words[index + 1])
        index += 2
        return GwPersonKey(surname: surname, firstName: first, occurrence: occurrence)
    }
}

/// Why a file cannot be read as `.gw` at all.
public enum GenewebFileError: Error, Equatable, CustomStringConvertible {
    case empty
    case notText
    case notGeneweb

    public var description: String {
        switch self {
        case .empty: "the file is empty"
        case .notText: "the file is binary, not a GeneWeb .gw text file"
        case .notGeneweb: "the file is not a GeneWeb .gw file: no fam, notes, pevt or other block"
        }
    }
}
