import Foundation
import GenewebCore
import SQLKit

/// Reads a table in chunks of `chunkRows` rows, each chunk aggregated by the database into one
/// text of `\u{1}`-separated fields and `\u{2}`-separated rows, walked in key order (keyset
/// pagination, so each chunk is a range of an index that starts with the base and the key, or of
/// the rowid). Decoding rows one by one through the SQL drivers costs microseconds a row; one
/// text a chunk costs the database's scan and a walk over its bytes.
///
/// The next chunk is asked for as soon as the current one's greatest key is known, so the
/// database produces it while this one's rows are handled (two cores busy instead of one).
struct ChunkReader: Sendable {
    let sql: any SQLDatabase
    let engine: DatabaseEngine
    let chunkRows: Int

    /// One column of the key the chunks are walked by.
    struct KeyColumn: Sendable {
        let expression: String
        /// Where the column is among the selected fields; nil: not one of them (a key of one
        /// column on SQLite, whose greatest value the chunk's query gives).
        let field: Int?
        let kind: Kind
        enum Kind: Sendable { case uuid, text, integer }
    }

    private struct Chunk: Sendable {
        var text: String
        let rows: Int
        /// The greatest key, when the query gives it.
        let last: String?
    }

    /// SQLite gives the greatest value of a key of one column with the chunk (`max`: ids as
    /// upper-case text, rowids); otherwise it is found among the chunk's rows.
    private func keyFromQuery(_ key: [KeyColumn]) -> Bool { engine == .sqlite && key.count == 1 }

    /// Calls `row` with the fields of every row; `key` must be unique and indexed. Fields must be
    /// NOT NULL (a NULL would drop its row from the aggregate) and never hold the control
    /// characters 1 and 2: ids, codes, numbers and timestamps, never text typed by users.
    func each(fields: [String], key: [KeyColumn], from: SQLQueryString, _ row: (ChunkFields) throws -> Void) async throws {
        var pending: Task<Chunk?, any Error>? = fetchTask(fields: fields, key: key, from: from, after: nil)
        while let task = pending {
            pending = nil
            guard let chunk = try await task.value else { return }
            var text = chunk.text
            var failure: (any Error)?
            text.withUTF8 { bytes in
                if chunk.rows == chunkRows, let last = chunk.last.map({ [$0] }) ?? Self.greatestKey(in: bytes, fieldCount: fields.count, key: key) {
                    pending = fetchTask(fields: fields, key: key, from: from, after: last)
                }
                do { try Self.rows(in: bytes, fieldCount: fields.count, row) } catch { failure = error }
            }
            if let failure {
                // Not left running: the connection goes back to the pool when this returns.
                _ = try? await pending?.value
                throw failure
            }
        }
    }

    private func fetchTask(fields: [String], key: [KeyColumn], from: SQLQueryString, after: [String]?) -> Task<Chunk?, any Error> {
        let query = chunkQuery(fields: fields, key: key, from: from, after: after)
        let sql = self.sql
        let withLast = keyFromQuery(key)
        return Task {
            guard let result = try await sql.raw(query).first() else { return nil }
            let count = try result.decode(column: "n", as: Int.self)
            guard count > 0, let text = try result.decode(column: "chunk", as: String?.self) else { return nil }
            return Chunk(text: text, rows: count, last: withLast ? try result.decode(column: "last", as: String?.self) : nil)
        }
    }

    private func chunkQuery(fields: [String], key: [KeyColumn], from: SQLQueryString, after: [String]?) -> SQLQueryString {
        let separatorField = engine == .postgres ? "chr(1)" : "char(1)"
        let rowText = fields.indices.map { "CAST(c\($0) AS TEXT)" }.joined(separator: " || \(separatorField) || ")
        let aggregate = engine == .postgres ? "string_agg(\(rowText), chr(2))" : "group_concat(\(rowText), char(2))"
        var selected = fields.enumerated().map { "\($0.element) AS c\($0.offset)" }.joined(separator: ", ")
        var last = ""
        if keyFromQuery(key) {
            selected += ", \(key[0].expression) AS chunk_key"
            last = ", CAST(max(chunk_key) AS TEXT) AS last"
        }
        let keyList = key.map(\.expression).joined(separator: ", ")
        var query: SQLQueryString = "SELECT \(unsafeRaw: aggregate) AS chunk, count(*) AS n\(unsafeRaw: last) FROM (SELECT \(unsafeRaw: selected) FROM " + from
        if let after {
            query += " AND (\(unsafeRaw: keyList)) > ("
            for (index, column) in key.enumerated() {
                if index > 0 { query += ", " }
                let value = after[index]
                switch column.kind {
                case .integer: query += "\(bind: Int(value) ?? 0)"
                case .uuid where engine == .postgres: query += "CAST(\(bind: value) AS UUID)"
                case .uuid, .text: query += "\(bind: value)"
                }
            }
            query += ")"
        }
        query += " ORDER BY \(unsafeRaw: keyList) LIMIT \(bind: chunkRows)) chunk_rows"
        return query
    }

    /// Calls `row` for each row of `fieldCount` fields (others, which cannot come, are skipped).
    private static func rows(in bytes: UnsafeBufferPointer<UInt8>, fieldCount: Int, _ row: (ChunkFields) throws -> Void) rethrows {
        var fields = ChunkFields(bytes: bytes, ranges: [])
        fields.ranges.reserveCapacity(fieldCount + 1)
        var start = 0
        var index = 0
        let end = bytes.count
        while index <= end {
            let byte: UInt8 = index == end ? 2 : bytes[index]
            if byte == 1 || byte == 2 {
                fields.ranges.append(start..<index)
                start = index + 1
                if byte == 2 {
                    if fields.ranges.count == fieldCount { try row(fields) }
                    fields.ranges.removeAll(keepingCapacity: true)
                }
            }
            index += 1
        }
    }

    /// The key of the chunk's greatest row (one value per key column): the rows come in no
    /// promised order.
    private static func greatestKey(in bytes: UnsafeBufferPointer<UInt8>, fieldCount: Int, key: [KeyColumn]) -> [String]? {
        var greatest: [Range<Int>]?
        rows(in: bytes, fieldCount: fieldCount) { fields in
            if greatest == nil || fields.isGreater(than: greatest!, key: key) { greatest = fields.ranges }
        }
        return greatest.map { ranges in key.map { ChunkFields(bytes: bytes, ranges: ranges).string(at: ranges[$0.field ?? 0]) } }
    }
}

/// The fields of one row of a chunk, read in place from the chunk's UTF-8 bytes.
struct ChunkFields {
    let bytes: UnsafeBufferPointer<UInt8>
    var ranges: [Range<Int>]

    func string(at range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    func integer(_ field: Int) -> Int {
        var value = 0
        var negative = false
        for byte in bytes[ranges[field]] {
            if byte == UInt8(ascii: "-") {
                negative = true
            } else if byte >= 48 && byte <= 57 {
                // Wrapping: a value out of range gives a wrong number, never a crash.
                value = value &* 10 &+ Int(byte - 48)
            }
        }
        return negative ? 0 &- value : value
    }

    /// A field selected as `COALESCE(CAST(column AS TEXT), '')`: nil for the empty text (NULL).
    func optionalInteger(_ field: Int) -> Int? {
        ranges[field].isEmpty ? nil : integer(field)
    }

    func equals(_ field: Int, _ text: StaticString) -> Bool {
        let range = ranges[field]
        guard range.count == text.utf8CodeUnitCount else { return false }
        return zip(bytes[range], UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)).allSatisfy { $0 == $1 }
    }

    /// A UUID written as 36 characters (either case), without going through `String`: the
    /// graph's load parses some four million of them.
    func uuid(_ field: Int) -> UUID? {
        let range = ranges[field]
        guard range.count == 36, let start = bytes.baseAddress?.advanced(by: range.lowerBound) else { return nil }
        // Dashes at 8, 13, 18 and 23; 32 hexadecimal digits around them.
        guard start[8] == 45, start[13] == 45, start[18] == 45, start[23] == 45 else { return nil }
        var invalid: UInt8 = 0
        func digits(_ offsets: Range<Int>, into value: inout UInt64) {
            for offset in offsets {
                let digit = Self.hexValues[Int(start[offset])]
                invalid |= digit
                value = value << 4 | UInt64(digit & 0x0F)
            }
        }
        var high: UInt64 = 0
        var low: UInt64 = 0
        digits(0..<8, into: &high)
        digits(9..<13, into: &high)
        digits(14..<18, into: &high)
        digits(19..<23, into: &low)
        digits(24..<36, into: &low)
        guard invalid & 0xF0 == 0 else { return nil }
        // The first character is the most significant nibble of the first byte.
        return withUnsafeBytes(of: (high.bigEndian, low.bigEndian)) { UUID(uuid: $0.loadUnaligned(as: uuid_t.self)) }
    }

    /// Each byte's value as a hexadecimal digit (either case); 0xFF for any other byte.
    private static let hexValues: [UInt8] = (0...255).map { byte in
        switch byte {
        case 48...57: UInt8(byte - 48)
        case 65...70: UInt8(byte - 55)
        case 97...102: UInt8(byte - 87)
        default: 0xFF
        }
    }

    /// Compares this row's key with another row's (given by its field ranges in the same bytes).
    func isGreater(than other: [Range<Int>], key: [ChunkReader.KeyColumn]) -> Bool {
        for column in key {
            let field = column.field ?? 0
            let (mine, theirs) = (bytes[ranges[field]], bytes[other[field]])
            switch column.kind {
            case .integer:
                let (a, b) = (integer(field), ChunkFields(bytes: bytes, ranges: other).integer(field))
                if a != b { return a > b }
            case .uuid, .text:
                // Upper-case UUID text (SQLite) orders like lower-case (PostgreSQL's byte order): fold letters.
                let fold = column.kind == .uuid
                for (x, y) in zip(mine, theirs) {
                    let (a, b) = fold ? (x | (x >= 65 ? 0x20 : 0), y | (y >= 65 ? 0x20 : 0)) : (x, y)
                    if a != b { return a > b }
                }
                if mine.count != theirs.count { return mine.count > theirs.count }
            }
        }
        return false
    }
}
