import Foundation
import SQLKit

/// A media attached to a person, a family or a source of its base (a row of `media_links`).
public struct MediaLink: Hashable, Sendable {
    /// The kinds of record a media is attached to.
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case person, family, source
    }

    public var mediaID: UUID
    public var kind: Kind
    public var recordID: UUID

    public init(mediaID: UUID, kind: Kind, recordID: UUID) {
        self.mediaID = mediaID
        self.kind = kind
        self.recordID = recordID
    }
}

/// Writes and reads `media_links` rows, inside the caller's transaction.
enum MediaLinkRows {
    /// Inserts the links; a link already there is kept as it is.
    /// Several hundred rows a statement: an import may bring thousands of `OBJE` links.
    static func insert(_ links: [MediaLink], base: Int, on sql: any SQLDatabase) async throws {
        let unique = Array(Set(links))
        for start in stride(from: 0, to: unique.count, by: 200) {
            var query: SQLQueryString = "INSERT INTO media_links (media_id, base_id, record_kind, record_id) VALUES "
            for (index, link) in unique[start..<min(start + 200, unique.count)].enumerated() {
                query += (index == 0 ? "" : ", ") + "(\(bind: link.mediaID), \(bind: base), \(bind: link.kind.rawValue), \(bind: link.recordID))"
            }
            try await sql.raw(query + " ON CONFLICT DO NOTHING").run()
        }
    }

    /// Forgets the links to a record that is deleted: a media keeps no link to nothing.
    static func forget(_ kind: MediaLink.Kind, record: UUID, on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM media_links WHERE record_kind = \(bind: kind.rawValue) AND record_id = \(bind: record)").run()
    }

    /// Gives the person `kept` the links of the person `removed` (a merge of two records).
    static func move(person removed: UUID, to kept: UUID, base: Int, on sql: any SQLDatabase) async throws {
        let media = try await sql.raw("SELECT media_id FROM media_links WHERE record_kind = 'person' AND record_id = \(bind: removed)").all()
            .map { try $0.decode(column: "media_id", as: UUID.self) }
        try await insert(media.map { MediaLink(mediaID: $0, kind: .person, recordID: kept) }, base: base, on: sql)
        try await forget(.person, record: removed, on: sql)
    }

    /// The links of the media `ids` (of every media of the base when nil), in a stable order.
    static func links(of ids: [UUID]?, base: Int, on sql: any SQLDatabase) async throws -> [MediaLink] {
        var query: SQLQueryString = "SELECT media_id, record_kind, record_id FROM media_links WHERE base_id = \(bind: base)"
        if let ids {
            guard !ids.isEmpty else { return [] }
            query += " AND media_id IN ("
            for (index, id) in ids.enumerated() { query += index == 0 ? "\(bind: id)" : ", \(bind: id)" }
            query += ")"
        }
        return try await sql.raw(query + " ORDER BY media_id, record_kind, record_id").all().compactMap { row in
            guard let kind = MediaLink.Kind(rawValue: try row.decode(column: "record_kind", as: String.self)) else { return nil }
            return MediaLink(
                mediaID: try row.decode(column: "media_id", as: UUID.self), kind: kind, recordID: try row.decode(column: "record_id", as: UUID.self))
        }
    }
}
