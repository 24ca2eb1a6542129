import Crypto
import Foundation

/// Reads an archive line by line (never whole: archives of large bases run to gigabytes) and
/// checks it against its manifest.
public struct BackupReader: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// A checked archive: what it holds and what its settings say of sealed fields.
    public struct Verified: Sendable {
        public let header: BackupArchive.Header
        public let manifest: BackupArchive.Manifest
        /// The encryption canary among the archived settings, if the data was sealed.
        public let encryptionCanary: String?
        public let bytes: Int64
    }

    /// One line of the archive, as the restore needs it.
    enum Entry {
        case table(BackupArchive.TableStart)
        case row([BackupValue])
    }

    /// Reads the whole archive without writing anything: header, every row against its table's
    /// columns, every checksum and count against the manifest.
    public func verify() async throws -> Verified {
        var canary: String?
        let (header, manifest, bytes) = try await read { table, row in
            if table.table == "server_settings", row.first == .text(EncryptionCanary.settingKey), case .text(let value) = row.last {
                canary = value
            }
        }
        return Verified(header: header, manifest: manifest, encryptionCanary: canary, bytes: bytes)
    }

    /// Reads the archive, handing each row to `body` with its table, and checks it as `verify`
    /// does; the checks that need the whole file (counts, checksums) throw at the end, so a
    /// caller writing rows must do so in a transaction it rolls back on error.
    func read(_ body: (BackupArchive.TableStart, [BackupValue]) async throws -> Void) async throws -> (BackupArchive.Header, BackupArchive.Manifest, Int64) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw BackupFileError.cannotRead(path) }
        defer { try? handle.close() }
        var lines = LineReader(handle: handle)
        let decoder = JSONDecoder()
        var fileDigest = SHA256()
        var lineNumber = 1
        guard let first = try lines.next(),
            let header = try? decoder.decode(BackupArchive.Header.self, from: Data(first)),
            header.format == BackupArchive.formatName
        else { throw BackupArchiveError.notAnArchive }
        guard header.version == BackupArchive.formatVersion else { throw BackupArchiveError.unsupportedVersion(header.version) }
        guard header.schemaVersion <= Migrations.latestVersion else {
            throw BackupArchiveError.newerSchema(archive: header.schemaVersion, supported: Migrations.latestVersion)
        }
        fileDigest.update(data: first)
        fileDigest.update(data: [UInt8(ascii: "\n")])
        var found: [BackupArchive.TableSummary] = []
        var current: (start: BackupArchive.TableStart, rows: Int, digest: SHA256)?
        func closeTable() {
            if let table = current { found.append(.init(name: table.start.table, rows: table.rows, sha256: table.digest.finalize().hex)) }
            current = nil
        }
        // A line the writer had not finished when it was stopped is a cut archive, not a bad one.
        func malformed(_ number: Int) -> BackupArchiveError { lines.lastLineUnterminated ? .truncated : .malformedLine(number) }
        while let line = try lines.next() {
            lineNumber += 1
            if line.first == UInt8(ascii: "[") {
                guard var table = current,
                    let row = try? decoder.decode([BackupValue].self, from: Data(line)),
                    row.count == table.start.columns.count
                else { throw malformed(lineNumber) }
                table.rows += 1
                table.digest.update(data: line)
                table.digest.update(data: [UInt8(ascii: "\n")])
                current = table
                try await body(table.start, row)
            } else if let start = try? decoder.decode(BackupArchive.TableStart.self, from: Data(line)) {
                closeTable()
                current = (start, 0, SHA256())
            } else if let manifest = try? decoder.decode(BackupArchive.ManifestLine.self, from: Data(line)).manifest {
                closeTable()
                guard try lines.next() == nil else { throw BackupArchiveError.malformedLine(lineNumber + 1) }
                guard manifest.sha256 == fileDigest.finalize().hex else { throw BackupArchiveError.checksumMismatch(table: nil) }
                try Self.compare(found, with: manifest)
                return (header, manifest, lines.bytesRead)
            } else {
                throw malformed(lineNumber)
            }
            fileDigest.update(data: line)
            fileDigest.update(data: [UInt8(ascii: "\n")])
        }
        throw BackupArchiveError.truncated
    }

    private static func compare(_ found: [BackupArchive.TableSummary], with manifest: BackupArchive.Manifest) throws {
        guard found.map(\.name) == manifest.tables.map(\.name) else { throw BackupArchiveError.checksumMismatch(table: nil) }
        for (table, listed) in zip(found, manifest.tables) {
            guard table.rows == listed.rows else {
                throw BackupArchiveError.countMismatch(table: table.name, expected: listed.rows, found: table.rows)
            }
            guard table.sha256 == listed.sha256 else { throw BackupArchiveError.checksumMismatch(table: table.name) }
        }
    }
}

/// Lines of a file read a megabyte at a time; linear in the file's size.
struct LineReader {
    let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    /// Where the search for the next `\n` resumes: bytes before it are known not to hold one.
    private var searched = 0
    private var atEnd = false
    private(set) var bytesRead: Int64 = 0
    /// The last line returned ended the file without its `\n`: a file cut while written.
    private(set) var lastLineUnterminated = false

    init(handle: FileHandle) {
        self.handle = handle
    }

    /// The next line without its `\n`; nil at the end. A last line without `\n` is a line too.
    mutating func next() throws -> ArraySlice<UInt8>? {
        while true {
            if let newline = buffer[max(start, searched)...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[start..<newline]
                start = newline + 1
                searched = start
                return line
            }
            searched = buffer.count
            if atEnd {
                guard start < buffer.count else { return nil }
                let line = buffer[start...]
                start = buffer.count
                lastLineUnterminated = true
                return line
            }
            // Keep the unread tail, then read more after it.
            buffer.removeSubrange(0..<start)
            searched -= start
            start = 0
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty {
                atEnd = true
            } else {
                buffer.append(contentsOf: chunk)
                bytesRead += Int64(chunk.count)
            }
        }
    }
}
