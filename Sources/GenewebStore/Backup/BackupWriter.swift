import Crypto
import Foundation
import SQLKit

/// Writes a consistent archive of everything the database holds while the server keeps serving.
///
/// All tables are read in one read transaction on one connection: a snapshot (SQLite's WAL
/// readers, PostgreSQL's `REPEATABLE READ`), so writes that land meanwhile are either wholly in
/// the archive or wholly out of it, and no family points to a person the archive lacks. Rows
/// are read a page at a time in storage order (`rowid`, `ctid`), so memory stays flat.
///
/// The archive is written to `FILE.partial`, flushed to disk, then renamed: a file with the
/// final name is always complete, and one cut by a crash keeps the `.partial` name (and has no
/// manifest, which `verify` refuses anyway).
public struct BackupWriter: Sendable {
    public let database: Database
    /// Rows read per query.
    var pageSize = 2_000

    public init(database: Database) {
        self.database = database
    }

    /// What a finished backup holds.
    public struct Result: Sendable {
        public let path: String
        public let bytes: Int64
        public let header: BackupArchive.Header
        public let manifest: BackupArchive.Manifest
    }

    /// Writes the archive to `path` (replacing a file of that name) and returns what it holds.
    public func write(to path: String) async throws -> Result {
        let partial = path + ".partial"
        FileManager.default.createFile(atPath: partial, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: partial) else { throw BackupFileError.cannotWrite(partial) }
        let output = ArchiveOutput(handle: handle)
        do {
            let (header, manifest) = try await database.withConnection { sql in
                try await writeSnapshot(sql, to: output)
            }
            try output.finish()
            try BackupFiles.replace(path, with: partial)
            return Result(path: path, bytes: output.bytesWritten, header: header, manifest: manifest)
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
    }

    private func writeSnapshot(_ sql: any SQLDatabase, to output: ArchiveOutput) async throws -> (BackupArchive.Header, BackupArchive.Manifest) {
        let engine = database.engine
        try await sql.raw(engine == .sqlite ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").run()
        do {
            let result = try await writeTables(sql, engine: engine, to: output)
            try await sql.raw("COMMIT").run()
            return result
        } catch {
            // In a task of its own: SQLite's driver refuses work in a cancelled task (a backup
            // stopped by shutdown), which would leave the snapshot open on a pooled connection.
            await Task { try? await sql.raw("ROLLBACK").run() }.value
            throw error
        }
    }

    private func writeTables(_ sql: any SQLDatabase, engine: DatabaseEngine, to output: ArchiveOutput) async throws -> (
        BackupArchive.Header, BackupArchive.Manifest
    ) {
        let schemaVersion =
            try await sql.raw("SELECT max(version) AS version FROM schema_migrations").first()?
            .decode(column: "version", as: Int?.self) ?? 0
        let header = BackupArchive.Header(
            format: BackupArchive.formatName, version: BackupArchive.formatVersion, schemaVersion: schemaVersion,
            engine: engine.rawValue, createdAt: Date().formatted(.iso8601)
        )
        try output.line(header)
        let present = try await BackupTables.present(on: sql, engine: engine)
        if let unknown = present.first(where: { !BackupTables.restoreOrder.contains($0) }) {
            throw BackupArchiveError.unknownTable(unknown)
        }
        var summaries: [BackupArchive.TableSummary] = []
        for table in BackupTables.restoreOrder where present.contains(table) {
            summaries.append(try await writeTable(table, sql, engine: engine, to: output))
        }
        let manifest = BackupArchive.Manifest(tables: summaries, sha256: output.digestSoFar())
        try output.line(BackupArchive.ManifestLine(manifest: manifest))
        return (header, manifest)
    }

    private func writeTable(_ table: String, _ sql: any SQLDatabase, engine: DatabaseEngine, to output: ArchiveOutput) async throws
        -> BackupArchive.TableSummary
    {
        let columns = try await BackupTables.columns(of: table, on: sql, engine: engine)
        try output.line(BackupArchive.TableStart(table: table, columns: columns.map(\.column)))
        let selected = columns.map { BackupTables.selectExpression($0.column.name, type: $0.type, engine: engine) }.joined(separator: ", ")
        // Storage order and a position to continue after: SQLite's rowid, PostgreSQL's ctid (stable
        // within the snapshot).
        let position = engine == .sqlite ? "rowid" : "ctid"
        var after: String?
        var rows = 0
        var digest = SHA256()
        while true {
            let condition = after.map { engine == .sqlite ? " WHERE rowid > \($0)" : " WHERE ctid > '\($0)'::tid" } ?? ""
            let query =
                "SELECT \(position)\(engine == .postgres ? "::text" : "") AS backup_position, \(selected) FROM \"\(table)\""
                + "\(condition) ORDER BY \(position) LIMIT \(pageSize)"
            let page = try await sql.raw(SQLQueryString(query)).all()
            guard !page.isEmpty else { break }
            var bytes: [UInt8] = []
            for row in page {
                let values = try columns.map { try Self.value(of: $0.column, in: row, engine: engine) }
                var line = try DocumentEncoder().encode(values)
                line.append(UInt8(ascii: "\n"))
                digest.update(data: line)
                bytes += line
            }
            try output.write(bytes)
            rows += page.count
            let last = page[page.count - 1]
            after =
                engine == .sqlite
                ? String(try last.decode(column: "backup_position", as: Int64.self))
                : try last.decode(column: "backup_position", as: String.self)
            if page.count < pageSize { break }
        }
        return BackupArchive.TableSummary(name: table, rows: rows, sha256: digest.finalize().hex)
    }

    static func value(of column: BackupColumn, in row: any SQLRow, engine: DatabaseEngine) throws -> BackupValue {
        switch column.kind {
        case .integer:
            return try row.decode(column: column.name, as: Int64?.self).map(BackupValue.integer) ?? .null
        case .boolean:
            // SQLite keeps booleans as integers.
            if engine == .sqlite { return try row.decode(column: column.name, as: Int64?.self).map { .boolean($0 != 0) } ?? .null }
            return try row.decode(column: column.name, as: Bool?.self).map(BackupValue.boolean) ?? .null
        case .text, .timestamp:
            return try row.decode(column: column.name, as: String?.self).map(BackupValue.text) ?? .null
        }
    }
}

/// The archive being written: buffered appends, the running digest of every line, the size.
final class ArchiveOutput: @unchecked Sendable {
    private let handle: FileHandle
    private var digest = SHA256()
    private(set) var bytesWritten: Int64 = 0

    init(handle: FileHandle) {
        self.handle = handle
    }

    func line<T: Encodable>(_ value: T) throws {
        var bytes = try DocumentEncoder().encode(value)
        bytes.append(UInt8(ascii: "\n"))
        try write(bytes)
    }

    func write(_ bytes: [UInt8]) throws {
        digest.update(data: bytes)
        try handle.write(contentsOf: bytes)
        bytesWritten += Int64(bytes.count)
    }

    /// The digest of everything written so far (the manifest line itself is not yet written).
    func digestSoFar() -> String { digest.finalize().hex }

    /// Flushes the file to disk and closes it.
    func finish() throws {
        try handle.synchronize()
        try handle.close()
    }
}

extension Digest {
    var hex: String { map { String(format: "%02x", $0) }.joined() }
}
