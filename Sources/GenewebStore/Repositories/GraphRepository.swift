import Foundation
import GenewebCore
import SQLKit

/// Reads a base's persons and parent/child links for the in-memory `GenealogyGraph`, and the
/// base's version, which every write of persons or families raises: a cached graph older than
/// the version is rebuilt, whichever instance made the change.
///
/// A graph of a million persons means reading some three million rows. Decoding them one by one
/// through the SQL drivers costs microseconds a row, so the database concatenates each chunk of
/// rows into one text (`group_concat` / `string_agg`) and Swift scans its bytes: the load is then
/// bound by the database's scan, not by per-row decoding.
public struct GraphRepository: Sendable {
    public let database: Database
    /// Rows per aggregated chunk: a few megabytes of text each.
    let chunkRows: Int

    public init(database: Database, chunkRows: Int = 100_000) {
        self.database = database
        self.chunkRows = chunkRows
    }

    /// The base's version, from memory while the database follows the versions (`BaseVersions`).
    public func version(of base: Int) async throws -> Int {
        try await database.versions.version(of: base, in: database)
    }

    /// The graph and the version it was read at (in one transaction on PostgreSQL, one read
    /// snapshot on SQLite, so they match).
    public func load(base: Int) async throws -> (version: Int, graph: GenealogyGraph) {
        let engine = database.engine
        return try await database.withConnection { sql in
            try await sql.raw(engine == .postgres ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN").run()
            do {
                let version = try await sql.raw("SELECT version FROM bases WHERE id = \(bind: base)").first()?.decode(column: "version", as: Int.self) ?? 0
                let reader = ChunkReader(sql: sql, engine: engine, chunkRows: chunkRows)
                // Persons and families come from the narrow `*_for_graph` indexes (base, id, ...),
                // walked in id order. SQLite reads the links in rowid order, the order of the file:
                // a walk in key order would read the table's pages at random.
                let sqlite = engine == .sqlite
                var persons: [(id: UUID, sex: Sex)] = []
                try await reader.each(
                    fields: ["p.id", "p.sex"], key: [.init(expression: "p.id", field: 0, kind: .uuid)],
                    from: "persons p WHERE p.base_id = \(bind: base)"
                ) { fields in
                    guard let id = fields.uuid(0) else { return }
                    persons.append((id, fields.equals(1, "male") ? .male : fields.equals(1, "female") ? .female : .unknown))
                }
                // Families in the base's order: file position, then id (`FamilyTable.precedes`).
                var familyOrder: [(position: Int, id: UUID)] = []
                try await reader.each(
                    fields: ["f.id", "f.file_position"], key: [.init(expression: "f.id", field: 0, kind: .uuid)],
                    from: "families f WHERE f.base_id = \(bind: base)"
                ) { fields in
                    guard let id = fields.uuid(0) else { return }
                    familyOrder.append((fields.integer(1), id))
                }
                familyOrder.sort { $0.position != $1.position ? $0.position < $1.position : FamilyOrder.precedes($0.id, $1.id) }
                var members: [UUID: (parents: [(Int, UUID)], children: [(Int, UUID)])] = [:]
                members.reserveCapacity(familyOrder.count)
                // On SQLite every link is read in file order and those of other bases' families are
                // ignored below; a join to pick this base's would look each family up at random.
                try await reader.each(
                    fields: ["m.family_id", "m.person_id", "m.role", "m.position"] + (sqlite ? ["m.rowid"] : []),
                    key: sqlite
                        ? [.init(expression: "m.rowid", field: 4, kind: .integer)]
                        : [
                            .init(expression: "m.family_id", field: 0, kind: .uuid), .init(expression: "m.role", field: 2, kind: .text),
                            .init(expression: "m.position", field: 3, kind: .integer),
                        ],
                    from: sqlite
                        ? "family_members m WHERE 1 = 1"
                        : "family_members m JOIN families f ON f.id = m.family_id WHERE f.base_id + 0 = \(bind: base)"
                ) { fields in
                    guard let family = fields.uuid(0), let person = fields.uuid(1) else { return }
                    let position = fields.integer(3)
                    if fields.equals(2, "parent") {
                        members[family, default: ([], [])].parents.append((position, person))
                    } else {
                        members[family, default: ([], [])].children.append((position, person))
                    }
                }
                try await sql.raw("COMMIT").run()
                let families = familyOrder.compactMap { family -> GenealogyGraph.FamilyLinks? in
                    guard let links = members[family.id] else { return nil }
                    return .init(
                        id: family.id, position: family.position,
                        parents: links.parents.sorted { $0.0 < $1.0 }.map(\.1), children: links.children.sorted { $0.0 < $1.0 }.map(\.1))
                }
                return (version, GenealogyGraph(persons: persons, families: families))
            } catch {
                try? await sql.raw("ROLLBACK").run()
                throw error
            }
        }
    }
}

/// Reads a table in chunks of `chunkRows` rows, each chunk aggregated by the
/// database into one text of `\u{1}`-separated fields and `\u{2}`-separated rows, walked in key
/// order (keyset pagination, so each chunk is a range of an index that starts with the base and
/// the key, or of the rowid).
struct ChunkReader {
    let sql: any SQLDatabase
    let engine: DatabaseEngine
    let chunkRows: Int

    /// One column of the key the chunks are walked by.
    struct KeyColumn {
        let expression: String
        /// Where the column is among the selected fields.
        let field: Int
        let kind: Kind
        enum Kind { case uuid, text, integer }
    }

    /// Calls `row` with the text fields of every row; `key` must be unique and indexed. Fields
    /// must be NOT NULL (a NULL would drop its row from the aggregate) and never hold the control
    /// characters 1 and 2: ids, codes, numbers and timestamps, never text typed by users.
    func each(fields: [String], key: [KeyColumn], from: SQLQueryString, _ row: (ChunkFields) throws -> Void) async throws {
        let separatorField = engine == .postgres ? "chr(1)" : "char(1)"
        let rowText = fields.indices.map { "CAST(c\($0) AS TEXT)" }.joined(separator: " || \(separatorField) || ")
        let aggregate = engine == .postgres ? "string_agg(\(rowText), chr(2))" : "group_concat(\(rowText), char(2))"
        let selected = fields.enumerated().map { "\($0.element) AS c\($0.offset)" }.joined(separator: ", ")
        let keyList = key.map(\.expression).joined(separator: ", ")
        var after: [String]?
        while true {
            var query: SQLQueryString = "SELECT \(unsafeRaw: aggregate) AS chunk, count(*) AS n FROM (SELECT \(unsafeRaw: selected) FROM " + from
            if let after {
                query += " AND (\(unsafeRaw: keyList)) > ("
                for (index, column) in key.enumerated() {
                    if index > 0 { query += ", " }
                    let value = after[column.field]
                    switch column.kind {
                    case .integer: query += "\(bind: Int(value) ?? 0)"
                    case .uuid where engine == .postgres: query += "CAST(\(bind: value) AS UUID)"
                    case .uuid, .text: query += "\(bind: value)"
                    }
                }
                query += ")"
            }
            query += " ORDER BY \(unsafeRaw: keyList) LIMIT \(bind: chunkRows)) chunk_rows"
            guard let result = try await sql.raw(query).first() else { return }
            let count = try result.decode(column: "n", as: Int.self)
            guard count > 0, var chunk = try result.decode(column: "chunk", as: String?.self) else { return }
            // The rows come in no promised order: the next chunk starts after the greatest key.
            var last: [String]?
            try chunk.withUTF8 { bytes in
                var fieldsOfRow = ChunkFields(bytes: bytes, ranges: [])
                var greatest: [Range<Int>]?
                var start = 0
                for index in 0...bytes.count where index == bytes.count || bytes[index] == 1 || bytes[index] == 2 {
                    fieldsOfRow.ranges.append(start..<index)
                    start = index + 1
                    guard index == bytes.count || bytes[index] == 2 else { continue }
                    if fieldsOfRow.ranges.count == fields.count {
                        try row(fieldsOfRow)
                        if greatest == nil || fieldsOfRow.isGreater(than: greatest!, key: key) { greatest = fieldsOfRow.ranges }
                    }
                    fieldsOfRow.ranges.removeAll(keepingCapacity: true)
                }
                last = greatest.map { ranges in ranges.map { ChunkFields(bytes: bytes, ranges: ranges).string(at: $0) } }
            }
            guard count == chunkRows, let last else { return }
            after = last
        }
    }
}

/// The fields of one row of a chunk, read in place from the chunk's UTF-8 bytes.
struct ChunkFields {
    let bytes: UnsafeBufferPointer<UInt8>
    var ranges: [Range<Int>]

    func string(_ field: Int) -> String { string(at: ranges[field]) }

    func string(at range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    func integer(_ field: Int) -> Int {
        var value = 0
        var negative = false
        for byte in bytes[ranges[field]] {
            if byte == UInt8(ascii: "-") { negative = true } else if byte >= 48 && byte <= 57 { value = value * 10 + Int(byte - 48) }
        }
        return negative ? -value : value
    }

    func equals(_ field: Int, _ text: StaticString) -> Bool {
        let range = ranges[field]
        guard range.count == text.utf8CodeUnitCount else { return false }
        return zip(bytes[range], UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)).allSatisfy { $0 == $1 }
    }

    /// A UUID written as 36 characters (either case), without going through `String`.
    func uuid(_ field: Int) -> UUID? {
        let range = ranges[field]
        guard range.count == 36 else { return nil }
        var raw = [UInt8](repeating: 0, count: 16)
        var nibbles = 0
        for index in range {
            let byte = bytes[index]
            let value: UInt8
            switch byte {
            case 48...57: value = byte - 48
            case 65...70: value = byte - 55
            case 97...102: value = byte - 87
            case 45: continue
            default: return nil
            }
            guard nibbles < 32 else { return nil }
            raw[nibbles / 2] |= nibbles % 2 == 0 ? value << 4 : value
            nibbles += 1
        }
        guard nibbles == 32 else { return nil }
        return UUID(
            uuid: (
                raw[0], raw[1], raw[2], raw[3], raw[4], raw[5], raw[6], raw[7],
                raw[8], raw[9], raw[10], raw[11], raw[12], raw[13], raw[14], raw[15]
            ))
    }

    /// Compares this row's key with another row's (given by its field ranges in the same bytes).
    func isGreater(than other: [Range<Int>], key: [ChunkReader.KeyColumn]) -> Bool {
        for column in key {
            let (mine, theirs) = (bytes[ranges[column.field]], bytes[other[column.field]])
            switch column.kind {
            case .integer:
                let (a, b) = (integer(column.field), ChunkFields(bytes: bytes, ranges: other).integer(column.field))
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
