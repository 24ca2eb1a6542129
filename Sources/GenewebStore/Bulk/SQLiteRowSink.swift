import GenewebCore
import SQLiteNIO

/// Multi-row `INSERT`s straight through SQLiteNIO: values go in as `SQLiteData` without SQLKit's
/// per-bind `Encodable` conversion, as many rows a statement as SQLite's bind limit allows.
struct SQLiteRowSink: BulkRowSink {
    let connection: SQLiteConnection

    /// SQLite allows 32,766 binds in a statement.
    static let bindsPerStatement = 32_000

    func insert(_ rows: BulkRows) async throws {
        let perStatement = max(1, Self.bindsPerStatement / max(1, rows.columns.count))
        let placeholders = "(" + Array(repeating: "?", count: rows.columns.count).joined(separator: ",") + ")"
        let head = "INSERT INTO \(rows.table) (\(rows.columns.joined(separator: ", "))) VALUES "
        var fullStatement: String?
        for start in stride(from: 0, to: rows.rows.count, by: perStatement) {
            let slice = rows.rows[start..<min(start + perStatement, rows.rows.count)]
            var binds: [SQLiteData] = []
            binds.reserveCapacity(slice.count * rows.columns.count)
            for row in slice {
                for value in row {
                    switch value {
                    case .null: binds.append(.null)
                    case .integer(let int): binds.append(.integer(int))
                    case .text(let text), .json(let text): binds.append(.text(text))
                    // What SQLKit's binds stored: the upper-case text form.
                    case .uuid(let uuid): binds.append(.text(uuid.hexString))
                    }
                }
            }
            let statement: String
            if slice.count == perStatement, let full = fullStatement {
                statement = full
            } else {
                statement = head + Array(repeating: placeholders, count: slice.count).joined(separator: ",")
                if slice.count == perStatement { fullStatement = statement }
            }
            _ = try await connection.query(statement, binds)
        }
    }
}
