import Foundation
import GenewebCore
import SQLKit

extension Migration {
    /// Uploaded media files and the records each media is attached to.
    ///
    /// A media row imported from a GEDCOM `OBJE` keeps only its path (`file`); an uploaded one also
    /// has its bytes in the media folder, named by `content_sha256`, with their size, the type read
    /// from the bytes (`mime_type`), the name the client gave, who uploaded it and a `version`
    /// for `If-Match`, as persons and families have. `media_links` says which persons, families
    /// and sources a media belongs to, so that whether a caller may see a media (not when it shows
    /// a person they may not see) is a join, not a read of every record's document.
    static let mediaFiles = Migration(
        version: 13, name: "media_files",
        statements: { engine in
            let types = ColumnTypes(engine)
            let bigInteger = engine == .postgres ? "BIGINT" : "INTEGER"
            return [
                "ALTER TABLE media ADD COLUMN content_sha256 TEXT",
                "ALTER TABLE media ADD COLUMN byte_size \(bigInteger)",
                "ALTER TABLE media ADD COLUMN mime_type TEXT",
                "ALTER TABLE media ADD COLUMN original_name TEXT",
                "ALTER TABLE media ADD COLUMN created_by TEXT",
                "ALTER TABLE media ADD COLUMN version INTEGER NOT NULL DEFAULT 1",
                // A file is removed with the last media row naming its content.
                "CREATE INDEX media_by_content ON media (content_sha256)",
                """
                CREATE TABLE media_links (
                    media_id \(types.id) NOT NULL REFERENCES media(id) ON DELETE CASCADE,
                    base_id \(types.baseID) NOT NULL REFERENCES bases(id) ON DELETE CASCADE,
                    record_kind TEXT NOT NULL CHECK (record_kind IN ('person', 'family', 'source')),
                    record_id \(types.id) NOT NULL,
                    PRIMARY KEY (media_id, record_kind, record_id)
                )
                """,
                "CREATE INDEX media_links_by_record ON media_links (base_id, record_kind, record_id)",
            ]
        },
        backfill: { sql, engine in
            try await MediaLinkBackfill(sql: sql, engine: engine).run()
        })
}

/// Fills `media_links` from the `mediaIDs` of the persons, families and sources stored before
/// migration 13, in the bases that have media (the others have nothing to link).
struct MediaLinkBackfill {
    let sql: any SQLDatabase
    let engine: DatabaseEngine
    let chunk = 2_000

    func run() async throws {
        let bases = try await sql.raw("SELECT DISTINCT base_id FROM media").all().map { try $0.decode(column: "base_id", as: Int.self) }
        for base in bases {
            let media = Set(
                try await sql.raw("SELECT id FROM media WHERE base_id = \(bind: base)").all().map { try $0.decode(column: "id", as: UUID.self) })
            try await link(table: "persons", kind: .person, base: base, media: media) { try JSONDecoder().decode(Person.self, from: $0).mediaIDs }
            try await link(table: "families", kind: .family, base: base, media: media) { try JSONDecoder().decode(Family.self, from: $0).mediaIDs }
            try await link(table: "sources", kind: .source, base: base, media: media) { try JSONDecoder().decode(Source.self, from: $0).mediaIDs }
        }
    }

    private func link(
        table: String, kind: MediaLink.Kind, base: Int, media: Set<UUID>, mediaIDs: (Data) throws -> [MediaID]
    ) async throws {
        var lastID: UUID?
        while true {
            let after: SQLQueryString = lastID.map { " AND id > \(bind: $0)" } ?? ""
            let rows = try await sql.raw(
                "SELECT id, CAST(document AS TEXT) AS document FROM \(ident: table) WHERE base_id = \(bind: base)" + after
                    + " ORDER BY id LIMIT \(bind: chunk)"
            ).all()
            guard let last = rows.last else { break }
            var links: [MediaLink] = []
            for row in rows {
                let record = try row.decode(column: "id", as: UUID.self)
                let ids = try mediaIDs(Data(try row.decode(column: "document", as: String.self).utf8))
                links += ids.map(\.uuid).filter(media.contains).map { MediaLink(mediaID: $0, kind: kind, recordID: record) }
            }
            try await MediaLinkRows.insert(links, base: base, on: sql)
            lastID = try last.decode(column: "id", as: UUID.self)
        }
    }
}
