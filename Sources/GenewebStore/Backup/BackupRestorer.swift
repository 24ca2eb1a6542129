import Foundation
import Logging
import SQLKit

/// Writes an archive back into a database, all or nothing.
///
/// The archive is read twice: once to check it whole (format, checksums, counts, and that the
/// configured encryption key opens its sealed fields) before anything is written, then in one
/// transaction that empties the database, inserts every row, brings an archive of an older
/// schema up to date (the newer migrations' backfills) and compares the counts with the
/// manifest before committing. The archive may come from either engine.
public struct BackupRestorer: Sendable {
    public let database: Database
    let logger: Logger
    /// Rows per INSERT, within both engines' limits on bound values.
    var batchRows = 500

    public init(database: Database, logger: Logger) {
        self.database = database
        self.logger = logger
    }

    /// What was restored.
    public struct Report: Sendable {
        public let header: BackupArchive.Header
        public let rows: [String: Int]
        /// Archive columns this schema no longer has (their values were left out).
        public let droppedColumns: [String]
    }

    /// Restores `path` into this database. It must hold no data (a freshly migrated database)
    /// unless `replace` is true, in which case everything it holds is replaced.
    public func restore(from path: String, replace: Bool) async throws -> Report {
        let reader = BackupReader(path: path)
        let verified = try await reader.verify()
        try EncryptionCanary.check(stored: verified.encryptionCanary, cipher: database.cipher)
        try await MigrationRunner(database: database, logger: logger).migrate()
        return try await database.withTransaction { sql in
            let engine = database.engine
            let present = try await BackupTables.present(on: sql, engine: engine)
            if !replace, let holder = try await Self.firstTableWithData(sql, present: present) {
                throw RestoreError.notEmpty(table: holder)
            }
            for table in BackupTables.restoreOrder.reversed() where present.contains(table) {
                try await sql.raw(SQLQueryString("DELETE FROM \"\(table)\"")).run()
            }
            let inserter = RowInserter(sql: sql, engine: engine, batchRows: batchRows)
            _ = try await reader.read { table, row in
                try await inserter.add(row, to: table, present: present)
            }
            try await inserter.flush()
            for migration in Migrations.all where migration.version > verified.header.schemaVersion {
                try await migration.backfill?(sql, engine)
            }
            try await Self.continueSequences(sql, engine: engine, present: present)
            var rows: [String: Int] = [:]
            for table in verified.manifest.tables where present.contains(table.name) {
                let count = try await sql.raw(SQLQueryString("SELECT count(*) AS n FROM \"\(table.name)\"")).first()?.decode(column: "n", as: Int.self) ?? 0
                guard count == table.rows else { throw BackupArchiveError.countMismatch(table: table.name, expected: table.rows, found: count) }
                rows[table.name] = count
            }
            return Report(header: verified.header, rows: rows, droppedColumns: inserter.droppedColumns)
        }
    }

    /// The first table holding data a restore would overwrite; the `default` base a fresh
    /// database is created with, and the settings a first start writes, do not count.
    static func firstTableWithData(_ sql: any SQLDatabase, present: [String]) async throws -> String? {
        for table in BackupTables.restoreOrder where present.contains(table) && !["bases", "server_settings"].contains(table) {
            if try await sql.raw(SQLQueryString("SELECT 1 AS found FROM \"\(table)\" LIMIT 1")).first() != nil { return table }
        }
        let bases = try await sql.raw("SELECT count(*) AS n FROM bases WHERE name <> 'default'").first()?.decode(column: "n", as: Int.self) ?? 0
        return bases > 0 ? "bases" : nil
    }

    /// Identity columns continue after the restored ids (SQLite's AUTOINCREMENT already does).
    static func continueSequences(_ sql: any SQLDatabase, engine: DatabaseEngine, present: [String]) async throws {
        guard engine == .postgres else { return }
        for (table, column) in BackupTables.identityColumns where present.contains(table) {
            try await sql.raw(
                SQLQueryString(
                    "SELECT setval(pg_get_serial_sequence('\(table)', '\(column)'), COALESCE((SELECT max(\(column)) FROM \"\(table)\"), 0) + 1, false)"
                )
            ).run()
        }
    }
}

/// Why a restore was refused before writing anything.
public enum RestoreError: Error, CustomStringConvertible, Equatable {
    case notEmpty(table: String)

    public var description: String {
        switch self {
        case .notEmpty(let table):
            "the database already holds data (table \(table)): restore into an empty database, or replace everything with --replace"
        }
    }
}

/// Collects rows of one table and inserts them many at a time, each value cast to the target
/// column's type.
final class RowInserter: @unchecked Sendable {
    let sql: any SQLDatabase
    let engine: DatabaseEngine
    let batchRows: Int
    private var table: String?
    /// For each archive column: its position in the row and the target column's type, or nil
    /// when the target has no such column.
    private var targets: [(index: Int, column: BackupColumn, type: String)] = []
    private var pending: [[BackupValue]] = []
    private var typesByTable: [String: [String: String]] = [:]
    private(set) var droppedColumns: [String] = []

    init(sql: any SQLDatabase, engine: DatabaseEngine, batchRows: Int) {
        self.sql = sql
        self.engine = engine
        self.batchRows = batchRows
    }

    func add(_ row: [BackupValue], to start: BackupArchive.TableStart, present: [String]) async throws {
        if start.table != table {
            try await flush()
            guard present.contains(start.table) else { throw BackupArchiveError.unknownTable(start.table) }
            let types = try await BackupTables.columns(of: start.table, on: sql, engine: engine)
            let byName = Dictionary(types.map { ($0.column.name, $0.type) }) { first, _ in first }
            table = start.table
            targets = start.columns.enumerated().compactMap { index, column in
                guard let type = byName[column.name] else {
                    droppedColumns.append("\(start.table).\(column.name)")
                    return nil
                }
                return (index, column, type)
            }
        }
        pending.append(row)
        if pending.count >= batchRows { try await flush() }
    }

    func flush() async throws {
        guard let table, !pending.isEmpty else { return }
        var query = SQLQueryString("INSERT INTO \"\(table)\" (\(targets.map { "\"\($0.column.name)\"" }.joined(separator: ", "))) VALUES ")
        for (rowIndex, row) in pending.enumerated() {
            query.appendLiteral(rowIndex == 0 ? "(" : ", (")
            for (position, target) in targets.enumerated() {
                if position > 0 { query.appendLiteral(", ") }
                let (prefix, suffix) = castAround(type: target.type)
                query.appendLiteral(prefix)
                bind(row[target.index], kind: target.column.kind, targetType: target.type, into: &query)
                query.appendLiteral(suffix)
            }
            query.appendLiteral(")")
        }
        pending.removeAll(keepingCapacity: true)
        try await sql.raw(query).run()
    }

    private func castAround(type: String) -> (String, String) {
        let expression = BackupTables.insertExpression(placeholder: "\u{0}", type: type, engine: engine)
        let parts = expression.split(separator: "\u{0}", maxSplits: 1, omittingEmptySubsequences: false)
        return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
    }

    private func bind(_ value: BackupValue, kind: BackupColumnKind, targetType: String, into query: inout SQLQueryString) {
        switch value {
        case .null:
            query.appendLiteral("NULL")
        case .integer(let number):
            query.appendInterpolation(bind: number)
        case .boolean(let flag):
            query.appendInterpolation(bind: flag)
        case .text(let text):
            // PostgreSQL's times carry microseconds; SQLite's own are written to the millisecond.
            if kind == .timestamp, engine == .sqlite {
                query.appendInterpolation(bind: BackupTimestamp.sqliteText(text))
            } else {
                query.appendInterpolation(bind: text)
            }
        }
    }
}

/// Times between the engines' text forms.
enum BackupTimestamp {
    /// `2026-12-02T04:35:08.123456Z` → `2026-12-02T04:35:08.123Z`, the form SQLite's defaults write.
    static func sqliteText(_ text: String) -> String {
        guard let dot = text.firstIndex(of: "."), text.hasSuffix("Z") else { return text }
        let fraction = text[text.index(after: dot)..<text.index(before: text.endIndex)]
        return String(text[...dot]) + String((fraction + "000").prefix(3)) + "Z"
    }
}
