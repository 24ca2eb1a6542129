import Foundation
import GenewebCore
import GenewebFormats
import GenewebStore
import HTTPTypes
import Hummingbird
import Metrics

/// `POST /api/v1/bases/{base}/import` (admins; raw body or multipart upload, GEDCOM or `.gw`) and
/// `GET /api/v1/bases/{base}/export` (GEDCOM 5.5.1, 7 or `.gw`; living persons redacted for
/// everyone but admins). Without `/bases/{base}` they work on the active base.
struct ImportExportController {
    let database: Database
    let scope: BaseScope
    let audit: AuditRepository
    let maxBytes: Int

    func addRoutes(to router: Router<AppRequestContext>, catalog: RouteCatalog) {
        for prefix in BaseScope.paths("") {
            router.route(.post, "\(prefix)/import", access: .admin, in: catalog, use: importFile)
            router.route(.get, "\(prefix)/export", access: .publicRead, in: catalog, use: export)
        }
    }

    struct ReportPayload: Encodable {
        let base: String
        let format: String
        let persons, families, sources, repositories, notes, media: Int
        let warnings: [String]
        let elapsedSeconds: Double

        init(_ report: ImportReport) {
            base = report.base
            format = report.format
            persons = report.persons
            families = report.families
            sources = report.sources
            repositories = report.repositories
            notes = report.notes
            media = report.media
            warnings = report.warnings
            elapsedSeconds = report.elapsedSeconds
        }

        enum CodingKeys: String, CodingKey {
            case base, format, persons, families, sources, repositories, notes, media, warnings
            case elapsedSeconds = "elapsed_seconds"
        }
    }

    @Sendable func importFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        var nameText = context.parameters.get("base")
        if nameText == nil { nameText = try await scope.bases.defaultName(configured: scope.defaultBase) }
        let base = try DatabaseController.baseName(nameText ?? "default", field: "base")
        guard let format = GenealogyFile.Format(rawValue: query["format"].map(String.init) ?? "auto") else {
            throw APIError.validation([FieldError(field: "format", message: "must be auto, gedcom or gw")])
        }
        let replace = query["replace"].map { ["true", "1", "yes"].contains($0.lowercased()) } ?? false
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maxBytes)
        } catch {
            throw APIError(.contentTooLarge, detail: "The file is over the import limit of \(maxBytes) bytes (GENEWEB_IMPORT_MAX_BYTES)")
        }
        var bytes = Array(buffer: buffer)
        var fileName = query["filename"].map(String.init)
        if let boundary = request.headers[.contentType].flatMap(MultipartFile.boundary(in:)) {
            guard let file = try MultipartFile.firstFile(in: bytes, boundary: boundary) else {
                throw APIError.validation([FieldError(field: "file", message: "the multipart body has no file part")])
            }
            bytes = file.bytes
            fileName = file.fileName ?? fileName
        }
        let opened: OpenedGenealogyFile
        do {
            opened = try GenealogyFile.open(bytes, fileName: fileName, format: format)
        } catch let error as GedcomFileError {
            throw APIError.validation([FieldError(field: "file", message: error.description)])
        } catch let error as GenewebFileError {
            throw APIError.validation([FieldError(field: "file", message: error.description)])
        }
        let formatName = opened.formatName
        let report: ImportReport
        do {
            report = try await GenealogyImporter(database: database).importFile(opened, into: base, replace: replace)
            Counter(label: "geneweb_imports_total", dimensions: [("result", "success"), ("format", formatName)]).increment()
            Metrics.Timer(label: "geneweb_import_duration_seconds").recordSeconds(report.elapsedSeconds)
            Counter(label: "geneweb_imported_records_total").increment(by: report.persons + report.families)
        } catch let error as ImportError {
            Counter(label: "geneweb_imports_total", dimensions: [("result", "refused"), ("format", formatName)]).increment()
            switch error {
            case .baseNotEmpty: throw APIError.conflict(error.description.replacingOccurrences(of: "--replace", with: "?replace=true"))
            case .tooLarge: throw APIError(.contentTooLarge, detail: error.description)
            case .unreadable: throw APIError.validation([FieldError(field: "file", message: error.description)])
            }
        }
        scope.cache.invalidate()
        try await audit.record(context.auditEntry(
            "base.import", entityType: "base", entityID: base.rawValue, base: base.rawValue, details: [
                "format": formatName, "persons": String(report.persons), "families": String(report.families),
                "replace": String(replace), "file": String((fileName ?? "").prefix(200)),
            ]
        ))
        return try JSONResponse.encode(ReportPayload(report), status: .created)
    }

    enum ExportFormat: String {
        case gedcom551, gedcom7, gw
    }

    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let format = ExportFormat(rawValue: request.uri.queryParameters["format"].map(String.init) ?? "gedcom551") else {
            throw APIError.validation([FieldError(field: "format", message: "must be gedcom551, gedcom7 or gw")])
        }
        let base = try await scope.resolve(request, context)
        let exporter = GenealogyExporter(database: database)
        let baseName = try BaseName(base.name)
        var headers = HTTPFields()
        headers[.contentType] = format == .gw ? "text/plain; charset=utf-8" : "text/vnd.familysearch.gedcom; charset=utf-8"
        let fileExtension = format == .gw ? "gw" : "ged"
        headers[.contentDisposition] = "attachment; filename=\"\(base.name).\(fileExtension)\""
        headers[.cacheControl] = "no-store"
        if context.role == .admin, format != .gw {
            // Nothing to redact: persons are read a page at a time while the file is sent.
            guard let export = try await exporter.open(baseName) else { throw APIError.notFound("Base \(base.name) not found") }
            let body = ResponseBody { writer in
                var chunks = ChunkBuffer()
                try await exporter.writeGedcom(export, version: format == .gedcom7 ? .v7 : .v551) { piece in
                    if let chunk = chunks.add(piece) { try await writer.write(chunk) }
                }
                if let last = chunks.rest() { try await writer.write(last) }
                try await writer.finish(nil)
            }
            return Response(status: .ok, headers: headers, body: body)
        }
        // Others see the public tree, whose redaction needs every person (the living evidence of
        // parents comes from their children): the base is read whole, the file still sent as written.
        guard var document = try await exporter.load(baseName) else {
            throw APIError.notFound("Base \(base.name) not found")
        }
        if context.role != .admin {
            let redacted = PublicTree.redact(persons: document.persons, families: document.families)
            document.persons = redacted.persons
            document.families = redacted.families
            headers[HTTPField.Name("X-Geneweb-Redacted-Persons")!] = String(redacted.redacted)
        }
        let exported = document
        let body = ResponseBody { writer in
            // GEDCOM records are written as the response sends them: the file's text is never
            // whole in memory. A .gw file is written whole (its blocks refer back and forth).
            let pieces = format == .gw
                ? AnySequence([GenewebWriter.write(exported).text])
                : GedcomWriter(document: exported, version: format == .gedcom7 ? .v7 : .v551).pieces()
            var chunks = ChunkBuffer()
            for piece in pieces {
                if let chunk = chunks.add(piece) { try await writer.write(chunk) }
            }
            if let last = chunks.rest() { try await writer.write(last) }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
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
