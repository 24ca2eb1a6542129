import Foundation

/// Reads a GEDCOM file record by record (level-0 structures), so memory holds one record's tree
/// at a time, not the whole file.
///
/// Tolerance for real files: CR, LF or CRLF line ends; leading spaces and several spaces after
/// the level; empty lines; lines without a level (taken as a continuation of the previous value,
/// with a warning); level jumps; a missing `TRLR` or final newline; `@@` escapes.
public struct GedcomRecordReader<Bytes: RandomAccessCollection> where Bytes.Element == UInt8 {
    private var lines: LineSplitter<Bytes>
    private let charset: Charset
    /// GEDCOM 7 escapes only a leading `@`; 5.5.1 doubles every one.
    private let isGedcom7: Bool
    private var lineNumber = 0
    private var lookahead: GedcomLine?
    /// Problems met so far.
    public private(set) var warnings: [ImportWarning] = []

    /// Reads `bytes` (after the byte-order mark) in `charset`. UTF-16 files must be transcoded
    /// to UTF-8 first (`GedcomFile` does it).
    public init(bytes: Bytes, charset: Charset, isGedcom7: Bool = false) {
        self.lines = LineSplitter(bytes)
        self.charset = charset
        self.isGedcom7 = isGedcom7
    }

    /// The next record, or nil at the end of the file.
    public mutating func nextRecord() -> GedcomNode? {
        guard let head = lookahead ?? nextLine() else { return nil }
        lookahead = nil
        var stack: [OpenStructure] = [OpenStructure(level: head.level, node: node(from: head))]
        if head.level != 0 {
            warnings.append(.init(line: head.number, kind: .malformedLine, message: "record starts at level \(head.level)"))
        }
        while let line = nextLine() {
            if line.level == 0 {
                lookahead = line
                break
            }
            if line.isWrappedContinuation {
                stack[stack.count - 1].node.appendToValue("\n", line.value ?? "")
                continue
            }
            // Close deeper or equal levels.
            while stack.count > 1, stack[stack.count - 1].level >= line.level {
                close(&stack)
            }
            let parentLevel = stack[stack.count - 1].level
            if line.level > parentLevel + 1 {
                warnings.append(.init(line: line.number, kind: .malformedLine, message: "level jumps from \(parentLevel) to \(line.level)"))
            }
            if (line.tag == "CONC" || line.tag == "CONT") && !stack[stack.count - 1].node.isPointer {
                // Appended in place: rebuilding the parent's value for each piece made a long note
                // quadratic in its number of lines.
                stack[stack.count - 1].node.appendToValue(line.tag == "CONT" ? "\n" : "", unescape(line.value ?? ""))
                continue
            }
            stack.append(OpenStructure(level: line.level, node: node(from: line)))
        }
        while stack.count > 1 { close(&stack) }
        return stack[0].node
    }

    /// A structure whose substructures are still being read.
    private struct OpenStructure {
        let level: Int
        var node: GedcomNode
    }

    private func close(_ stack: inout [OpenStructure]) {
        let finished = stack.removeLast().node
        stack[stack.count - 1].node.children.append(finished)
    }

    private func node(from line: GedcomLine) -> GedcomNode {
        let pointer = line.isPointer
        return GedcomNode(
            tag: line.tag, xref: line.xref, value: pointer ? line.value : line.value.map(unescape),
            isPointer: pointer, line: line.number
        )
    }

    /// `@@` stands for one `@`: anywhere in 5.5.1 text values, only at the start in GEDCOM 7.
    private func unescape(_ value: String) -> String {
        // A byte scan: `String.contains(String)` goes through Foundation's string search.
        var previousWasAt = false
        guard
            value.utf8.contains(where: { byte in
                defer { previousWasAt = byte == UInt8(ascii: "@") }
                return previousWasAt && byte == UInt8(ascii: "@")
            })
        else { return value }
        if isGedcom7 { return value.hasPrefix("@@") ? String(value.dropFirst()) : value }
        // Each `@@` pair left to right gives one `@` (`@@@` → `@@`), in one pass over the bytes.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(value.utf8.count)
        previousWasAt = false
        for byte in value.utf8 {
            if byte == UInt8(ascii: "@"), previousWasAt {
                previousWasAt = false
                continue
            }
            previousWasAt = byte == UInt8(ascii: "@")
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private mutating func nextLine() -> GedcomLine? {
        while let bytes = lines.next() {
            lineNumber += 1
            if bytes.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == 0x1A }) { continue }
            if bytes.contains(0) {
                // No value may carry a NUL to the database (PostgreSQL refuses it in text).
                warnings.append(.init(line: lineNumber, kind: .nulCharacter, message: "NUL character dropped"))
                if let line = parse(bytes.filter { $0 != 0 }) { return line }
                continue
            }
            if let line = parse(bytes) { return line }
        }
        return nil
    }

    /// A line from its bytes; a line without a level number becomes a continuation of the
    /// previous value, with a warning. Nil for a line left empty (by dropped NULs).
    private mutating func parse(_ bytes: some Collection<UInt8>) -> GedcomLine? {
        let number = lineNumber
        let charset = self.charset
        let parsed =
            bytes.withContiguousStorageIfAvailable { GedcomLine(line: $0, charset: charset, number: number) }
            ?? Array(bytes).withUnsafeBufferPointer { GedcomLine(line: $0, charset: charset, number: number) }
        if let line = parsed { return line }
        if bytes.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == 0x1A }) { return nil }
        let text = CharsetDecoder.decode(bytes, as: charset)
        warnings.append(.init(line: number, kind: .malformedLine, message: "line without level number kept as a continuation: \(text.prefix(40))"))
        return GedcomLine(continuation: text, number: number)
    }
}
