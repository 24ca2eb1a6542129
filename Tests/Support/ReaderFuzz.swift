import Foundation

/// Deterministic pseudo-random numbers (SplitMix64): the same seed gives the same numbers on
/// every machine and every run, so a failing case can be made again from its seed.
public struct FuzzRandom {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (0 when `bound` is not positive).
    public mutating func below(_ bound: Int) -> Int {
        bound <= 0 ? 0 : Int(next() % UInt64(bound))
    }

    /// A number in `range`.
    public mutating func within(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.count)
    }

    public mutating func pick<T>(_ choices: [T]) -> T {
        choices[below(choices.count)]
    }
}

/// A file whose mutations are read: its name (the extension tells GEDCOM from `.gw`) and bytes.
public struct FuzzSeedFile: Sendable {
    public let name: String
    public let bytes: [UInt8]
    /// For files cut to windows: the ranges of their lines and the lines that start a record
    /// (found once, not for each case).
    let lines: [Range<Int>]
    let recordStarts: [Int]

    init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
        // UTF-16 files are not cut: their lines are not split at single bytes.
        if bytes.count > ReaderFuzz.windowThreshold, !bytes.starts(with: [0xFF, 0xFE]), !bytes.starts(with: [0xFE, 0xFF]) {
            let lines = FuzzMutator.lineRanges(bytes)
            self.lines = lines
            recordStarts = lines.indices.filter { bytes[lines[$0]].first == UInt8(ascii: "0") }
        } else {
            lines = []
            recordStarts = []
        }
    }

    public var isGeneweb: Bool { name.lowercased().hasSuffix(".gw") }
}

/// One mutated input and what was done to it, to print when it fails.
public struct FuzzCase: Sendable, CustomStringConvertible {
    public let seed: UInt64
    public let index: Int
    public let file: String
    public let mutations: [String]
    public let bytes: [UInt8]

    public var isGeneweb: Bool { file.lowercased().hasSuffix(".gw") }

    public var description: String {
        "fuzz case \(index) (GENEWEB_FUZZ_SEED=\(seed) GENEWEB_FUZZ_CASE=\(index)): \(file), \(bytes.count) bytes, "
            + mutations.joined(separator: "; ")
    }
}

/// Mutated genealogy files for the reader and import fuzz tests: byte flips, cut, duplicated
/// and re-levelled lines, 20-digit numbers in levels, dates and occurrence numbers, invalid
/// UTF-8, deep nesting, pointer cycles, long continuation chains, NUL bytes and byte-order marks
/// in the middle, applied to small built-in files and to windows of the corpus files.
///
/// `GENEWEB_FUZZ_SEED` changes the seed, `GENEWEB_FUZZ_CASES` the number of cases (for a longer
/// run), `GENEWEB_FUZZ_CASE` runs a single case again.
public enum ReaderFuzz {
    /// No mutated input is larger: each case stays cheap, whatever its mutations.
    public static let sizeCap = 256 * 1024

    public static var seed: UInt64 {
        ProcessInfo.processInfo.environment["GENEWEB_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_261_125
    }

    /// The cases to run: `defaultCount`, or as many as `GENEWEB_FUZZ_CASES` says (scaled by
    /// `share` for tests that run a part of them), or the one case of `GENEWEB_FUZZ_CASE`.
    public static func caseIndexes(defaultCount: Int, share: Double = 1) -> [Int] {
        let environment = ProcessInfo.processInfo.environment
        if let single = environment["GENEWEB_FUZZ_CASE"].flatMap({ Int($0) }) { return [single] }
        let requested = environment["GENEWEB_FUZZ_CASES"].flatMap { Int($0) }.map { max(1, Int(Double($0) * share)) }
        return Array(0..<(requested ?? defaultCount))
    }

    /// The files mutated: the built-in ones always, the corpus when present (`corpus` is nil
    /// when it is absent; large files are cut to windows of a few hundred lines per case).
    public static func seedFiles(corpus: URL?) -> [FuzzSeedFile] {
        var files = FuzzFixtures.all
        guard let corpus else { return files }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []
        for name in names.sorted() where [".ged", ".gw"].contains(where: name.lowercased().hasSuffix) {
            if let data = FileManager.default.contents(atPath: corpus.appendingPathComponent(name).path) {
                files.append(FuzzSeedFile(name: name, bytes: Array(data)))
            }
        }
        return files
    }

    /// Case `index`: a file chosen and mutated from the seed and the index alone.
    public static func makeCase(_ index: Int, seed: UInt64, files: [FuzzSeedFile]) -> FuzzCase {
        var random = FuzzRandom(seed: seed ^ (UInt64(index) &* 0xD1B5_4A32_D192_ED03))
        let file = files[index % files.count]
        var mutations: [String] = []
        var bytes = file.bytes
        // Files of the corpus are cut to a window, but the smaller ones are read whole one time in four.
        if !file.lines.isEmpty, file.bytes.count > 96 * 1024 || random.below(4) != 0 {
            let (window, note) = Self.window(of: file, random: &random)
            bytes = window
            mutations.append(note)
        }
        var mutator = FuzzMutator(bytes: bytes, isGeneweb: file.isGeneweb, random: random)
        for _ in 0..<mutator.random.within(1...4) {
            mutations.append(mutator.mutateOnce())
            if mutator.bytes.count > sizeCap {
                mutator.bytes.removeSubrange(sizeCap...)
                mutations.append("cut to \(sizeCap) bytes")
            }
        }
        return FuzzCase(seed: seed, index: index, file: file.name, mutations: mutations, bytes: mutator.bytes)
    }

    /// Files larger than this may be cut to windows: a case reads a few hundred lines, not megabytes.
    static let windowThreshold = 16 * 1024

    /// The header (lines up to the first record after it) and a run of lines from a random record.
    static func window(of file: FuzzSeedFile, random: inout FuzzRandom) -> ([UInt8], String) {
        let (bytes, lines, recordStarts) = (file.bytes, file.lines, file.recordStarts)
        let headerEnd = recordStarts.dropFirst().first ?? min(lines.count, 20)
        let start = recordStarts.isEmpty ? 0 : random.pick(recordStarts)
        let count = random.within(20...160)
        let end = min(lines.count, start + count)
        var window: [UInt8] = []
        for line in lines[..<headerEnd] { window += bytes[line] + [0x0A] }
        for line in lines[max(start, headerEnd)..<max(end, headerEnd)] { window += bytes[line] + [0x0A] }
        return (window, "window of lines \(start + 1)–\(end)")
    }
}

/// Applies one mutation at a time to a file's bytes.
struct FuzzMutator {
    var bytes: [UInt8]
    let isGeneweb: Bool
    var random: FuzzRandom

    /// Applies one mutation chosen at random; returns what it did.
    mutating func mutateOnce() -> String {
        switch random.below(15) {
        case 0: flipBytes()
        case 1: cutLine()
        case 2: duplicateLines()
        case 3: isGeneweb ? shuffleWords() : relevel()
        case 4: hugeNumber()
        case 5: invalidUTF8()
        case 6: deepNesting()
        case 7: pointerCycle()
        case 8: longContinuation()
        case 9: nulBytes()
        case 10: byteOrderMark()
        case 11: hugeDate()
        case 12: isGeneweb ? hugeOccurrence() : relevel()
        case 13: lineEnds()
        default: truncate()
        }
    }

    // MARK: Lines

    /// The ranges of the lines (without their ends), split at LF, CR or CRLF.
    static func lineRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0A || bytes[index] == 0x0D {
                ranges.append(start..<index)
                if bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                start = index + 1
            }
            index += 1
        }
        if start < bytes.count { ranges.append(start..<bytes.count) }
        return ranges
    }

    var lines: [Range<Int>] { Self.lineRanges(bytes) }

    /// Where a new line may go: just after a line end (or at the start).
    mutating func lineStart() -> Int {
        let lines = self.lines
        guard !lines.isEmpty else { return 0 }
        let line = lines[random.below(lines.count)]
        var position = line.upperBound
        while position < bytes.count, bytes[position] == 0x0A || bytes[position] == 0x0D { position += 1 }
        return position
    }

    mutating func insertLines(_ text: String, at position: Int) {
        bytes.insert(contentsOf: Array(text.utf8), at: position)
    }

    // MARK: Mutations

    mutating func flipBytes() -> String {
        guard !bytes.isEmpty else { return "no byte to flip" }
        let count = random.within(1...8)
        for _ in 0..<count { bytes[random.below(bytes.count)] ^= UInt8(truncatingIfNeeded: random.within(1...255)) }
        return "flipped \(count) bytes"
    }

    mutating func cutLine() -> String {
        let lines = self.lines
        guard !lines.isEmpty else { return "no line to cut" }
        let line = lines[random.below(lines.count)]
        if random.below(2) == 0 {
            bytes.removeSubrange(line)
            return "emptied the line at byte \(line.lowerBound)"
        }
        let cut = line.lowerBound + random.below(line.count + 1)
        bytes.removeSubrange(cut..<line.upperBound)
        return "cut the line at byte \(cut)"
    }

    mutating func duplicateLines() -> String {
        let lines = self.lines
        guard !lines.isEmpty else { return "no line to duplicate" }
        let first = random.below(lines.count)
        let last = min(lines.count - 1, first + random.below(20))
        let block = Array(bytes[lines[first].lowerBound..<lines[last].upperBound]) + [0x0A]
        let copies = random.pick([1, 2, 20])
        let position = lineStart()
        for _ in 0..<copies { bytes.insert(contentsOf: block, at: position) }
        return "copied lines \(first + 1)–\(last + 1) \(copies) times to byte \(position)"
    }

    /// A line's level replaced: another small level, a deep one, or past 99.
    mutating func relevel() -> String {
        let lines = self.lines
        guard !lines.isEmpty else { return "no line to re-level" }
        let line = lines[random.below(lines.count)]
        var end = line.lowerBound
        while end < line.upperBound, bytes[end] >= UInt8(ascii: "0"), bytes[end] <= UInt8(ascii: "9") { end += 1 }
        let level = random.pick([0, 1, 2, 3, 5, 9, 42, 98, 99, 100, 101, 999, 1000])
        bytes.replaceSubrange(line.lowerBound..<end, with: Array(String(level).utf8))
        return "line at byte \(line.lowerBound) re-levelled to \(level)"
    }

    static let hugeNumbers = [
        "99999999999999999999", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "18446744073709551616", "2147483648", "4294967296", "000000000000000000000000000001", "1000000", "-1",
        String(repeating: "9", count: 400),
    ]

    /// A run of digits (a level, a day, a year, an occurrence number) replaced by a huge number.
    mutating func hugeNumber() -> String {
        guard !bytes.isEmpty else { return "no number to replace" }
        var start = random.below(bytes.count)
        while start < bytes.count, !(bytes[start] >= UInt8(ascii: "0") && bytes[start] <= UInt8(ascii: "9")) { start += 1 }
        guard start < bytes.count else { return "no number after the chosen byte" }
        var end = start
        while end < bytes.count, bytes[end] >= UInt8(ascii: "0"), bytes[end] <= UInt8(ascii: "9") { end += 1 }
        let number = random.pick(Self.hugeNumbers)
        bytes.replaceSubrange(start..<end, with: Array(number.utf8))
        return "number at byte \(start) replaced by \(number.prefix(30))"
    }

    mutating func invalidUTF8() -> String {
        let sequences: [[UInt8]] = [
            [0xC3], [0xFF, 0xFE], [0xED, 0xA0, 0x80], [0xC0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80, 0x80, 0x80], [0xFE],
        ]
        let sequence = random.pick(sequences)
        let position = random.below(bytes.count + 1)
        bytes.insert(contentsOf: sequence, at: position)
        return "invalid UTF-8 \(sequence) at byte \(position)"
    }

    /// A ladder of structures one level deeper each, to level 0…130; in `.gw`, nested blocks.
    mutating func deepNesting() -> String {
        let depth = random.pick([20, 99, 100, 130])
        let position = lineStart()
        if isGeneweb {
            var text = ""
            for level in 0..<depth { text += "fam Deep\(level) A + Deep\(level) B\nbeg\n- h C\(level)\n" }
            text += String(repeating: "end\n", count: depth / 2)
            insertLines(text, at: position)
            return "\(depth) nested fam blocks at byte \(position)"
        }
        var text = "0 @DEEP@ _DEEP\n"
        for level in 1...depth { text += "\(level) _L\(level) value \(level)\n" }
        if random.below(2) == 0 { text += "1 NOTE back at one\n" + String(repeating: "2 CONT after the ladder\n", count: 3) }
        insertLines(text, at: position)
        return "a ladder of levels 0–\(depth) at byte \(position)"
    }

    /// Persons who are their own parents, directly or through a loop; in GEDCOM also existing
    /// pointers redirected to another record.
    mutating func pointerCycle() -> String {
        if isGeneweb {
            let text = """
                fam Loop A + Loop B
                beg
                - h A
                end
                fam Loop C + Loop D
                beg
                - h E
                end
                fam Loop E + Loop F
                beg
                - h C
                end

                """
            insertLines(text, at: lineStart())
            return "ancestry loops in fam blocks"
        }
        let text = """
            0 @LOOP1@ INDI
            1 NAME Self /Parent/
            1 FAMC @LOOPF1@
            1 FAMS @LOOPF1@
            0 @LOOPF1@ FAM
            1 HUSB @LOOP1@
            1 CHIL @LOOP1@
            0 @LOOP2@ INDI
            1 FAMS @LOOPF2@
            1 FAMC @LOOPF3@
            0 @LOOP3@ INDI
            1 FAMS @LOOPF3@
            1 FAMC @LOOPF2@
            0 @LOOPF2@ FAM
            1 WIFE @LOOP2@
            1 CHIL @LOOP3@
            0 @LOOPF3@ FAM
            1 HUSB @LOOP3@
            1 CHIL @LOOP2@
            1 CHIL @LOOP2@

            """
        var note = "ancestry loops of one and two persons"
        if random.below(2) == 0, let target = randomXref() {
            // Some links of the file sent to one record: persons become their own relatives.
            var redirected = 0
            for line in lines.reversed() where random.below(3) == 0 {
                let content = bytes[line]
                guard ["HUSB", "WIFE", "CHIL", "FAMC", "FAMS"].contains(where: { content.starts(with: Array("1 \($0) @".utf8)) }) else { continue }
                bytes.replaceSubrange(line.lowerBound + 7..<line.upperBound, with: Array(target.utf8))
                redirected += 1
            }
            note += ", \(redirected) links sent to \(target)"
        }
        insertLines(text, at: lineStart())
        return note
    }

    /// An xref defined in the file (`@I12@`), if any.
    mutating func randomXref() -> String? {
        let starts = lines.filter { bytes[$0].starts(with: Array("0 @".utf8)) }
        guard !starts.isEmpty else { return nil }
        let line = bytes[random.pick(starts)].dropFirst(2)
        guard let close = line.dropFirst().firstIndex(of: UInt8(ascii: "@")) else { return nil }
        return String(decoding: line[..<(close + 1)], as: UTF8.self)
    }

    /// Thousands of continuation lines (CONT or CONC), or in `.gw` a notes block as long.
    mutating func longContinuation() -> String {
        let count = random.within(100...2000)
        let position = lineStart()
        if isGeneweb {
            var text = "notes Long Note\nbeg\n"
            for number in 0..<count { text += "line \(number) of a long note\n" }
            text += "end notes\nfam Long Note + Long Other\nfevt\n#marr 1850\n"
            text += String(repeating: "note a note line\n", count: count / 4)
            text += "end fevt\n"
            insertLines(text, at: position)
            return "\(count) note lines at byte \(position)"
        }
        let tag = random.below(2) == 0 ? "CONT" : "CONC"
        var text = "0 @LONGNOTE@ NOTE first\n"
        for number in 0..<count { text += "1 \(tag) piece \(number) @@ of a long note\n" }
        insertLines(text, at: position)
        return "\(count) \(tag) lines at byte \(position)"
    }

    mutating func nulBytes() -> String {
        let count = random.within(1...5)
        var positions: [Int] = []
        for _ in 0..<count {
            let position = random.below(bytes.count + 1)
            bytes.insert(0, at: position)
            positions.append(position)
        }
        return "NUL at bytes \(positions)"
    }

    mutating func byteOrderMark() -> String {
        let marks: [[UInt8]] = [[0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [0xFF, 0xFE, 0x00, 0x00]]
        let mark = random.pick(marks)
        let position = random.below(2) == 0 ? lineStart() : random.below(bytes.count + 1)
        bytes.insert(contentsOf: mark, at: position)
        return "byte-order mark \(mark) at byte \(position)"
    }

    static let gedcomDates = [
        "31 NOV 99999999999999999999", "1 JAN 9223372036854775807", "@#DHEBREW@ 30 ADS 999999", "@#DHEBREW@ 1 ADS 9223372036854775807",
        "@#DFRENCH R@ 6 COMP 1000000", "@#DFRENCH R@ 1 VEND 9223372036854775806", "BET 1 JAN 9223372036854775807 AND 2",
        "1850/99999", "9223372036854775807/08", "9223372036854775800/9999", "ABT -5", "FROM 0 TO 0", "JULIAN 29 FEB 999999 BCE",
        "INT 1850 (", "99999999999999999999 B.C.", "@#DJULIAN@ 9223372036854775807 JAN 1700", "1000000", "999999", "-999999",
        "HEBREW 1 TSH 1", "FRENCH_R 1 VEND 1", "BET @#DHEBREW@ 1 TSH 999999 AND @#DFRENCH R@ 1 VEND 999999", "(((", "INT",
    ]

    static let genewebDates = [
        "31/12/9223372036854775807J", "~1/13/999999H", "1850..99999999999999999999", "-9223372036854775808", "0(unterminated",
        "1/1/-9223372036854775808", "9223372036854775807|1", "30/13/1000000F", "6/13/999999F", "29/2/-999999J", "<0/0/0",
        "99999999999999999999/1/1", "1850..", "..1850", "~", "0(", "0()",
    ]

    /// A date replaced by one with huge or impossible numbers, in the file's own syntax.
    mutating func hugeDate() -> String {
        if isGeneweb {
            // A token that starts with a digit, after a space: a date in most places of a .gw line.
            var candidates: [Int] = []
            for index in bytes.indices.dropFirst() where bytes[index - 1] == 0x20 && bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9") {
                candidates.append(index)
            }
            let date = random.pick(Self.genewebDates)
            guard !candidates.isEmpty else {
                insertLines("fam Date A \(date) + Date B \(date)\n", at: lineStart())
                return "a fam line with the date \(date)"
            }
            let start = random.pick(candidates)
            var end = start
            while end < bytes.count, bytes[end] != 0x20, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
            bytes.replaceSubrange(start..<end, with: Array(date.utf8))
            return "date at byte \(start) replaced by \(date)"
        }
        let date = random.pick(Self.gedcomDates)
        let dateValues = lines.compactMap { valueStart(after: " DATE ", in: $0).map { $0..<$1.upperBound } }
        guard !dateValues.isEmpty else {
            insertLines("0 @DATE@ INDI\n1 BIRT\n2 DATE \(date)\n1 DEAT\n2 DATE \(date)\n", at: lineStart())
            return "a person born and dead \(date)"
        }
        let value = random.pick(dateValues)
        bytes.replaceSubrange(value, with: Array(date.utf8))
        return "DATE at byte \(value.lowerBound) replaced by \(date)"
    }

    /// Where the text after `marker` starts in `line`, with the line; nil when the line lacks it.
    func valueStart(after marker: String, in line: Range<Int>) -> (Int, Range<Int>)? {
        let marker = Array(marker.utf8)
        guard line.count >= marker.count else { return nil }
        guard let start = (line.lowerBound...(line.upperBound - marker.count)).first(where: { bytes[$0..<$0 + marker.count].elementsEqual(marker) })
        else { return nil }
        return (start + marker.count, line)
    }

    /// A `.gw` name given a huge occurrence number.
    mutating func hugeOccurrence() -> String {
        let number = random.pick(["99999999999999999999", "9223372036854775807", "2147483648", "2147483647", "-1"])
        let text = "fam Occ Jean.\(number) + Occ Marie.\(number)\nbeg\n- h Paul.\(number)\nend\n"
        insertLines(text, at: lineStart())
        return "occurrence number \(number)"
    }

    /// `.gw` words moved within a line, so keywords meet what they do not expect.
    mutating func shuffleWords() -> String {
        let lines = self.lines
        guard !lines.isEmpty else { return "no line to shuffle" }
        let line = lines[random.below(lines.count)]
        var words = bytes[line].split(separator: 0x20).map(Array.init)
        guard words.count > 1 else { return "a one-word line kept" }
        for index in words.indices.reversed() { words.swapAt(index, random.below(index + 1)) }
        bytes.replaceSubrange(line, with: Array(words.joined(separator: [0x20])))
        return "words of the line at byte \(line.lowerBound) shuffled"
    }

    /// Line ends of a region turned into CR or CRLF.
    mutating func lineEnds() -> String {
        let end = random.pick([[UInt8(0x0D)], [0x0D, 0x0A], [0x0A, 0x0A, 0x0A]])
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + bytes.count / 8)
        let start = random.below(bytes.count + 1)
        for (index, byte) in bytes.enumerated() {
            if byte == 0x0A, index >= start { result += end } else { result.append(byte) }
        }
        bytes = result
        return "line ends from byte \(start) made \(end)"
    }

    mutating func truncate() -> String {
        let length = random.below(bytes.count + 1)
        bytes.removeSubrange(length...)
        return "file cut at byte \(length)"
    }
}
