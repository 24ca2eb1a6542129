import Foundation
import GenewebCore
import GenewebStore
import HTTPTypes
import Hummingbird

/// `/api/v1/media` (and `/api/v1/bases/{base}/media`): pictures and documents attached to
/// persons, families and sources. Editors upload (`multipart/form-data`), change and delete;
/// everyone who may read reads, except that a media attached to a person the caller may not see
/// (or to a family with such a parent) does not exist for them: 404, left out of lists.
struct MediaController {
    let media: MediaRepository
    let files: MediaFileStore
    let visibility: MediaVisibility
    let scope: BaseScope
    /// `GENEWEB_MEDIA_MAX_BYTES`.
    let maxBytes: Int

    /// Room for the form around the file (boundaries, part headers, title and ids).
    static let formAllowance = 64 * 1024
    static let uploadFields: Set<String> = ["file", "title", "person_id", "family_id", "source_id"]

    func addRoutes(to router: Router<AppRequestContext>, catalog: RouteCatalog) {
        for prefix in BaseScope.paths("/media") {
            router.route(.get, prefix, access: .publicRead, in: catalog, use: list)
            router.route(.post, prefix, access: .editor, in: catalog, use: upload)
            router.route(.get, "\(prefix)/:media_id", access: .publicRead, in: catalog, use: show)
            router.route(.patch, "\(prefix)/:media_id", access: .editor, in: catalog, use: patch)
            router.route(.delete, "\(prefix)/:media_id", access: .editor, in: catalog, use: delete)
            router.route(.get, "\(prefix)/:media_id/file", access: .publicRead, in: catalog, use: file)
        }
    }

    // MARK: Reads

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        var parameters = QueryParameters(request)
        let page = PageRequest(&parameters)
        try parameters.validate()
        let base = try await scope.resolve(request, context)
        let (items, total) = try await media.list(base: base.id, offset: page.offset, limit: page.limit)
        let hidden = try await hiddenMedia(items.map(\.media.id.uuid), base: base, context: context)
        // Hidden media stay counted in `total`, as private notes are: the count shows nobody.
        let visible = items.filter { !hidden.contains($0.media.id.uuid) }.map { payload($0, context: context) }
        return try JSONResponse.encode(PageResponse(items: visible, total: total, offset: page.offset, limit: page.limit))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let base = try await scope.resolve(request, context)
        let stored = try await findVisible(context, base: base)
        return try JSONResponse.encode(payload(stored, context: context), headers: EntityTag.header(version: stored.version))
    }

    /// The bytes, typed by what they are (never by what the uploader said), shown inline when a
    /// picture and downloaded when a PDF, cached by the caller's browser only and revalidated
    /// (the media's privacy can change with its persons').
    @Sendable func file(_ request: Request, context: AppRequestContext) async throws -> Response {
        let base = try await scope.resolve(request, context)
        let stored = try await findVisible(context, base: base)
        guard let file = stored.file else { throw APIError.notFound("This media has no stored file (an imported path only)") }
        var headers = HTTPFields()
        headers[.eTag] = "\"\(file.sha256)\""
        headers[.cacheControl] = "private, no-cache"
        headers[.xContentTypeOptions] = "nosniff"
        if request.headers[.ifNoneMatch]?.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == "\"\(file.sha256)\"" }) == true {
            return Response(status: .notModified, headers: headers)
        }
        guard files.contains(file.sha256) else {
            context.logger.error("media file missing from the media folder", metadata: ["media": "\(stored.media.id)", "sha256": "\(file.sha256)"])
            throw APIError.notFound("The file of this media is missing")
        }
        headers[.contentType] = file.type.mimeType
        headers[.contentDisposition] = ContentDisposition.value(
            inline: file.type.isImage, fileName: file.originalName ?? "\(file.sha256).\(file.type.fileExtension)")
        // Read from disk a chunk at a time, off the request's thread: a download holds no whole file.
        let body = try await FileIO().loadFile(path: try files.filePath(of: file.sha256), context: context)
        return Response(status: .ok, headers: headers, body: body)
    }

    // MARK: Writes

    @Sendable func upload(_ request: Request, context: AppRequestContext) async throws -> Response {
        let base = try await scope.resolve(request, context)
        guard let boundary = request.headers[.contentType].flatMap(MultipartFile.boundary(in:)) else {
            throw APIError(.unsupportedMediaType, detail: "Send the file as multipart/form-data, in a part named file")
        }
        let form = try MultipartForm(try await body(of: request), boundary: boundary)
        if let unknown = form.parts.map(\.name).first(where: { !Self.uploadFields.contains($0) }) {
            throw APIError.validation([FieldError(field: unknown, message: "is not a field of a media upload")])
        }
        guard let part = form.part("file"), !part.bytes.isEmpty else { throw APIError.validation([FieldError(field: "file", message: "is required")]) }
        let title = try form.text("title", limit: 500).flatMap { $0.isEmpty ? nil : $0 }
        var links: [MediaLink.Kind: [UUID]] = [:]
        for kind in MediaLink.Kind.allCases {
            guard let text = try form.text(kind.uploadField, limit: 64), !text.isEmpty else { continue }
            guard let id = UUID(uuidString: text.trimmingCharacters(in: .whitespaces)) else {
                throw APIError.validation([FieldError(field: kind.uploadField, message: "must be an id")])
            }
            links[kind] = [id]
        }
        let stored = try await keep(part.bytes, fileName: part.fileName, title: title, links: links, base: base, context: context)
        let record = stored.media
        var headers = EntityTag.header(version: stored.version)
        let path = request.uri.path.hasSuffix("/") ? String(request.uri.path.dropLast()) : request.uri.path
        headers[.location] = "\(path)/\(record.id.description)"
        return try JSONResponse.encode(payload(stored, context: context), status: .created, headers: headers)
    }

    /// Keeps an uploaded file (the API's upload and the site's form): its type from its bytes
    /// (415 otherwise), its content in the media folder, its record and links in one audited
    /// write; the content goes again when the write is refused.
    func keep(
        _ bytes: [UInt8], fileName: String?, title: String?, links: [MediaLink.Kind: [UUID]], base: ResolvedBase, context: AppRequestContext
    ) async throws -> StoredMedia {
        guard bytes.count <= maxBytes else { throw tooLarge }
        guard let type = MediaSniffer.type(of: bytes) else {
            throw APIError(.unsupportedMediaType, detail: "Only JPEG, PNG, WebP, GIF and PDF files are kept, recognised by their content")
        }
        let sha = try files.store(bytes)
        let name = Self.fileName(fileName) ?? "\(sha).\(type.fileExtension)"
        let record = Media(file: name, format: type.gedcomForm, title: title)
        do {
            return try await media.insert(
                record, file: MediaFile(sha256: sha, byteSize: bytes.count, type: type, originalName: name),
                createdBy: context.identity?.username, links: links, base: base.id,
                audit: entry("create", id: record.id.uuid, base: base.name, context: context, details: ["type": type.mimeType, "sha256": sha]))
        } catch {
            try await removeUnused(sha)
            throw Self.linkError(error)
        }
    }

    @Sendable func patch(_ request: Request, context: AppRequestContext) async throws -> Response {
        let base = try await scope.resolve(request, context)
        let expected = try EntityTag.expectedVersion(request)
        let change = try MediaChange(try await RequestBody.object(from: request, context: context))
        let id = try mediaID(context)
        do {
            let updated = try await media.update(
                id, base: base.id, expectedVersion: expected, title: change.title, links: change.links,
                audit: entry("update", id: id, base: base.name, context: context))
            return try JSONResponse.encode(payload(updated, context: context), headers: EntityTag.header(version: updated.version))
        } catch {
            throw Self.linkError(error)
        }
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let base = try await scope.resolve(request, context)
        let expected = try EntityTag.expectedVersion(request)
        let id = try mediaID(context)
        let removed = try await media.delete(id, base: base.id, expectedVersion: expected, audit: entry("delete", id: id, base: base.name, context: context))
        if let sha = removed.file?.sha256 { try await removeUnused(sha) }
        return Response(status: .noContent)
    }

    // MARK: Helpers

    /// The body, read up to the limit and no further.
    func body(of request: Request) async throws -> [UInt8] {
        do {
            return Array(buffer: try await request.body.collect(upTo: maxBytes + Self.formAllowance))
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw tooLarge
        }
    }

    private var tooLarge: APIError {
        APIError(.contentTooLarge, detail: "The file is over the media limit of \(maxBytes) bytes (GENEWEB_MEDIA_MAX_BYTES)")
    }

    /// The content's file goes with the last media naming it (the same bytes are stored once).
    private func removeUnused(_ sha: String) async throws {
        if try await !media.isContentUsed(sha) { try files.remove(sha) }
    }

    private static func linkError(_ error: any Error) -> any Error {
        guard case .unknownRecord(let kind, _) = error as? MediaLinkError else { return error }
        return APIError.validation([FieldError(field: kind.uploadField, message: "no \(kind.rawValue) of this base has this id")])
    }

    /// The last component of the name the client gave (some browsers send a whole path), kept
    /// short and without control characters (it becomes a GEDCOM `FILE` line and a header value).
    static func fileName(_ given: String?) -> String? {
        guard let given else { return nil }
        let last = given.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let printable = String(String.UnicodeScalarView(last.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }))
        let trimmed = String(printable.trimmingCharacters(in: .whitespaces).prefix(255))
        return trimmed.isEmpty ? nil : trimmed
    }

    private func mediaID(_ context: AppRequestContext) throws -> UUID {
        guard let id = UUID(uuidString: try context.parameters.require("media_id")) else { throw APIError.notFound("Media not found") }
        return id
    }

    /// The media, or 404 when the base has none with this id or the caller may not see it.
    private func findVisible(_ context: AppRequestContext, base: ResolvedBase) async throws -> StoredMedia {
        guard let stored = try await media.find(try mediaID(context), base: base.id),
            try await hiddenMedia([stored.media.id.uuid], base: base, context: context).isEmpty
        else { throw APIError.notFound("Media not found") }
        return stored
    }

    private func hiddenMedia(_ ids: [UUID], base: ResolvedBase, context: AppRequestContext) async throws -> Set<UUID> {
        if PrivacyPolicy(role: context.role, base: base).seesEverything || ids.isEmpty { return [] }
        return try await visibility.hiddenMedia(among: ids, base: base.id)
    }

    private func payload(_ stored: StoredMedia, context: AppRequestContext) -> MediaPayload {
        MediaPayload(stored, showingUploader: (context.role ?? .viewer) >= .editor)
    }

    private func entry(_ verb: String, id: UUID, base: String, context: AppRequestContext, details: [String: String] = [:]) -> AuditEntry {
        context.auditEntry("media.\(verb)", entityType: "media", entityID: id.uuidString.lowercased(), base: base, details: details)
    }
}

/// `Content-Disposition` with a file name any browser reads: an ASCII fallback and the UTF-8
/// name (RFC 6266, RFC 5987), neither able to break out of the header.
enum ContentDisposition {
    static func value(inline: Bool, fileName: String) -> String {
        let ascii = String(
            fileName.unicodeScalars.map { scalar -> Character in
                (32..<127).contains(scalar.value) && scalar != "\"" && scalar != "\\" && scalar != ";" ? Character(scalar) : "_"
            })
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        let encoded = fileName.addingPercentEncoding(withAllowedCharacters: allowed) ?? ascii
        return "\(inline ? "inline" : "attachment"); filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }
}
