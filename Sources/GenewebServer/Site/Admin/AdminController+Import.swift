import Foundation
import GenewebFormats
import GenewebSite
import GenewebStore
import Hummingbird

/// Importing from the administration pages: `/admin/import` takes a GEDCOM or `.gw` file for a
/// base (created when new; replaced only when asked), starts the import in the background and
/// sends the browser to `/admin/imports/{id}`, which follows it — records written out of the
/// total and the warnings as the reader finds them, reloading itself every second without script —
/// then shows the report, or why nothing was written. The import itself is the JSON API's
/// (`ImportExportController`): same limits, same checks, one transaction, the same audit line.
extension AdminController {
    static let importFormats: [(String, String)] = [
        ("auto", "admin.format_auto"), ("gedcom", "GEDCOM"), ("gw", "GeneWeb .gw"), ("zip", "admin.format_zip"),
    ]

    @Sendable func importForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let site = SiteRequest(request, context: context, forms: accounts.formTokens, hasForms: true)
        let base = request.uri.queryParameters.get("base") ?? ""
        return importPage(site, base: String(base.prefix(64)), format: "auto", replace: false, notice: nil)
    }

    @Sendable func startImport(_ request: Request, context: AppRequestContext) async throws -> Response {
        let site = SiteRequest(request, context: context, forms: accounts.formTokens, hasForms: true)
        let messages = site.messages
        // Admitted before the body is read, as the API's import is: a refused upload costs nothing.
        let pass = try transfers.admission.admitImport()
        var released = false
        defer { if !released { pass.release() } }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: transfers.maxBytes)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw APIError(.contentTooLarge, detail: "The file is over the import limit of \(transfers.maxBytes) bytes (GENEWEB_IMPORT_MAX_BYTES)")
        }
        let body = Array(buffer: buffer)
        guard let boundary = request.headers[.contentType].flatMap(MultipartFile.boundary(in:)) else {
            throw APIError.badRequest("The import form is sent as multipart/form-data")
        }
        let form = try MultipartForm(body, boundary: boundary)
        try site.requireFormToken(try form.text("csrf", limit: 200), forms: accounts.formTokens)
        let format = try form.text("format", limit: 20).flatMap { name in Self.importFormats.contains { $0.0 == name } ? name : nil } ?? "auto"
        let replace = try form.text("replace", limit: 10) == "on"
        let baseText = (try form.text("base", limit: 200) ?? "").trimmingCharacters(in: .whitespaces)
        func again(_ notice: String) -> Response {
            importPage(site, base: String(baseText.prefix(64)), format: format, replace: replace, notice: notice, status: .unprocessableContent)
        }
        guard let base = try? BaseName(baseText) else { return again(messages["admin.bad_base_name"]) }
        guard let file = form.parts.first(where: { $0.fileName != nil }) ?? form.part("file"), !file.bytes.isEmpty else {
            return again(messages["admin.import_no_file"])
        }
        let fileName = file.fileName.map { String($0.prefix(200)) }
        let id = imports.start(base: base.rawValue, fileName: fileName ?? "", startedBy: context.identity?.username ?? "")
        let audit = context.auditEntry("base.import", entityType: "base", entityID: nil, base: nil, details: ["via": "site"])
        let (transfers, imports, logger) = (self.transfers, self.imports, context.logger)
        released = true
        // Not the request's task: the import goes on when the browser leaves the page.
        Task.detached {
            defer { pass.release() }
            do {
                let report = try await transfers.importBody(
                    file.bytes, fileName: fileName, format: GenealogyFile.Format(rawValue: format) ?? .auto, zip: format == "zip", into: base,
                    replace: replace
                ) { progress in imports.progress(id, progress) }
                try await transfers.recordImport(report, replace: replace, fileName: fileName, audit: audit)
                imports.finish(id, .done(report))
            } catch let error as APIError {
                let reasons = (error.validationErrors ?? []).map(\.message)
                imports.finish(id, .failed(reasons.isEmpty ? error.detail : reasons.joined(separator: "; ")))
            } catch {
                logger.error("import into \(base) failed: \(error)")
                imports.finish(id, .failed("\(error)"))
            }
        }
        return SiteController.seeOther("/admin/imports/\(id.uuidString.lowercased())")
    }

    @Sendable func importJob(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let id = UUID(uuidString: try context.parameters.require("job_id")), let job = imports.job(id) else {
            throw APIError.notFound("No such import")
        }
        let site = SiteRequest(request, context: context, forms: accounts.formTokens)
        let messages = site.messages
        let progress = job.progress
        let written = progress?.written ?? 0
        let total = max(progress?.total ?? 0, 1)
        var report: [LabelledValue] = []
        var failure: String?
        var warnings = progress?.warnings ?? []
        var warningCount = progress?.warningCount ?? 0
        var finished = ""
        switch job.state {
        case .reading, .writing: break
        case .done(let done):
            report = [
                (messages["admin.import_persons"], done.persons), (messages["admin.import_families"], done.families),
                (messages["admin.import_sources"], done.sources),
                (messages["admin.import_notes"], done.notes), (messages["admin.import_media"], done.media),
            ].map { LabelledValue($0.0, String($0.1)) }
            report.append(LabelledValue(messages["admin.import_format"], done.format))
            report.append(LabelledValue(messages["admin.import_time"], String(format: "%.1f s", done.elapsedSeconds)))
            warnings = Array(done.warnings.prefix(ImportPageLimits.warnings))
            warningCount = done.warnings.count
            finished = messages.format("admin.import_done", job.base)
        case .failed(let reason):
            failure = messages.format("admin.import_failed", reason)
        }
        let heading = messages.format("admin.import_of", job.fileName.isEmpty ? "…" : job.fileName, job.base)
        let model = AdminImportJobModel(
            heading: heading, links: Self.links(messages, current: "/admin/import"),
            started: messages.format("admin.import_started", SiteController.timestamp(Int64(job.startedAt.timeIntervalSince1970)), job.startedBy),
            running: job.isRunning, phase: messages[job.progress == nil ? "admin.import_reading" : "admin.import_writing"], total: String(total),
            written: job.progress == nil ? nil : String(written), percent: "\(written * 100 / total)%",
            counts: job.progress == nil ? "" : messages.format("admin.import_counts", String(written), String(total)), failure: failure,
            finished: finished, report: Listing(report),
            baseHref: { if case .done = job.state { return SiteURL.base(job.base) } else { return nil } }(),
            warningsHeading: messages.format("admin.import_warnings", String(warningCount)), warnings: Listing(warnings),
            more: warningCount > warnings.count ? messages.format("admin.import_more_warnings", String(warningCount - warnings.count)) : nil)
        var frame = site.frame(title: heading, base: nil)
        if job.isRunning { frame.refreshSeconds = "1" }
        return site.html(.adminImportJob, model: model, frame: frame)
    }

    private func importPage(
        _ site: SiteRequest, base: String, format: String, replace: Bool, notice: String?, status: HTTPResponse.Status = .ok
    ) -> Response {
        let messages = site.messages
        let formats = Self.importFormats.map { value, label in
            FormSelectModel.Choice(value: value, label: label.hasPrefix("admin.") ? messages[label] : label, selected: value == format)
        }
        let jobs = imports.all.map { job in
            LinkModel(
                messages.format("admin.import_of", job.fileName.isEmpty ? "…" : job.fileName, job.base)
                    + " · " + SiteController.timestamp(Int64(job.startedAt.timeIntervalSince1970)),
                "/admin/imports/\(job.id.uuidString.lowercased())")
        }
        let model = AdminImportModel(
            notice: notice, links: Self.links(messages, current: "/admin/import"), base: base,
            limit: messages.format("admin.import_limit", Self.megabytes(transfers.maxBytes)), formats: formats, replace: replace, jobs: Listing(jobs))
        return site.html(.adminImport, model: model, frame: site.frame(title: messages["admin.import"], base: nil), status: status)
    }
}

/// How much of the warnings a report page lists (the JSON API's report has them all).
enum ImportPageLimits {
    static let warnings = 100
}
