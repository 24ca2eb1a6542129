import Foundation
import GenewebCore
import GenewebStore

/// A media as the API shows it: the record (title, the path or name of its file, its GEDCOM
/// `FORM`), what is known of its stored file, and the records it is attached to.
struct MediaPayload: Encodable {
    let id: String
    let mediaID: String
    let title: String?
    /// The file's path (an imported `OBJE`) or the name it was uploaded with.
    let file: String
    let format: String?
    /// Whether the bytes are kept here (`GET .../file` serves them).
    let hasFile: Bool
    let mimeType: String?
    let byteSize: Int?
    let sha256: String?
    let personIDs: [String]
    let familyIDs: [String]
    let sourceIDs: [String]
    /// The uploader's username, for editors and admins only.
    let createdBy: String?
    let version: Int
    let createdAt: String
    let updatedAt: String

    enum CodingKeys: String, CodingKey {
        case id, title, file, format, sha256, version
        case mediaID = "media_id"
        case hasFile = "has_file"
        case mimeType = "mime_type"
        case byteSize = "byte_size"
        case personIDs = "person_ids"
        case familyIDs = "family_ids"
        case sourceIDs = "source_ids"
        case createdBy = "created_by"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    init(_ stored: StoredMedia, showingUploader: Bool) {
        let media = stored.media
        func ids(_ kind: MediaLink.Kind) -> [String] { stored.links.filter { $0.kind == kind }.map { $0.recordID.uuidString.lowercased() } }
        id = media.id.description
        mediaID = media.id.description
        title = media.title
        file = media.file
        format = media.format
        hasFile = stored.file != nil
        mimeType = stored.file?.type.mimeType
        byteSize = stored.file?.byteSize
        sha256 = stored.file?.sha256
        personIDs = ids(.person)
        familyIDs = ids(.family)
        sourceIDs = ids(.source)
        createdBy = showingUploader ? stored.createdBy : nil
        version = stored.version
        createdAt = stored.createdAt
        updatedAt = stored.updatedAt
    }
}

/// The fields of `PATCH /media/{id}`: a new title (or null), and for each kind of record given,
/// the whole list of records of that kind the media is attached to.
struct MediaChange {
    static let maximumLinks = 100
    static let linkFields: [(field: String, kind: MediaLink.Kind)] = [("person_ids", .person), ("family_ids", .family), ("source_ids", .source)]

    var title: String??
    var links: [MediaLink.Kind: [UUID]] = [:]

    /// 422 naming each field that is unknown or wrong.
    init(_ object: [String: Any]) throws {
        var errors: [FieldError] = []
        unknownFields(object, known: Set(["title"] + Self.linkFields.map(\.field)), entity: "media", errors: &errors)
        title = optionalText(object, "title", limit: 500, errors: &errors)
        for (field, kind) in Self.linkFields {
            guard let value = object[field] else { continue }
            guard let list = value as? [String], list.count <= Self.maximumLinks else {
                errors.append(FieldError(field: field, message: "must be a list of at most \(Self.maximumLinks) ids"))
                continue
            }
            let ids = list.compactMap(UUID.init(uuidString:))
            guard ids.count == list.count else {
                errors.append(FieldError(field: field, message: "must hold ids only"))
                continue
            }
            links[kind] = ids
        }
        guard errors.isEmpty else { throw APIError.validation(errors) }
    }
}

extension MediaLink.Kind {
    /// The form field (upload) that attaches a media to a record of this kind.
    var uploadField: String { "\(rawValue)_id" }
}
