import Foundation
import GenewebCore
import SQLKit

/// Batched multi-row inserts of the model into the tables of one base.
struct RowWriter {
    let sql: any SQLDatabase
    let engine: DatabaseEngine
    let baseID: Int
    let batchSize: Int
    /// Told how many records each batch wrote (persons, families and other records, not links).
    let progress: (@Sendable (Int) -> Void)?
    /// Seals private notes when set (the database's cipher).
    var cipher: FieldCipher?
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    init(sql: any SQLDatabase, engine: DatabaseEngine, baseID: Int, batchSize: Int, progress: (@Sendable (Int) -> Void)? = nil) {
        self.sql = sql
        self.engine = engine
        self.baseID = baseID
        self.batchSize = batchSize
        self.progress = progress
    }

    /// A JSON document bind, cast to JSONB on PostgreSQL.
    func document(_ value: some Encodable) throws -> SQLQueryString {
        let json = String(decoding: try encoder.encode(value), as: UTF8.self)
        return engine == .postgres ? "CAST(\(bind: json) AS JSONB)" : "\(bind: json)"
    }

    func insertPersons(_ persons: [Person]) async throws {
        for batch in persons.chunked(batchSize) {
            var query: SQLQueryString = """
                INSERT INTO persons (id, base_id, first_name, surname, occurrence, first_name_key, surname_key,
                    first_name_phonetic, surname_phonetic, sex, birth_sort, death_sort, gedcom_xref, file_position,
                    deceased, access, birth_latest, birth_md, death_md, birth_year, death_year, document) VALUES
                """
            var entries: [(base: Int, person: UUID, entry: PersonIndexEntry)] = []
            for (index, person) in zip(batch.indices, batch) {
                if index > batch.startIndex { query += ", " }
                let birth = (person.birth ?? person.baptism)?.date?.sortKey
                let death = (person.death ?? person.burial)?.date?.sortKey
                let entry = PersonIndexEntry(person)
                entries.append((baseID, person.id.uuid, entry))
                query += """
                    (\(bind: person.id.uuid), \(bind: baseID), \(bind: person.firstName), \(bind: person.surname), \(bind: person.occurrence),
                    \(bind: NameNormalizer.key(person.firstName)), \(bind: NameNormalizer.key(person.surname)),
                    \(bind: PhoneticKey.key(person.firstName)), \(bind: PhoneticKey.key(person.surname)), \(bind: person.sex.rawValue),
                    \(bind: birth), \(bind: death), \(bind: person.gedcomXref), \(bind: index),
                    \(bind: entry.deceased), \(bind: entry.access), \(bind: entry.birthLatest), \(bind: entry.birthMonthDay), \(bind: entry.deathMonthDay),
                    \(bind: entry.birthYear), \(bind: entry.deathYear),
                    """
                query += try document(person) + ")"
            }
            try await sql.raw(query).run()
            try await PersonIndexWriter(sql: sql).insertWords(entries)
            progress?(batch.count)
        }
    }

    func insertFamilies(_ families: [Family]) async throws {
        for batch in families.chunked(batchSize) {
            var query: SQLQueryString = "INSERT INTO families (id, base_id, relation, marriage_sort, marriage_md, gedcom_xref, file_position, document) VALUES "
            for (index, family) in zip(batch.indices, batch) {
                if index > batch.startIndex { query += ", " }
                query += "(\(bind: family.id.uuid), \(bind: baseID), \(bind: family.relation.rawValue), \(bind: family.marriage?.date?.sortKey), \(bind: PersonIndexEntry.monthDay(family.marriage?.date)), "
                query += "\(bind: family.gedcomXref), \(bind: index), "
                query += try document(family) + ")"
            }
            try await sql.raw(query).run()
            progress?(batch.count)
        }
        // Parent and child links, in order, for the genealogy graph.
        let links = families.flatMap { family in
            family.parents.enumerated().map { (family.id.uuid, $0.element.uuid, "parent", $0.offset) }
                + family.children.enumerated().map { (family.id.uuid, $0.element.uuid, "child", $0.offset) }
        }
        for batch in links.chunked(batchSize * 2) {
            var query: SQLQueryString = "INSERT INTO family_members (family_id, person_id, role, position) VALUES "
            for (index, link) in batch.enumerated() {
                if index > 0 { query += ", " }
                query += "(\(bind: link.0), \(bind: link.1), \(bind: link.2), \(bind: link.3))"
            }
            try await sql.raw(query).run()
        }
    }

    func insertRecords<Record: Encodable>(_ table: String, label: String, _ records: [(UUID, String, String?, Record)]) async throws {
        for batch in records.chunked(batchSize) {
            var query: SQLQueryString = "INSERT INTO \(ident: table) (id, base_id, \(ident: label), gedcom_xref, file_position, document) VALUES "
            for (index, record) in zip(batch.indices, batch) {
                if index > batch.startIndex { query += ", " }
                // Private notes are sealed at rest when field encryption is on.
                let sealed = (record.3 as? Note)?.isPrivate == true && cipher != nil
                query += "(\(bind: record.0), \(bind: baseID), \(bind: sealed ? "" : record.1), \(bind: record.2), \(bind: index), "
                if sealed {
                    let json = try SealedDocument.json(record.3, seal: true, cipher: cipher)
                    query += engine == .postgres ? "CAST(\(bind: json) AS JSONB))" : "\(bind: json))"
                } else {
                    query += try document(record.3) + ")"
                }
            }
            try await sql.raw(query).run()
            progress?(batch.count)
        }
    }

    func insertBaseRecords(header: ExtensionNode?, others: [ExtensionNode]) async throws {
        let rows = (header.map { [("header", $0)] } ?? []) + others.map { ("record", $0) }
        for (position, row) in rows.enumerated() {
            try await sql.raw("INSERT INTO base_records (base_id, position, kind, document) VALUES (\(bind: baseID), \(bind: position), \(bind: row.0), " + document(row.1) + ")").run()
        }
    }
}

extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
