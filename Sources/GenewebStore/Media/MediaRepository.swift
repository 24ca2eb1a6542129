import Foundation
import GenewebCore
import SQLKit

/// The media of a base: their rows, their links to persons, families and sources, and the
/// `mediaIDs` of those records kept in step with the links (GEDCOM exports write `OBJE` from
/// them). Every write is one transaction with its audit line.
public struct MediaRepository: Sendable {
    let database: Database
    var engineSQL: EngineSQL { EngineSQL(engine: database.engine) }

    public init(database: Database) {
        self.database = database
    }

    private var selectColumns: SQLQueryString {
        "SELECT id, version, " + engineSQL.isoTimestamp("created_at") + " AS created_at, " + engineSQL.isoTimestamp("updated_at")
            + " AS updated_at, CAST(document AS TEXT) AS document, content_sha256, byte_size, mime_type, original_name, created_by FROM media"
    }

    private func decode(_ row: any SQLRow, links: [MediaLink]) throws -> StoredMedia {
        let media = try DocumentDecoder.document(Media.self, from: row)
        var file: MediaFile?
        if let sha = try row.decode(column: "content_sha256", as: String?.self),
            let type = try row.decode(column: "mime_type", as: String?.self).flatMap(MediaFileType.init(rawValue:))
        {
            file = MediaFile(
                sha256: sha, byteSize: try row.decode(column: "byte_size", as: Int?.self) ?? 0, type: type,
                originalName: try row.decode(column: "original_name", as: String?.self))
        }
        return StoredMedia(
            media: media, file: file, createdBy: try row.decode(column: "created_by", as: String?.self),
            links: links.filter { $0.mediaID == media.id.uuid }, version: try row.decode(column: "version", as: Int.self),
            createdAt: try row.decode(column: "created_at", as: String.self), updatedAt: try row.decode(column: "updated_at", as: String.self))
    }

    // MARK: Reads

    /// A page of the base's media, oldest first, and the total.
    public func list(base: Int, offset: Int, limit: Int) async throws -> (items: [StoredMedia], total: Int) {
        try await database.withConnection { sql in
            let total = try await sql.raw("SELECT count(*) AS n FROM media WHERE base_id = \(bind: base)").first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await sql.raw(
                selectColumns + " WHERE base_id = \(bind: base) ORDER BY created_at, id LIMIT \(bind: limit) OFFSET \(bind: offset)"
            ).all()
            let ids = try rows.map { try $0.decode(column: "id", as: UUID.self) }
            let links = try await MediaLinkRows.links(of: ids, base: base, on: sql)
            return (try rows.map { try decode($0, links: links) }, total)
        }
    }

    /// The media attached to one person, family or source of the base, oldest first (the first
    /// picture of a person is their portrait).
    public func media(of record: UUID, kind: MediaLink.Kind, base: Int, limit: Int = 200) async throws -> [StoredMedia] {
        try await database.withConnection { sql in
            let rows = try await sql.raw(
                selectColumns
                    + """
                     WHERE base_id = \(bind: base) AND id IN (SELECT media_id FROM media_links WHERE base_id = \(bind: base)
                    AND record_kind = \(bind: kind.rawValue) AND record_id = \(bind: record)) ORDER BY created_at, id LIMIT \(bind: limit)
                    """
            ).all()
            let ids = try rows.map { try $0.decode(column: "id", as: UUID.self) }
            let links = try await MediaLinkRows.links(of: ids, base: base, on: sql)
            return try rows.map { try decode($0, links: links) }
        }
    }

    public func find(_ id: UUID, base: Int) async throws -> StoredMedia? {
        try await database.withConnection { sql in try await find(id, base: base, on: sql) }
    }

    private func find(_ id: UUID, base: Int, on sql: any SQLDatabase) async throws -> StoredMedia? {
        guard let row = try await sql.raw(selectColumns + " WHERE base_id = \(bind: base) AND id = \(bind: id)").first() else { return nil }
        return try decode(row, links: try await MediaLinkRows.links(of: [id], base: base, on: sql))
    }

    /// The file contents the media of the base `name` name (none when there is no such base).
    public func contentNames(inBase name: BaseName) async throws -> [String] {
        try await database.withConnection { sql in
            guard let base = try await BaseRepository(database: database).id(of: name, create: false, on: sql) else { return [] }
            return try await sql.raw("SELECT DISTINCT content_sha256 FROM media WHERE base_id = \(bind: base) AND content_sha256 IS NOT NULL")
                .all().map { try $0.decode(column: "content_sha256", as: String.self) }
        }
    }

    /// Whether another media row (of any base) still names the content `sha256`.
    public func isContentUsed(_ sha256: String) async throws -> Bool {
        try await database.withConnection { sql in
            try await sql.raw("SELECT count(*) AS n FROM media WHERE content_sha256 = \(bind: sha256)").first()?.decode(column: "n", as: Int.self) ?? 0 > 0
        }
    }

    // MARK: Writes

    /// Stores a new media with its file (already in the media folder) and attaches it to `links`'
    /// records, which must exist in the base (`MediaLinkError.unknownRecord` otherwise).
    public func insert(_ media: Media, file: MediaFile?, createdBy: String?, links: [MediaLink.Kind: [UUID]], base: Int, audit: AuditEntry)
        async throws -> StoredMedia
    {
        try await database.withRecordedWrite { sql in
            try await sql.raw(
                """
                INSERT INTO media (id, base_id, file, gedcom_xref, document, content_sha256, byte_size, mime_type, original_name, created_by)
                VALUES (\(bind: media.id.uuid), \(bind: base), \(bind: media.file), \(bind: media.gedcomXref),
                """ + (try engineSQL.document(media))
                    + """
                    , \(bind: file?.sha256), \(bind: file?.byteSize), \(bind: file?.type.mimeType), \(bind: file?.originalName), \(bind: createdBy))
                    """
            ).run()
            try await replaceLinks(of: media.id.uuid, with: links, base: base, on: sql)
            try await BaseVersion.bump(base, on: sql)
            try await AuditRepository(database: database).record(audit, on: sql)
            guard let stored = try await find(media.id.uuid, base: base, on: sql) else { throw WriteConflict.notFound }
            return stored
        }
    }

    /// Changes the title (when `title` is given) and, for each kind given, replaces the records
    /// of that kind the media is attached to. `If-Match` as for persons: `expectedVersion`.
    public func update(
        _ id: UUID, base: Int, expectedVersion: Int?, title: String??, links: [MediaLink.Kind: [UUID]], audit: AuditEntry
    ) async throws -> StoredMedia {
        try await database.withRecordedWrite { sql in
            guard var stored = try await find(id, base: base, on: sql) else { throw WriteConflict.notFound }
            if let expectedVersion, expectedVersion != stored.version { throw WriteConflict.staleVersion(current: stored.version) }
            if case .some(let title) = title { stored.media.title = title }
            let updated = try await sql.raw(
                "UPDATE media SET document = " + (try engineSQL.document(stored.media)) + ", version = version + 1, updated_at = " + engineSQL.now
                    + " WHERE id = \(bind: id) AND version = \(bind: stored.version) RETURNING id"
            ).first()
            guard updated != nil else { throw WriteConflict.staleVersion(current: stored.version + 1) }
            try await replaceLinks(of: id, with: links, base: base, on: sql)
            try await BaseVersion.bump(base, on: sql)
            try await AuditRepository(database: database).record(audit, on: sql)
            guard let result = try await find(id, base: base, on: sql) else { throw WriteConflict.notFound }
            return result
        }
    }

    /// Removes the media and its links (from the records' `mediaIDs` too). Returns the row as it
    /// was, so the caller can remove its file when no other media names the content.
    @discardableResult
    public func delete(_ id: UUID, base: Int, expectedVersion: Int?, audit: AuditEntry) async throws -> StoredMedia {
        try await database.withRecordedWrite { sql in
            guard let stored = try await find(id, base: base, on: sql) else { throw WriteConflict.notFound }
            if let expectedVersion, expectedVersion != stored.version { throw WriteConflict.staleVersion(current: stored.version) }
            try await replaceLinks(of: id, with: Dictionary(uniqueKeysWithValues: MediaLink.Kind.allCases.map { ($0, []) }), base: base, on: sql)
            try await sql.raw("DELETE FROM media WHERE id = \(bind: id)").run()
            try await BaseVersion.bump(base, on: sql)
            try await AuditRepository(database: database).record(audit, on: sql)
            return stored
        }
    }

    /// For each kind in `links`, makes the media's records of that kind exactly those given: the
    /// rows of `media_links` and the `mediaIDs` of the records gained and lost.
    private func replaceLinks(of media: UUID, with links: [MediaLink.Kind: [UUID]], base: Int, on sql: any SQLDatabase) async throws {
        let current = try await MediaLinkRows.links(of: [media], base: base, on: sql)
        for kind in MediaLink.Kind.allCases {
            guard let wanted = links[kind] else { continue }
            let had = Set(current.filter { $0.kind == kind }.map(\.recordID))
            let want = Set(wanted)
            for record in wanted where !had.contains(record) {
                guard try await RecordMediaList(kind: kind, engineSQL: engineSQL).change(record, base: base, on: sql, { $0.append(MediaID(media)) }) else {
                    throw MediaLinkError.unknownRecord(kind: kind, id: record)
                }
            }
            for record in had.subtracting(want) {
                // A record deleted since it was linked has nothing to update.
                _ = try await RecordMediaList(kind: kind, engineSQL: engineSQL).change(record, base: base, on: sql) { $0.removeAll { $0.uuid == media } }
                try await sql.raw(
                    "DELETE FROM media_links WHERE media_id = \(bind: media) AND record_kind = \(bind: kind.rawValue) AND record_id = \(bind: record)"
                ).run()
            }
            try await MediaLinkRows.insert(want.subtracting(had).map { MediaLink(mediaID: media, kind: kind, recordID: $0) }, base: base, on: sql)
        }
    }
}

/// A link to a record the base does not have.
public enum MediaLinkError: Error, Equatable {
    case unknownRecord(kind: MediaLink.Kind, id: UUID)
}

/// The `mediaIDs` list inside a person's, family's or source's document.
struct RecordMediaList {
    let kind: MediaLink.Kind
    let engineSQL: EngineSQL

    /// Applies `change` to the record's `mediaIDs` and writes the document back (a new version
    /// for persons and families). False when the base has no such record.
    func change(_ id: UUID, base: Int, on sql: any SQLDatabase, _ change: (inout [MediaID]) -> Void) async throws -> Bool {
        switch kind {
        case .person: return try await rewrite(Person.self, table: "persons", versioned: true, id, base: base, on: sql) { change(&$0.mediaIDs) }
        case .family: return try await rewrite(Family.self, table: "families", versioned: true, id, base: base, on: sql) { change(&$0.mediaIDs) }
        case .source: return try await rewrite(Source.self, table: "sources", versioned: false, id, base: base, on: sql) { change(&$0.mediaIDs) }
        }
    }

    private func rewrite<Record: Codable>(
        _ type: Record.Type, table: String, versioned: Bool, _ id: UUID, base: Int, on sql: any SQLDatabase, _ change: (inout Record) -> Void
    ) async throws -> Bool {
        guard
            let row = try await sql.raw(
                "SELECT CAST(document AS TEXT) AS document FROM \(ident: table) WHERE base_id = \(bind: base) AND id = \(bind: id)"
            ).first()
        else { return false }
        var record = try DocumentDecoder.document(Record.self, from: row)
        change(&record)
        let version: SQLQueryString = versioned ? ", version = version + 1" : ""
        try await sql.raw(
            "UPDATE \(ident: table) SET document = " + (try engineSQL.document(record)) + version + ", updated_at = " + engineSQL.now
                + " WHERE id = \(bind: id)"
        ).run()
        return true
    }
}
