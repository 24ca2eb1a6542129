import Foundation
import GenewebStore
import Hummingbird

/// `GET /api/v1/audit`: the audit log, newest first, for admins.
struct AuditController {
    let audit: AuditRepository

    func addRoutes(to router: Router<AppRequestContext>, catalog: RouteCatalog) {
        router.route(.get, "/api/v1/audit", access: .admin, in: catalog, use: list)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        var parameters = QueryParameters(request)
        let page = PageRequest(&parameters)
        let action = parameters.text(ListFilters.auditAction)
        let entityID = parameters.text(ListFilters.auditEntity)
        try parameters.validate()
        let (entries, total) = try await audit.entries(action: action, entityID: entityID, offset: page.offset, limit: page.limit)
        return try JSONResponse.encode(PageResponse(items: entries.map(AuditEntryPayload.init), total: total, offset: page.offset, limit: page.limit))
    }
}
