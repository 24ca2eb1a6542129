import Foundation
import GenewebStore
import Hummingbird

/// `/api/v1/backups` (admins only): the archives in the backup folder, a backup started now, an
/// archive downloaded. Archives hold every account and living person: nobody else sees them.
struct BackupsController {
    let runner: BackupRunner

    func addRoutes(to router: Router<AppRequestContext>, catalog: RouteCatalog) {
        router.route(.get, "/api/v1/backups", access: .admin, in: catalog, use: list)
        router.route(.post, "/api/v1/backups", access: .admin, in: catalog, use: start)
        router.route(.get, "/api/v1/backups/:name", access: .admin, in: catalog, use: download)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSONResponse.encode(
            BackupListPayload(
                directory: runner.folder.path, status: BackupStatusPayload(runner.status, keep: runner.keep),
                archives: runner.folder.entries().map(BackupArchivePayload.init)
            ))
    }

    /// Starts a backup in the background: 202 at once (a large base takes a while), 409 when one
    /// is already running. `GET /api/v1/backups` tells when it is done.
    @Sendable func start(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard runner.startIfIdle() else { throw APIError.conflict("A backup is already running") }
        let runner = self.runner
        Task { await runner.run(scheduled: false) }
        var response = try JSONResponse.encode(BackupStatusPayload(runner.status, keep: runner.keep), status: .accepted)
        response.headers[.location] = "/api/v1/backups"
        return response
    }

    @Sendable func download(_ request: Request, context: AppRequestContext) async throws -> Response {
        let name = try context.parameters.require("name")
        guard let path = runner.folder.archivePath(named: name) else { throw APIError.notFound("No backup named \(name)") }
        var headers = HTTPFields()
        headers[.contentType] = "application/x-ndjson"
        headers[.contentDisposition] = "attachment; filename=\"\(name)\""
        headers[.cacheControl] = "no-store"
        let body = try await FileIO().loadFile(path: path, context: context)
        return Response(status: .ok, headers: headers, body: body)
    }
}
