import Foundation

/// A GEDCOM file opened for reading: charset decided, header read, records streamed on demand.
///
/// Refuses, before anything is imported, what is not a GEDCOM file: empty input, binary junk,
/// and text whose first record is not `0 HEAD`.
public struct GedcomFile: Sendable {
    /// The file's bytes after the byte-order mark, transcoded to UTF-8 when the file was UTF-16.
    /// A slice of the caller's array, not a copy: a large file is held once.
    public let body: ArraySlice<UInt8>
    /// How the bytes are decoded.
    public let charset: CharsetDecision
    /// The charset lines are decoded with (UTF-8 for transcoded UTF-16 files).
    let lineCharset: Charset
    /// The `HEAD` record.
    public let header: GedcomNode
    /// `5.5`, `5.5.1`, `7.0`… from `HEAD.GEDC.VERS`; nil for files that do not say (PAF 2).
    public let version: String?

    public init(bytes: [UInt8]) throws(GedcomFileError) {
        guard !bytes.isEmpty else { throw .empty }
        let decision = CharsetDetector.gedcom(bytes)
        var body = bytes.dropFirst(decision.bomLength)
        var lineCharset = decision.charset
        if decision.charset == .utf16LittleEndian || decision.charset == .utf16BigEndian {
            body = ArraySlice(CharsetDecoder.decode(body, as: decision.charset).utf8)
            lineCharset = .utf8
        }
        guard !Self.looksBinary(body) else { throw .notText }
        var reader = GedcomRecordReader(bytes: body, charset: lineCharset)
        guard let header = reader.nextRecord(), header.tag == "HEAD" else { throw .notGedcom }
        self.body = body
        self.charset = decision
        self.lineCharset = lineCharset
        self.header = header
        self.version = header.first("GEDC")?.text("VERS")
    }

    /// True for GEDCOM 7 files, whose syntax differs in details (no CONC, `@@` only leading, calendars as words).
    public var isGedcom7: Bool { version?.hasPrefix("7") == true }

    /// Every record after the header, in file order, streamed.
    public func records() -> GedcomRecords {
        GedcomRecords(reader: GedcomRecordReader(bytes: body, charset: lineCharset, isGedcom7: isGedcom7))
    }

    /// How many level-0 records follow the header (a byte scan for lines starting with `0`), for
    /// progress reports before the records are read.
    public var recordCount: Int {
        var count = 0
        var atLineStart = true
        for byte in body {
            if atLineStart, byte == UInt8(ascii: "0") { count += 1 }
            atLineStart = byte == 0x0A || byte == 0x0D || (atLineStart && (byte == 0x20 || byte == 0x09))
        }
        // The header and the trailer are not records.
        return max(0, count - 2)
    }

    /// Text files have few control characters; more than 1% of them (and more than a stray
    /// few, for tiny files) is junk. A NUL counts as one control: the readers drop a stray one
    /// with a warning rather than refuse the file.
    static func looksBinary(_ bytes: some Collection<UInt8>) -> Bool {
        let sample = bytes.prefix(65536)
        var controls = 0
        for byte in sample where byte < 0x20 && byte != 0x0A && byte != 0x0D && byte != 0x09 && byte != 0x1A {
            controls += 1
        }
        return controls >= 4 && controls * 100 > sample.count
    }
}

/// The records of a GEDCOM file after `HEAD`, one at a time; `warnings` fill as reading goes.
public struct GedcomRecords: Sequence, IteratorProtocol {
    var reader: GedcomRecordReader<ArraySlice<UInt8>>
    private var skippedHeader = false

    init(reader: GedcomRecordReader<ArraySlice<UInt8>>) {
        self.reader = reader
    }

    public mutating func next() -> GedcomNode? {
        if !skippedHeader {
            skippedHeader = true
            _ = reader.nextRecord()
        }
        return reader.nextRecord()
    }

    public var warnings: [ImportWarning] { reader.warnings }
}

/// Why a file cannot be read as GEDCOM at all.
public enum GedcomFileError: Error, Equatable, CustomStringConvertible {
    case empty
    case notText
    case notGedcom

    public var description: String {
        switch self {
        case .empty: "the file is empty"
        case .notText: "the file is binary, not a GEDCOM text file"
        case .notGedcom: "the file is not GEDCOM: it does not start with a 0 HEAD record"
        }
    }
}
