import Foundation
import GenewebCore
import GenewebFormats
import SQLKit

/// What an import adds to its media rows, in its transaction: the links of `media_links` (from
/// the records' `OBJE` links, so the privacy of imported media is decided like that of uploads)
/// and, for an archive, the files its media name.
enum MediaImport {
    static func complete(
        _ document: GedcomDocument, personLinks: [MediaLink], files: [String: MediaFile], base: Int, on sql: any SQLDatabase
    ) async throws {
        guard !document.media.isEmpty else { return }
        let known = Set(document.media.map(\.id.uuid))
        var links = personLinks
        for family in document.families {
            links += family.mediaIDs.map { MediaLink(mediaID: $0.uuid, kind: .family, recordID: family.id.uuid) }
        }
        for source in document.sources {
            links += source.mediaIDs.map { MediaLink(mediaID: $0.uuid, kind: .source, recordID: source.id.uuid) }
        }
        // A link to a media the file does not define links to nothing.
        try await MediaLinkRows.insert(links.filter { known.contains($0.mediaID) }, base: base, on: sql)
        for media in document.media {
            guard let file = files[media.file] else { continue }
            try await sql.raw(
                """
                UPDATE media SET content_sha256 = \(bind: file.sha256), byte_size = \(bind: file.byteSize),
                mime_type = \(bind: file.type.mimeType), original_name = \(bind: file.originalName)
                WHERE base_id = \(bind: base) AND id = \(bind: media.id.uuid)
                """
            ).run()
        }
    }
}
