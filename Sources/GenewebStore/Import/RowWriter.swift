import Foundation
import GenewebCore
import SQLKit

/// Turns the model into rows of the tables of one base and hands them to a `BulkRowSink`.
///
/// Imports send thousands of rows a batch and overlap the two halves of the work: while the
/// database writes one batch (SQLite's thread, or the PostgreSQL server), the next batch's rows
/// are made here (JSON documents, lookup and phonetic keys, search words). API writes use the same
/// rows, one record at a time.
struct RowWriter {
    let sink: any BulkRowSink
    let baseID: Int
    /// Records per batch.
    let batchSize: Int
    /// Told how many records each batch wrote (persons, families and other records, not links).
    let progress: (@Sendable (Int) -> Void)?
    /// Seals private notes when set (the database's cipher).
    var cipher: FieldCipher?
    private let encoder = DocumentEncoder()

    init(sink: any BulkRowSink, baseID: Int, batchSize: Int, progress: (@Sendable (Int) -> Void)? = nil) {
        self.sink = sink
        self.baseID = baseID
        self.batchSize = batchSize
        self.progress = progress
    }

    func insertPersons(_ persons: [Person]) async throws {
        var batches = persons.chunked(batchSize).makeIterator()
        _ = try await insertPersons { batches.next().map(Array.init) ?? [] }
    }

    /// Writes the persons `next` gives, a batch a call, until it gives none; returns how many.
    func insertPersons(from next: () throws -> [Person]) async throws -> Int {
        var position = 0
        try await pipeline {
            let batch = try next()
            guard !batch.isEmpty else { return nil }
            defer { position += batch.count }
            return (try personRows(batch, firstPosition: position), batch.count)
        }
        return position
    }

    /// The `persons` rows of a batch and the `person_words` and `person_places` rows of its indexes.
    private func personRows(_ batch: [Person], firstPosition: Int) throws -> [BulkRows] {
        var rows = BulkRows("persons", columns: PersonRow.columns)
        rows.rows.reserveCapacity(batch.count)
        var words = PersonIndexWriter.wordRows()
        var places = PersonIndexWriter.placeRows()
        for (offset, person) in batch.enumerated() {
            let row = try PersonRow(person, base: baseID, filePosition: firstPosition + offset, encoder: encoder)
            rows.rows.append(row.values)
            row.appendWords(to: &words)
            row.appendPlaces(to: &places)
        }
        return [rows, words, places]
    }

    func insertFamilies(_ families: [Family]) async throws {
        try await pipeline(families) { batch in
            var rows = BulkRows("families", columns: ["id", "base_id", "relation", "marriage_sort", "marriage_md", "gedcom_xref", "file_position", "document"])
            // Parent and child links, in order, for the genealogy graph; after their family.
            var links = BulkRows("family_members", columns: ["family_id", "person_id", "role", "position"])
            for (position, family) in zip(batch.indices, batch) {
                rows.rows.append([
                    BulkValue(family.id.uuid), .integer(baseID), .text(family.relation.rawValue),
                    BulkValue(family.marriage?.date?.sortKey), BulkValue(PersonIndexEntry.monthDay(family.marriage?.date)),
                    BulkValue(family.gedcomXref), .integer(position), .json(try encoder.string(family)),
                ])
                for (index, parent) in family.parents.enumerated() {
                    links.rows.append([BulkValue(family.id.uuid), BulkValue(parent.uuid), .text("parent"), .integer(index)])
                }
                for (index, child) in family.children.enumerated() {
                    links.rows.append([BulkValue(family.id.uuid), BulkValue(child.uuid), .text("child"), .integer(index)])
                }
            }
            return [rows, links]
        }
    }

    func insertRecords<Record: Encodable>(_ table: String, label: String, _ records: [(UUID, String, String?, Record)]) async throws {
        try await pipeline(records) { batch in
            var rows = BulkRows(table, columns: ["id", "base_id", label, "gedcom_xref", "file_position", "document"])
            for (position, record) in zip(batch.indices, batch) {
                // Private notes are sealed at rest when field encryption is on.
                let sealed = (record.3 as? Note)?.isPrivate == true && cipher != nil
                rows.rows.append([
                    BulkValue(record.0), .integer(baseID), .text(sealed ? "" : record.1), BulkValue(record.2), .integer(position),
                    .json(sealed ? try SealedDocument.json(record.3, seal: true, cipher: cipher) : try encoder.string(record.3)),
                ])
            }
            return [rows]
        }
    }

    func insertBaseRecords(header: ExtensionNode?, others: [ExtensionNode]) async throws {
        var rows = BulkRows("base_records", columns: ["base_id", "position", "kind", "document"])
        let records = (header.map { [("header", $0)] } ?? []) + others.map { ("record", $0) }
        for (position, record) in records.enumerated() {
            rows.rows.append([.integer(baseID), .integer(position), .text(record.0), .json(try encoder.string(record.1))])
        }
        if !rows.rows.isEmpty { try await sink.insert(rows) }
    }

    /// The rows of `items`, a batch at a time, through `pipeline(_:)`.
    private func pipeline<Item>(_ items: [Item], rows: (ArraySlice<Item>) throws -> [BulkRows]) async throws {
        var batches = items.chunked(batchSize).makeIterator()
        try await pipeline {
            guard let batch = batches.next() else { return nil }
            return (try rows(batch), batch.count)
        }
    }

    /// Makes each batch's rows (`next`, nil at the end) while the sink writes the previous batch.
    /// The sink never runs two writes at once: each waits for the one before, so rows reach the
    /// tables in order.
    private func pipeline(_ next: () throws -> (tables: [BulkRows], records: Int)?) async throws {
        let sink = self.sink
        let progress = self.progress
        var pending: Task<Void, any Error>?
        do {
            while let (tables, count) = try next() {
                // A cancelled import (its HTTP client went away) stops here and is rolled back.
                try Task.checkCancellation()
                try await pending?.value
                pending = Task {
                    for table in tables where !table.rows.isEmpty { try await sink.insert(table) }
                    progress?(count)
                }
            }
            try await pending?.value
        } catch {
            // The transaction is rolled back by the caller: let the write in flight end first.
            _ = try? await pending?.value
            throw error
        }
    }
}

extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
