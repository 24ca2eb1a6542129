import Foundation
import GenewebCore
import GenewebFormats
import GenewebStore
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import Metrics

/// `POST /api/v1/bases/{base}/import` (admins; raw body or multipart upload, GEDCOM, `.gw`, or a
/// zip archive of a GEDCOM file and its media files) and `GET /api/v1/bases/{base}/export`
/// (GEDCOM 5.5.1, 7, `.gw`, or zip with the media files; living persons redacted for everyone but
/// admins, and the media showing them left out). Without `/bases/{base}` they work on the active base.
///
/// Neither may exhaust the server: exports stream a page at a time, imports stop (and roll
/// back) when their client goes away, and `TransferAdmission` bounds how many of each run at once.
struct ImportExportController {
    let database: Database
    let scope: BaseScope
    let audit: AuditRepository
    let maxBytes: Int
    /// Where the media files of `zip` archives are read from and restored to.
    let mediaFiles: MediaFileStore
    let admission: TransferAdmission
    /// Whether `Fly-Client-IP` / `X-Forwarded-For` name the client (as for the rate limit).
    let behindFly: Bool
    /// Reads each upload in a child process first, when the server runs as `geneweb serve`.
    let readCheck: UploadReadCheck?

    func addRoutes(to router: Router<AppRequestContext>, catalog: RouteCatalog) {
        for prefix in BaseScope.paths("") {
            router.route(.post, "\(prefix)/import", access: .admin, in: catalog, use: importFile)
            router.route(.get, "\(prefix)/export", access: .publicRead, in: catalog, use: export)
        }
    }

    // MARK: Import

    @Sendable func importFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        var parameters = QueryParameters(request)
        let formatChoice = parameters.choice(TransferQuery.importFormat)
        let format = formatChoice.flatMap(GenealogyFile.Format.init(rawValue:)) ?? .auto
        let replace = parameters.boolean(TransferQuery.replace) ?? false
        let namedFile = parameters.text(TransferQuery.filename)
        try parameters.validate()
        var nameText = context.parameters.get("base")
        if nameText == nil { nameText = try await scope.bases.defaultName(configured: scope.defaultBase) }
        let base = try DatabaseController.baseName(nameText ?? "default", field: "base")
        // Admitted before the body is read: a refused upload costs nothing.
        let pass = try admission.admitImport()
        defer { pass.release() }
        do {
            // A client that goes away (closed connection) cancels the import: the reader and the
            // writer stop at their next batch and the transaction rolls back, nothing written.
            return try await request.body.consumeWithCancellationOnInboundClose { body in
                let (bytes, fileName) = try await upload(body, headers: request.headers, fileName: namedFile)
                let report = try await importBody(bytes, fileName: fileName, format: format, zip: formatChoice == "zip", into: base, replace: replace)
                try await recordImport(
                    report, replace: replace, fileName: fileName, audit: context.auditEntry("base.import", entityType: "base", entityID: nil, base: nil))
                return try JSONResponse.encode(ImportReportPayload(report), status: .created)
            }
        } catch is CancellationError {
            Counter(label: "geneweb_imports_total", dimensions: [("result", "cancelled"), ("format", format.rawValue)]).increment()
            context.logger.notice("import into \(base) cancelled: the client went away; nothing was written")
            // Nobody reads this answer; its status keeps the access log and metrics honest.
            throw APIError.badRequest("The client closed the connection before the import ended; nothing was written")
        }
    }

    /// The uploaded file: the raw body, or the first file part of a multipart body.
    private func upload(_ body: HummingbirdCore.RequestBody, headers: HTTPFields, fileName: String?) async throws -> ([UInt8], String?) {
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: maxBytes)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw APIError(.contentTooLarge, detail: "The file is over the import limit of \(maxBytes) bytes (GENEWEB_IMPORT_MAX_BYTES)")
        }
        let bytes = Array(buffer: buffer)
        guard let boundary = headers[.contentType].flatMap(MultipartFile.boundary(in:)) else { return (bytes, fileName) }
        guard let file = try MultipartFile.firstFile(in: bytes, boundary: boundary) else {
            throw APIError.validation([FieldError(field: "file", message: "the multipart body has no file part")])
        }
        return (file.bytes, file.fileName ?? fileName)
    }

    /// After an import: the caches forget the base, and the audit log says who imported what
    /// (`entry` carries who and from where; the base and figures are added here).
    func recordImport(_ report: ImportReport, replace: Bool, fileName: String?, audit entry: AuditEntry) async throws {
        scope.cache.invalidate()
        var entry = entry
        entry.occurredAt = Int64(Date().timeIntervalSince1970)
        entry.entityID = report.base
        entry.base = report.base
        entry.details.merge(
            [
                "format": report.format, "persons": String(report.persons), "families": String(report.families), "replace": String(replace),
                "file": String((fileName ?? "").prefix(200)),
            ]
        ) { $1 }
        try await audit.record(entry)
    }

    /// A genealogy file, or a zip archive of one with its media (`zip`, or recognised by its
    /// first bytes); a replaced base's media files go when no media names them any more.
    /// `progress` hears of each batch written (the administration pages' progress bar).
    func importBody(
        _ bytes: [UInt8], fileName: String?, format: GenealogyFile.Format, zip: Bool, into base: BaseName, replace: Bool,
        progress: (@Sendable (ImportProgress) -> Void)? = nil
    ) async throws -> ImportReport {
        let isArchive = zip || (format == .auto && ZipReader.looksLikeZip(bytes))
        // A replaced base's media go with its records; their files with the last media naming them.
        let replacedFiles = replace ? try await MediaRepository(database: database).contentNames(inBase: base) : []
        let report =
            try await isArchive
            ? importArchive(bytes, into: base, replace: replace, progress: progress)
            : importUpload(bytes, fileName: fileName, format: format, into: base, replace: replace, progress: progress)
        try await removeUnusedFiles(replacedFiles)
        return report
    }

    /// A zip archive (`MediaArchive`): its media files are kept first (by content, so a retry
    /// finds them there), then its genealogy file is imported with them; afterwards, failed or
    /// not, the files no media names (an archive's files no `OBJE` points to) are taken back.
    private func importArchive(
        _ bytes: [UInt8], into base: BaseName, replace: Bool, progress: (@Sendable (ImportProgress) -> Void)?
    ) async throws -> ImportReport {
        let archive = MediaArchive(database: database, files: mediaFiles)
        let unpacked: MediaArchive.Unpacked
        do {
            unpacked = try archive.unpack(bytes)
        } catch let error as ZipError {
            throw APIError.validation([FieldError(field: "file", message: error.description)])
        } catch let error as MediaArchiveError {
            throw APIError.validation([FieldError(field: "file", message: error.description)])
        }
        let report: ImportReport
        do {
            report = try await importUpload(
                unpacked.genealogy, fileName: unpacked.genealogyName, format: .auto, into: base, replace: replace, mediaFiles: unpacked.mediaFiles,
                progress: progress)
        } catch {
            try? await archive.discard(unpacked)
            throw error
        }
        try? await archive.discard(unpacked)
        return report
    }

    private func removeUnusedFiles(_ names: [String]) async throws {
        let media = MediaRepository(database: database)
        for name in names where try await !media.isContentUsed(name) { try mediaFiles.remove(name) }
    }

    /// Reads and writes the file; every refusal is a 4xx naming what is wrong.
    private func importUpload(
        _ bytes: [UInt8], fileName: String?, format: GenealogyFile.Format, into base: BaseName, replace: Bool,
        mediaFiles: [String: MediaFile] = [:], progress: (@Sendable (ImportProgress) -> Void)? = nil
    ) async throws -> ImportReport {
        try await readCheck?.check(bytes, fileName: fileName, format: format)
        let opened: OpenedGenealogyFile
        do {
            opened = try GenealogyFile.open(bytes, fileName: fileName, format: format)
        } catch let error as GedcomFileError {
            throw APIError.validation([FieldError(field: "file", message: error.description)])
        } catch let error as GenewebFileError {
            throw APIError.validation([FieldError(field: "file", message: error.description)])
        }
        let formatName = opened.formatName
        do {
            let report = try await GenealogyImporter(database: database).importFile(
                opened, into: base, replace: replace, mediaFiles: mediaFiles, progress: progress)
            Counter(label: "geneweb_imports_total", dimensions: [("result", "success"), ("format", formatName)]).increment()
            Metrics.Timer(label: "geneweb_import_duration_seconds").recordSeconds(report.elapsedSeconds)
            Counter(label: "geneweb_imported_records_total").increment(by: report.persons + report.families)
            return report
        } catch let error as ImportError {
            Counter(label: "geneweb_imports_total", dimensions: [("result", "refused"), ("format", formatName)]).increment()
            switch error {
            case .baseNotEmpty: throw APIError.conflict(error.description.replacingOccurrences(of: "--replace", with: "?replace=true"))
            case .tooLarge: throw APIError(.contentTooLarge, detail: error.description)
            case .unreadable, .rejected: throw APIError.validation([FieldError(field: "file", message: error.description)])
            }
        }
    }

    // MARK: Export

    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        var parameters = QueryParameters(request)
        let format = parameters.choice(TransferQuery.exportFormat).flatMap(TransferQuery.ExportFormat.init(rawValue:)) ?? .gedcom551
        try parameters.validate()
        let base = try await scope.resolve(request, context)
        let client = RateLimitMiddleware.clientAddress(request, context: context, behindFly: behindFly)
        // Held until the body is written (or the response dropped): see `TransferPass`.
        let pass = try admission.admitExport(client: client, wholeBase: format == .gw)
        let exporter = GenealogyExporter(database: database)
        let baseName = try BaseName(base.name)
        let audience: GenealogyExporter.Audience = context.role == .admin ? .everything : .publicTree(LivingRule())
        var headers = HTTPFields()
        headers[.contentType] =
            switch format {
            case .gw: "text/plain; charset=utf-8"
            case .zip: "application/zip"
            case .gedcom551, .gedcom7: "text/vnd.familysearch.gedcom; charset=utf-8"
            }
        let fileExtension = format == .gw ? "gw" : format == .zip ? "zip" : "ged"
        headers[.contentDisposition] = "attachment; filename=\"\(base.name).\(fileExtension)\""
        headers[.cacheControl] = "no-store"
        let body: ResponseBody
        if format == .gw {
            guard let document = try await exporter.load(baseName) else { throw APIError.notFound("Base \(base.name) not found") }
            body = Self.gwBody(document, audience: audience, pass: pass)
        } else if format == .zip {
            guard var export = try await exporter.open(baseName) else { throw APIError.notFound("Base \(base.name) not found") }
            let archive = MediaArchive(database: database, files: mediaFiles)
            let packed = try await archive.prepare(&export, audience: audience)
            body = Self.zipBody(export, files: packed, archive: archive, exporter: exporter, name: base.name, audience: audience, pass: pass)
        } else {
            guard let export = try await exporter.open(baseName) else { throw APIError.notFound("Base \(base.name) not found") }
            body = ResponseBody { writer in
                defer { pass.release() }
                var chunks = ChunkBuffer()
                try await exporter.writeGedcom(export, version: format == .gedcom7 ? .v7 : .v551, audience: audience) { piece in
                    if let chunk = chunks.add(piece) { try await writer.write(chunk) }
                }
                if let last = chunks.rest() { try await writer.write(last) }
                try await writer.finish(nil)
            }
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    /// The GEDCOM 5.5.1 file streamed into the archive as it is written, then each media file.
    private static func zipBody(
        _ export: GenealogyExporter.Export, files: [MediaArchive.PackedFile], archive: MediaArchive, exporter: GenealogyExporter, name: String,
        audience: GenealogyExporter.Audience, pass: TransferPass
    ) -> ResponseBody {
        ResponseBody { writer in
            defer { pass.release() }
            var zip = ZipWriter()
            try await writer.write(ByteBuffer(bytes: try zip.beginEntry(named: "\(name).ged")))
            var chunks = ChunkBuffer()
            try await exporter.writeGedcom(export, version: .v551, audience: audience) { piece in
                try zip.append(piece.utf8)
                if let chunk = chunks.add(piece) { try await writer.write(chunk) }
            }
            if let last = chunks.rest() { try await writer.write(last) }
            try await writer.write(ByteBuffer(bytes: try zip.endEntry()))
            for file in files {
                try Task.checkCancellation()
                // `prepare` packs only files the folder has; one removed since is left out.
                guard let bytes = try archive.contents(of: file) else { continue }
                try await writer.write(ByteBuffer(bytes: try zip.entry(named: file.path, bytes: bytes)))
            }
            try await writer.write(ByteBuffer(bytes: try zip.finish()))
            try await writer.finish(nil)
        }
    }

    /// A `.gw` file is written from the whole base (its blocks refer back and forth): the public
    /// tree is redacted whole, then the text is sent in chunks. `TransferAdmission` bounds how
    /// many run at once (`GENEWEB_EXPORT_MAX_CONCURRENT_GW`).
    private static func gwBody(_ document: GedcomDocument, audience: GenealogyExporter.Audience, pass: TransferPass) -> ResponseBody {
        var exported = document
        if case .publicTree(let rule) = audience {
            let tree = PublicTree.redact(persons: document.persons, families: document.families, rule: rule)
            exported.persons = tree.persons
            exported.families = tree.families
            exported.notes = PublicTree.publicNotes(document.notes)
        }
        let text = GenewebWriter.write(exported).text
        return ResponseBody { writer in
            defer { pass.release() }
            var chunks = ChunkBuffer()
            if let chunk = chunks.add(text) { try await writer.write(chunk) }
            if let last = chunks.rest() { try await writer.write(last) }
            try await writer.finish(nil)
        }
    }
}

/// Text pieces gathered into chunks of about 64 KB for a streamed response.
struct ChunkBuffer {
    static let size = 64 * 1024
    private var buffer = ByteBuffer()

    /// Adds `piece`; returns a chunk to send when one is full.
    mutating func add(_ piece: String) -> ByteBuffer? {
        buffer.writeString(piece)
        guard buffer.readableBytes >= Self.size else { return nil }
        defer { buffer = ByteBuffer() }
        return buffer
    }

    /// What is left, if anything.
    mutating func rest() -> ByteBuffer? {
        guard buffer.readableBytes > 0 else { return nil }
        defer { buffer = ByteBuffer() }
        return buffer
    }
}
