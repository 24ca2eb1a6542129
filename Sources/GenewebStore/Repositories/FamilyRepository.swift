import Foundation
import GenewebCore
import SQLKit

/// Families of one base and their ordered parent/child links.
public struct FamilyRepository: Sendable {
    let database: Database
    var sqlHelpers: EngineSQL { EngineSQL(engine: database.engine) }

    public init(database: Database) {
        self.database = database
    }

    private var selectColumns: SQLQueryString { sqlHelpers.selectVersioned(from: "families") }
    private var writes: VersionedWrite { VersionedWrite(database: database, table: "families") }

    static func decode(_ row: any SQLRow) throws -> Stored<Family> { try Stored<Family>.decode(row) }

    public func find(_ id: UUID, base: Int) async throws -> Stored<Family>? {
        try await database.withConnection { sql in
            try await sql.raw(selectColumns + " WHERE base_id = \(bind: base) AND id = \(bind: id)").first().map(Self.decode)
        }
    }

    /// A page of families (file order, then creation) and the total.
    public func list(base: Int, offset: Int, limit: Int) async throws -> (items: [Stored<Family>], total: Int) {
        try await database.withConnection { sql in
            let total = try await sql.raw("SELECT count(*) AS n FROM families WHERE base_id = \(bind: base)").first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await sql.raw(
                selectColumns + " WHERE base_id = \(bind: base) ORDER BY file_position, created_at, id LIMIT \(bind: limit) OFFSET \(bind: offset)"
            ).all()
            return (try rows.map(Self.decode), total)
        }
    }

    /// The other families where `child` is a child of exactly these `parents` (a duplicate filiation).
    public func familiesWithChild(_ child: UUID, parents: Set<UUID>, excluding family: UUID, base: Int) async throws -> [UUID] {
        try await database.withConnection { sql in
            let candidates = try await sql.raw(
                """
                SELECT family_id FROM family_members WHERE person_id = \(bind: child) AND role = 'child' AND family_id <> \(bind: family)
                """
            ).all().map { try $0.decode(column: "family_id", as: UUID.self) }
            var duplicates: [UUID] = []
            for candidate in candidates {
                let theirs = try await sql.raw("SELECT person_id FROM family_members WHERE family_id = \(bind: candidate) AND role = 'parent'")
                    .all().map { try $0.decode(column: "person_id", as: UUID.self) }
                if Set(theirs) == parents { duplicates.append(candidate) }
            }
            return duplicates
        }
    }

    /// Inserts a family. `AncestryLoop` when its links would make someone their own ancestor.
    public func insert(_ family: Family, base: Int, audit: AuditEntry) async throws -> Stored<Family> {
        try await writes.run(base: base, audit: audit) { sql, _ in
            try await insertRow(family, base: base, on: sql)
        }
    }

    /// The insert's own steps, inside the caller's transaction (`FamilyActs`).
    func insertRow(_ family: Family, base: Int, on sql: any SQLDatabase) async throws -> Stored<Family> {
        try await refuseLoops(family, base: base, on: sql)
        try await RowWriter(sink: SQLKitRowSink(sql: sql, engine: database.engine), baseID: base, batchSize: 1).insertFamilies([family])
        // Position 0: a family written alone is first of its batch (RowWriter), as for every family the API adds.
        WriteRecord.current?.edit(.family(id: family.id.uuid, position: 0, parents: family.parents.map(\.uuid), children: family.children.map(\.uuid)))
        return try await writes.stored(family.id.uuid, on: sql)
    }

    /// Replaces a family (document, relation, links) if its version is still `expectedVersion`.
    /// `AncestryLoop` when its new links would make someone their own ancestor.
    public func update(_ family: Family, base: Int, expectedVersion: Int?, audit: AuditEntry) async throws -> Stored<Family> {
        try await writes.run(base: base, audit: audit) { sql, _ in
            try await replaceRow(family, base: base, expectedVersion: expectedVersion, on: sql)
        }
    }

    /// The update's own steps, inside the caller's transaction (`FamilyActs`).
    func replaceRow(_ family: Family, base: Int, expectedVersion: Int?, on sql: any SQLDatabase) async throws -> Stored<Family> {
        let current = try await writes.current(family.id.uuid, base: base, expected: expectedVersion, on: sql)
        try await refuseLoops(family, base: base, on: sql)
        try await writes.replace(
            family.id.uuid, current: current.version,
            setting: "relation = \(bind: family.relation.rawValue), marriage_sort = \(bind: family.marriage?.date?.sortKey), "
                + "marriage_md = \(bind: PersonIndexEntry.monthDay(family.marriage?.date)), document = " + (try sqlHelpers.document(family)),
            on: sql)
        try await writeLinks(of: family, on: sql)
        return try await writes.stored(family.id.uuid, on: sql)
    }

    public func delete(_ id: UUID, base: Int, expectedVersion: Int?, audit: AuditEntry) async throws {
        try await writes.run(base: base, audit: audit) { sql, _ in
            _ = try await writes.current(id, base: base, expected: expectedVersion, on: sql)
            try await sql.raw("DELETE FROM family_members WHERE family_id = \(bind: id)").run()
            try await sql.raw("DELETE FROM families WHERE id = \(bind: id)").run()
            WriteRecord.current?.edit(.familyRemoved(id))
            try await RecordHistory.erase(id, on: sql)
            try await MediaLinkRows.forget(.family, record: id, on: sql)
        }
    }

    /// The families where the person is a parent or a child, parents' families first.
    public func families(of person: UUID, base: Int) async throws -> [Stored<Family>] {
        try await database.withConnection { sql in
            try await sql.raw(
                selectColumns + """
                     WHERE base_id = \(bind: base) AND id IN (SELECT family_id FROM family_members WHERE person_id = \(bind: person))
                     ORDER BY file_position, id
                    """
            ).all().map(Self.decode)
        }
    }

    /// Takes a person out of a family (as parent or child), inside the caller's transaction:
    /// the document and the link rows change together, positions stay gap-free.
    func removeMember(_ person: UUID, from family: UUID, on sql: any SQLDatabase) async throws {
        guard let row = try await sql.raw("SELECT CAST(document AS TEXT) AS document FROM families WHERE id = \(bind: family)").first() else { return }
        var value = try DocumentDecoder.document(Family.self, from: row)
        value.parents.removeAll { $0.uuid == person }
        value.children.removeAll { $0.uuid == person }
        try await sql.raw(
            "UPDATE families SET version = version + 1, updated_at = " + sqlHelpers.now
                + ", document = " + (try sqlHelpers.document(value)) + " WHERE id = \(bind: family)"
        ).run()
        try await writeLinks(of: value, on: sql)
    }

    /// Throws `AncestryLoop` when the family's links would close a loop. The base's link lock is
    /// held to the end of the transaction, so two families written at once cannot each pass the
    /// check and close a loop together (SQLite's write transaction holds the whole file anyway).
    private func refuseLoops(_ family: Family, base: Int, on sql: any SQLDatabase) async throws {
        guard !family.parents.isEmpty, !family.children.isEmpty else { return }
        try await sqlHelpers.lock("family-links|\(base)", on: sql)
        let check = AncestryLoopCheck(sql: sql, family: family.id.uuid)
        if let loop = try await check.loop(parents: family.parents.map(\.uuid), children: family.children.map(\.uuid)) {
            throw AncestryLoop(persons: loop)
        }
    }

    /// Rewrites the link rows of a family from its document.
    func writeLinks(of family: Family, on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM family_members WHERE family_id = \(bind: family.id.uuid)").run()
        WriteRecord.current?.edit(.family(id: family.id.uuid, position: nil, parents: family.parents.map(\.uuid), children: family.children.map(\.uuid)))
        let links =
            family.parents.enumerated().map { ($0.element.uuid, "parent", $0.offset) }
            + family.children.enumerated().map { ($0.element.uuid, "child", $0.offset) }
        guard !links.isEmpty else { return }
        var query: SQLQueryString = "INSERT INTO family_members (family_id, person_id, role, position) VALUES "
        for (index, link) in links.enumerated() {
            if index > 0 { query += ", " }
            query += "(\(bind: family.id.uuid), \(bind: link.0), \(bind: link.1), \(bind: link.2))"
        }
        try await sql.raw(query).run()
    }
}
