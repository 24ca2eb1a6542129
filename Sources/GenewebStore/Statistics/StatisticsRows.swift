import Foundation
import GenewebCore
import SQLKit

/// What the statistics read of a base, in memory: each person's sex, privacy and date columns,
/// each family's marriage day, and who is a parent or a child in which family.
///
/// Read in one snapshot by three scans of narrow indexes (`ChunkReader`), like the graph; the
/// figures are then sums over these arrays (`StatisticsRows+Figures.swift`). In SQL the same
/// figures joined persons to families for each spouse's privacy, one row lookup per person and
/// per family member: 52 s at a million persons, where the scans take about two.
struct StatisticsRows: Sendable {
    /// A column's "no value" (SQL NULL); never used in arithmetic.
    static let none = Int.min

    var ids: [UUID] = []
    var sexes: [Sex] = []
    var access: [Access] = []
    var deceased: [Bool] = []
    var birthLatest: [Int] = []
    var birthSort: [Int] = []
    var deathSort: [Int] = []
    var birthYear: [Int] = []
    var deathYear: [Int] = []
    var birthMonthDay: [Int] = []
    var deathMonthDay: [Int] = []

    var marriageSort: [Int] = []
    /// Parent and child rows of `family_members`, by family (each a run of `FamilyMembers`).
    var parentsOfFamily = Runs()
    var childrenOfFamily = Runs()
    /// The families each person is a parent in.
    var familiesAsParent = Runs()

    enum Access: UInt8, Sendable { case `public`, `private`, other }

    var count: Int { ids.count }
    var familyCount: Int { marriageSort.count }

    /// Lists of numbers by owner, in one flat array (a list per owner would cost an allocation each).
    struct Runs: Sendable {
        private(set) var starts: [Int32] = [0]
        private(set) var values: [Int32] = []

        /// From (owner, value) pairs of owners 0..<owners, in any order.
        init(owners: Int, pairs: [(owner: Int32, value: Int32)]) {
            var counts = [Int32](repeating: 0, count: owners + 1)
            for pair in pairs { counts[Int(pair.owner) + 1] += 1 }
            for index in 0..<owners { counts[index + 1] += counts[index] }
            starts = counts
            var next = Array(counts.dropLast())
            values = [Int32](repeating: 0, count: pairs.count)
            for pair in pairs {
                values[Int(next[Int(pair.owner)])] = pair.value
                next[Int(pair.owner)] += 1
            }
        }

        init() {}

        subscript(owner: Int) -> ArraySlice<Int32> {
            values[Int(starts[owner])..<Int(starts[owner + 1])]
        }
    }
}

extension StatisticsRepository {
    /// The rows of `base`, read in one transaction (one snapshot on SQLite).
    func rows(of base: Int) async throws -> StatisticsRows {
        let engine = database.engine
        return try await database.withConnection { sql in
            try await sql.raw(engine == .postgres ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN").run()
            do {
                let rows = try await Self.scan(base: base, sql: sql, engine: engine, chunkRows: chunkRows)
                try await sql.raw("COMMIT").run()
                return rows
            } catch {
                try? await sql.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    private static func scan(base: Int, sql: any SQLDatabase, engine: DatabaseEngine, chunkRows: Int) async throws -> StatisticsRows {
        let reader = ChunkReader(sql: sql, engine: engine, chunkRows: chunkRows)
        var rows = StatisticsRows()
        func nullable(_ column: String) -> String { "COALESCE(CAST(\(column) AS TEXT), '')" }
        // Persons in id order through `persons_for_graph`, which carries every column read here.
        try await reader.each(
            fields: [
                "p.id", "p.sex", "p.access", "p.deceased", nullable("p.birth_latest"), nullable("p.birth_sort"), nullable("p.death_sort"),
                nullable("p.birth_year"), nullable("p.death_year"), nullable("p.birth_md"), nullable("p.death_md"),
            ],
            key: [.init(expression: "p.id", field: 0, kind: .uuid)], from: "persons p WHERE p.base_id = \(bind: base)"
        ) { fields in
            guard let id = fields.uuid(0) else { return }
            rows.ids.append(id)
            rows.sexes.append(fields.equals(1, "male") ? .male : fields.equals(1, "female") ? .female : .unknown)
            rows.access.append(fields.equals(2, "public") ? .public : fields.equals(2, "private") ? .private : .other)
            rows.deceased.append(fields.integer(3) == 1)
            rows.birthLatest.append(fields.optionalInteger(4) ?? StatisticsRows.none)
            rows.birthSort.append(fields.optionalInteger(5) ?? StatisticsRows.none)
            rows.deathSort.append(fields.optionalInteger(6) ?? StatisticsRows.none)
            rows.birthYear.append(fields.optionalInteger(7) ?? StatisticsRows.none)
            rows.deathYear.append(fields.optionalInteger(8) ?? StatisticsRows.none)
            rows.birthMonthDay.append(fields.optionalInteger(9) ?? StatisticsRows.none)
            rows.deathMonthDay.append(fields.optionalInteger(10) ?? StatisticsRows.none)
        }
        let personNumbers = IDNumbering(rows.ids)

        var familyIDs: [UUID] = []
        try await reader.each(
            fields: ["f.id", nullable("f.marriage_sort")], key: [.init(expression: "f.id", field: 0, kind: .uuid)],
            from: "families f WHERE f.base_id = \(bind: base)"
        ) { fields in
            guard let id = fields.uuid(0) else { return }
            familyIDs.append(id)
            rows.marriageSort.append(fields.optionalInteger(1) ?? StatisticsRows.none)
        }

        let familyNumbers = IDNumbering(familyIDs)

        // As the graph reads them: SQLite walks every base's links in file order and keeps this
        // base's; PostgreSQL joins the families of the base.
        var parents: [(owner: Int32, value: Int32)] = []
        var children: [(owner: Int32, value: Int32)] = []
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
            guard let familyID = fields.uuid(0), let family = familyNumbers.number(of: familyID), let personID = fields.uuid(1),
                let person = personNumbers.number(of: personID)
            else { return }
            if fields.equals(2, "parent") {
                parents.append((family, person))
            } else if fields.equals(2, "child") {
                children.append((family, person))
            }
        }
        rows.parentsOfFamily = .init(owners: rows.familyCount, pairs: parents)
        rows.childrenOfFamily = .init(owners: rows.familyCount, pairs: children)
        rows.familiesAsParent = .init(owners: rows.count, pairs: parents.map { ($0.value, $0.owner) })
        return rows
    }
}
