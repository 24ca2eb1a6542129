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
    let database: Database
    /// Rows per aggregated chunk: a few megabytes of text each.
    let chunkRows: Int

    public init(database: Database, chunkRows: Int = 100_000) {
        self.database = database
        self.chunkRows = chunkRows
    }

    public func version(of base: Int) async throws -> Int {
        try await database.withConnection { sql in
            try await sql.raw("SELECT version FROM bases WHERE id = \(bind: base)").first()?.decode(column: "version", as: Int.self) ?? 0
        }
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
                var persons: [(id: UUID, sex: Sex)] = []
                try await reader.each(
                    fields: ["p.id", "p.sex"], key: [.init(expression: "p.id", field: 0, kind: .uuid)],
                    from: "persons p WHERE p.base_id = \(bind: base)"
                ) { fields in
                    guard let id = UUID(uuidString: String(fields[0])) else { return }
                    persons.append((id, Sex(rawValue: String(fields[1])) ?? .unknown))
                }
                // Families in their stable order: file position, then creation, then id.
                var familyOrder: [(position: Int, created: String, id: UUID)] = []
                try await reader.each(
                    fields: ["f.id", "f.file_position", "f.created_at"], key: [.init(expression: "f.id", field: 0, kind: .uuid)],
                    from: "families f WHERE f.base_id = \(bind: base)"
                ) { fields in
                    guard let id = UUID(uuidString: String(fields[0])) else { return }
                    familyOrder.append((Int(fields[1]) ?? 0, String(fields[2]), id))
                }
                familyOrder.sort { ($0.position, $0.created, $0.id.uuidString) < ($1.position, $1.created, $1.id.uuidString) }
                var members: [UUID: (parents: [(Int, UUID)], children: [(Int, UUID)])] = [:]
                members.reserveCapacity(familyOrder.count)
                try await reader.each(
                    fields: ["m.family_id", "m.person_id", "m.role", "m.position"],
                    key: [.init(expression: "m.family_id", field: 0, kind: .uuid), .init(expression: "m.role", field: 2, kind: .text),
                          .init(expression: "m.position", field: 3, kind: .integer)],
                    from: "family_members m JOIN families f ON f.id = m.family_id WHERE f.base_id = \(bind: base)"
                ) { fields in
                    guard let family = UUID(uuidString: String(fields[0])), let person = UUID(uuidString: String(fields[1])) else { return }
                    let position = Int(fields[3]) ?? 0
                    if fields[2] == "parent" {
                        members[family, default: ([], [])].parents.append((position, person))
                    } else {
                        members[family, default: ([], [])].children.append((position, person))
                    }
                }
                try await sql.raw("COMMIT").run()
                let families = familyOrder.compactMap { family -> GenealogyGraph.FamilyLinks? in
                    guard let links = members[family.id] else { return nil }
                    return .init(parents: links.parents.sorted { $0.0 < $1.0 }.map(\.1), children: links.children.sorted { $0.0 < $1.0 }.map(\.1))
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
/// order (keyset pagination, so each chunk is an index range).
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

    /// Calls `row` with the text fields of every row; `key` must be unique and indexed.
    func each(fields: [String], key: [KeyColumn], from: SQLQueryString, _ row: ([Substring]) throws -> Void) async throws {
        let separatorField = engine == .postgres ? "chr(1)" : "char(1)"
        let rowText = fields.indices.map { "CAST(c\($0) AS TEXT)" }.joined(separator: " || \(separatorField) || ")
        let aggregate = engine == .postgres ? "string_agg(\(rowText), chr(2))" : "group_concat(\(rowText), char(2))"
        let selected = fields.enumerated().map { "\($0.element) AS c\($0.offset)" }.joined(separator: ", ")
        let keyList = key.map(\.expression).joined(separator: ", ")
        var after: [Substring]?
        while true {
            var query: SQLQueryString = "SELECT \(unsafeRaw: aggregate) AS chunk, count(*) AS n FROM (SELECT \(unsafeRaw: selected) FROM " + from
            if let after {
                query += " AND (\(unsafeRaw: keyList)) > ("
                for (index, column) in key.enumerated() {
                    if index > 0 { query += ", " }
                    let value = String(after[column.field])
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
            guard count > 0, let chunk = try result.decode(column: "chunk", as: String?.self) else { return }
            // The rows come in no promised order: the next chunk starts after the greatest key.
            var last: [Substring]?
            for line in chunk.split(separator: "\u{2}", omittingEmptySubsequences: false) {
                let values = line.split(separator: "\u{1}", omittingEmptySubsequences: false)
                guard values.count == fields.count else { continue }
                try row(values)
                if last == nil || Self.isGreater(values, than: last!, key: key) { last = values }
            }
            guard count == chunkRows, let last else { return }
            after = last
        }
    }

    static func isGreater(_ a: [Substring], than b: [Substring], key: [KeyColumn]) -> Bool {
        for column in key {
            let (x, y) = (a[column.field], b[column.field])
            switch column.kind {
            case .integer:
                let (m, n) = (Int(x) ?? 0, Int(y) ?? 0)
                if m != n { return m > n }
            case .uuid:
                // SQLite keeps the text as written (upper case); PostgreSQL orders the bytes, as lower-case text does.
                let (m, n) = (x.lowercased(), y.lowercased())
                if m != n { return m > n }
            case .text:
                if x != y { return x > y }
            }
        }
        return false
    }
}

/// Raises a base's version inside a write's transaction.
enum BaseVersion {
    static func bump(_ base: Int, on sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE bases SET version = version + 1 WHERE id = \(bind: base)").run()
    }
}
