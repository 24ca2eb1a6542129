import Foundation
import GenewebCore
import SQLKit

/// Reads a base's persons and parent/child links for the in-memory `GenealogyGraph`, and the
/// base's version, which every write of persons or families raises: a cached graph older than
/// the version is rebuilt, whichever instance made the change.
///
/// A graph of a million persons means reading some three million rows: `ChunkReader` has the
/// database concatenate each chunk of rows into one text, and `GraphLoader` takes the rows as
/// they are scanned, keeping numbers only.
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
        let (version, loader) = try await database.withConnection { sql in
            // The scan reads each page once: through a small page cache, so that it does not leave
            // the connection holding its full cache (64 MB) of pages no request will ask for.
            let cacheSize = engine == .sqlite ? try await sql.raw("PRAGMA cache_size").first()?.decode(column: "cache_size", as: Int.self) : nil
            if cacheSize != nil { try await sql.raw("PRAGMA cache_size = -2048").run() }
            do {
                try await sql.raw(engine == .postgres ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN").run()
                do {
                    let version = try await sql.raw("SELECT version FROM bases WHERE id = \(bind: base)").first()?.decode(column: "version", as: Int.self) ?? 0
                    let loader = try await rows(of: base, sql: sql, engine: engine)
                    try await sql.raw("COMMIT").run()
                    if let cacheSize { try await sql.raw("PRAGMA cache_size = \(unsafeRaw: String(cacheSize))").run() }
                    return (version, loader)
                } catch {
                    try? await sql.raw("ROLLBACK").run()
                    throw error
                }
            } catch {
                if let cacheSize { try? await sql.raw("PRAGMA cache_size = \(unsafeRaw: String(cacheSize))").run() }
                throw error
            }
        }
        // Put together after the connection has gone back to the pool.
        return (version, loader.graph)
    }

    /// Persons, families and their members, from the narrow `*_for_graph` indexes (base, id, ...)
    /// walked in id order: persons are numbered in id order.
    private func rows(of base: Int, sql: any SQLDatabase, engine: DatabaseEngine) async throws -> GraphLoader {
        let reader = ChunkReader(sql: sql, engine: engine, chunkRows: chunkRows)
        var loader = GraphLoader()
        try await reader.each(
            fields: ["p.id", "p.sex"], key: [.init(expression: "p.id", field: 0, kind: .uuid)],
            from: "persons p WHERE p.base_id = \(bind: base)"
        ) { fields in
            guard let id = fields.uuid(0) else { return }
            loader.person(id: id, sex: fields.equals(1, "male") ? .male : fields.equals(1, "female") ? .female : .unknown)
        }
        try await reader.each(
            fields: ["f.id", "f.file_position"], key: [.init(expression: "f.id", field: 0, kind: .uuid)],
            from: "families f WHERE f.base_id = \(bind: base)"
        ) { fields in
            guard let id = fields.uuid(0) else { return }
            loader.family(id: id, position: fields.integer(1))
        }
        // SQLite reads the links in rowid order, the order of the file (a walk in key order would
        // read the table's pages at random), every base's: the loader ignores those of families
        // it was not given, where a join to pick this base's would look each family up at random.
        let sqlite = engine == .sqlite
        try await reader.each(
            fields: ["m.family_id", "m.person_id", "m.role", "m.position"],
            key: sqlite
                ? [.init(expression: "m.rowid", field: nil, kind: .integer)]
                : [
                    .init(expression: "m.family_id", field: 0, kind: .uuid), .init(expression: "m.role", field: 2, kind: .text),
                    .init(expression: "m.position", field: 3, kind: .integer),
                ],
            from: sqlite
                ? "family_members m WHERE 1 = 1"
                : "family_members m JOIN families f ON f.id = m.family_id WHERE f.base_id + 0 = \(bind: base)"
        ) { fields in
            guard let family = fields.uuid(0), let person = fields.uuid(1) else { return }
            loader.member(family: family, person: person, isParent: fields.equals(2, "parent"), position: fields.integer(3))
        }
        return loader
    }
}
