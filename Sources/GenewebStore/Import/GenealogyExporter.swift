import Foundation
import GenewebCore
import GenewebFormats
import SQLKit

/// Reads a whole base back into a document, for export.
public struct GenealogyExporter: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The base's records in the order of the file they came from (records made later follow,
    /// by id). Nil when the base does not exist.
    public func load(_ base: BaseName) async throws -> GedcomDocument? {
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
            document.persons = try await documents("persons", as: Person.self)
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
            return document
        }
    }
}
