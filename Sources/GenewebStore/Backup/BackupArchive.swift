import Foundation

/// The portable archive `geneweb backup` writes and `geneweb restore` reads: JSON lines, the same
/// whichever engine wrote it, so a backup of the embedded SQLite file restores into PostgreSQL.
///
/// ```
/// {"format":"geneweb-backup","version":1,"schema_version":11,"engine":"sqlite","created_at":"…"}
/// {"table":"bases","columns":[{"name":"id","kind":"integer"},…]}
/// [1,"default","Default base",0,…]                    one line a row
/// {"table":"persons",…}
/// …
/// {"manifest":{"tables":[{"name":"bases","rows":1,"sha256":"…"},…],"sha256":"…"}}
/// ```
/// Each table's `sha256` covers its row lines; the manifest's own `sha256` covers every line
/// before it. The manifest comes last, so a file cut anywhere has none and is refused, and a
/// byte changed anywhere fails a checksum.
public enum BackupArchive {
    public static let formatName = "geneweb-backup"
    public static let formatVersion = 1
    /// File name extension of archives.
    public static let fileExtension = "gwbackup"

    /// The first line.
    public struct Header: Codable, Sendable, Equatable {
        public let format: String
        public let version: Int
        public let schemaVersion: Int
        public let engine: String
        public let createdAt: String

        enum CodingKeys: String, CodingKey {
            case format, version, engine
            case schemaVersion = "schema_version"
            case createdAt = "created_at"
        }
    }

    /// The line that opens a table's rows.
    public struct TableStart: Codable, Sendable, Equatable {
        public let table: String
        public let columns: [BackupColumn]
    }

    /// What the manifest says of one table.
    public struct TableSummary: Codable, Sendable, Equatable {
        public let name: String
        public let rows: Int
        public let sha256: String
    }

    /// The last line.
    public struct Manifest: Codable, Sendable, Equatable {
        public let tables: [TableSummary]
        /// Of every line before the manifest.
        public let sha256: String

        /// Rows per table.
        public var counts: [String: Int] { Dictionary(tables.map { ($0.name, $0.rows) }) { first, _ in first } }
    }

    struct ManifestLine: Codable {
        let manifest: Manifest
    }
}

/// Why an archive cannot be trusted or used.
public enum BackupArchiveError: Error, CustomStringConvertible, Equatable {
    case notAnArchive
    case unsupportedVersion(Int)
    case newerSchema(archive: Int, supported: Int)
    case malformedLine(Int)
    case truncated
    case checksumMismatch(table: String?)
    case countMismatch(table: String, expected: Int, found: Int)
    case unknownTable(String)

    public var description: String {
        switch self {
        case .notAnArchive: "not a GeneWeb backup archive"
        case .unsupportedVersion(let version): "archive format version \(version) is not supported by this build"
        case .newerSchema(let archive, let supported):
            "the archive has schema version \(archive), this build knows up to \(supported): restore it with a newer geneweb"
        case .malformedLine(let line): "line \(line) of the archive is not what the format allows"
        case .truncated: "the archive is incomplete (no manifest at its end): it was cut while written or copied"
        case .checksumMismatch(let table?): "the rows of table \(table) do not match the manifest's checksum: the archive was altered"
        case .checksumMismatch(nil): "the archive does not match its manifest's checksum: it was altered"
        case .countMismatch(let table, let expected, let found): "table \(table): the manifest says \(expected) rows, found \(found)"
        case .unknownTable(let table): "the archive holds table \(table), which this build does not know"
        }
    }
}
