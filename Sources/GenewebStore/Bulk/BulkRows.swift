import Foundation
import SQLKit

/// One column value of a bulk insert, already in the form both engines take.
enum BulkValue: Sendable {
    case null
    case integer(Int)
    case text(String)
    /// A JSON document: a JSONB column on PostgreSQL, TEXT on SQLite.
    case json(String)
    /// An identifier: `uuid` on PostgreSQL, its upper-case text on SQLite.
    case uuid(UUID)

    init(_ value: Int?) { self = value.map(BulkValue.integer) ?? .null }
    init(_ value: String?) { self = value.map(BulkValue.text) ?? .null }
    init(_ value: UUID) { self = .uuid(value) }

    /// The value as a SQLKit bind (or `NULL`), a document cast to JSONB on PostgreSQL.
    func sql(engine: DatabaseEngine) -> SQLQueryString {
        switch self {
        case .null: "NULL"
        case .integer(let int): "\(bind: int)"
        case .text(let text): "\(bind: text)"
        case .json(let json): engine == .postgres ? "CAST(\(bind: json) AS JSONB)" : "\(bind: json)"
        case .uuid(let uuid): "\(bind: uuid)"
        }
    }
}

/// Rows for one table, in the order of `columns`.
struct BulkRows: Sendable {
    let table: String
    let columns: [String]
    var rows: [[BulkValue]] = []

    init(_ table: String, columns: [String]) {
        self.table = table
        self.columns = columns
    }
}

/// Writes rows into tables inside the caller's transaction, the fastest way its engine has:
/// multi-row `INSERT`s with plain binds on SQLite, `COPY … FROM STDIN` on PostgreSQL, SQLKit
/// statements for the few rows of an API write.
protocol BulkRowSink: Sendable {
    func insert(_ rows: BulkRows) async throws
}

/// Rows through SQLKit binds: any engine, any connection; what single-record API writes use.
struct SQLKitRowSink: BulkRowSink {
    let sql: any SQLDatabase
    let engine: DatabaseEngine

    func insert(_ rows: BulkRows) async throws {
        let perStatement = max(1, 30_000 / max(1, rows.columns.count))
        for start in stride(from: 0, to: rows.rows.count, by: perStatement) {
            var query: SQLQueryString = "INSERT INTO \(ident: rows.table) (\(unsafeRaw: rows.columns.joined(separator: ", "))) VALUES "
            for (index, row) in rows.rows[start..<min(start + perStatement, rows.rows.count)].enumerated() {
                query += index == 0 ? "(" : ", ("
                for (column, value) in row.enumerated() {
                    if column > 0 { query += ", " }
                    query += value.sql(engine: engine)
                }
                query += ")"
            }
            try await sql.raw(query).run()
        }
    }
}
