import Foundation
import GenewebCore
import GenewebFormats
import SQLKit

/// Reads a base back for export: whole (`load`), or everything but the persons' documents first
/// and then the persons a page at a time (`open` + `persons(of:page:)`), so a large base is
/// written without holding every person.
public struct GenealogyExporter: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// A base opened for a paged export.
    public struct Export: Sendable {
        /// Every record but the persons (families, sources, notes, media, header, other records).
        public let document: GedcomDocument
        /// Every person's id and imported xref, in file order (records made later follow, by id).
        public let persons: [(id: PersonID, xref: String?)]
        let baseID: Int
    }

    /// The base's records in the order of the file they came from (records made later follow,
    /// by id). Nil when the base does not exist.
    public func load(_ base: BaseName) async throws -> GedcomDocument? {
        guard let export = try await open(base) else { return nil }
        var document = export.document
        for page in stride(from: 0, to: export.persons.count, by: Self.pageSize) {
            document.persons += try await persons(of: export, page: page)
        }
        return document
    }

    /// Persons read a page at a time.
    public static let pageSize = 2000

    /// Everything but the persons' documents. Nil when the base does not exist.
    public func open(_ base: BaseName) async throws -> Export? {
        try await database.withConnection { sql in
            guard let baseID = try await BaseRepository(database: database).id(of: base, create: false, on: sql) else { return nil }
            var document = GedcomDocument()
            let decoder = JSONDecoder()
            func documents<T: Decodable>(_ table: String, as type: T.Type) async throws -> [T] {
                let rows = try await sql.raw("""
                    SELECT CAST(document AS TEXT) AS document FROM \(ident: table) WHERE base_id = \(bind: baseID)
                    ORDER BY file_position, id
                    """).all()
                // Sealed documents (private notes under field encryption) are opened for the export.
                return try rows.map { try SealedDocument.decode(T.self, from: try $0.decode(column: "document", as: String.self), cipher: database.cipher) }
            }
            document.families = try await documents("families", as: Family.self)
            document.sources = try await documents("sources", as: Source.self)
            document.repositories = try await documents("repositories", as: Repository.self)
            document.notes = try await documents("notes", as: Note.self)
            document.media = try await documents("media", as: Media.self)
            let extras = try await sql.raw("""
                SELECT kind, CAST(document AS TEXT) AS document FROM base_records WHERE base_id = \(bind: baseID) ORDER BY position
                """).all()
            for row in extras {
                let node = try decoder.decode(ExtensionNode.self, from: Data(try row.decode(column: "document", as: String.self).utf8))
                if try row.decode(column: "kind", as: String.self) == "header" { document.header = node } else { document.otherRecords.append(node) }
            }
            let persons = try await sql.raw("""
                SELECT id, gedcom_xref FROM persons WHERE base_id = \(bind: baseID) ORDER BY file_position, id
                """).all().map { row in
                    (id: PersonID(try row.decode(column: "id", as: UUID.self)), xref: try row.decode(column: "gedcom_xref", as: String?.self))
                }
            return Export(document: document, persons: persons, baseID: baseID)
        }
    }

    /// The base as a GEDCOM file, a page of persons at a time: each piece (the header, a page's
    /// records, every later record) goes to `write` before the next page is read.
    public func writeGedcom(_ export: Export, version: GedcomDateVersion, to write: (String) async throws -> Void) async throws {
        let writer = GedcomWriter(document: export.document, persons: export.persons, version: version)
        try await write(writer.header())
        for page in stride(from: 0, to: export.persons.count, by: Self.pageSize) {
            try await write(try await persons(of: export, page: page).map { writer.record(for: $0) }.joined())
        }
        for piece in writer.piecesAfterPersons() { try await write(piece) }
    }

    /// The persons of `export.persons[page ..< page + pageSize]`, in that order.
    public func persons(of export: Export, page: Int) async throws -> [Person] {
        let ids = export.persons[page..<min(page + Self.pageSize, export.persons.count)].map(\.id.uuid)
        guard !ids.isEmpty else { return [] }
        let byID = try await database.withConnection { sql in
            // Looked up by id (`base_id + 0` keeps SQLite's planner on the primary key).
            var query: SQLQueryString = "SELECT id, CAST(document AS TEXT) AS document FROM persons WHERE base_id + 0 = \(bind: export.baseID) AND id IN ("
            for (index, id) in ids.enumerated() { query += index == 0 ? "\(bind: id)" : ", \(bind: id)" }
            query += ")"
            var byID: [UUID: Person] = [:]
            for row in try await sql.raw(query).all() {
                byID[try row.decode(column: "id", as: UUID.self)] = try SealedDocument.decode(
                    Person.self, from: try row.decode(column: "document", as: String.self), cipher: database.cipher
                )
            }
            return byID
        }
        // A person deleted since `open` is left out.
        return ids.compactMap { byID[$0] }
    }
}
