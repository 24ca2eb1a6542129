import Foundation
import GenewebStore
import Hummingbird

/// `GET /api/v1/audit`: the audit log, newest first, for admins.
struct AuditController {
    let audit: AuditRepository

    func addRoutes(to router: Router<AppRequestContext>, catalog: RouteCatalog) {
        router.route(.get, "/api/v1/audit", access: .admin, in: catalog, use: list)
    }

    struct EntryResponse: Encodable {
        let id: Int?
        let occurredAt: String
        let actorID: String?
        let actorName: String
        let action: String
        let entityType: String
        let entityID: String?
        let base: String?
        let requestID: String?
        let clientIP: String?
        let details: [String: String]

        init(_ entry: AuditEntry) {
            id = entry.id
            occurredAt = UserResponse.timestamp(entry.occurredAt)
            actorID = entry.actorID
            actorName = entry.actorName
            action = entry.action
            entityType = entry.entityType
            entityID = entry.entityID
            base = entry.base
            requestID = entry.requestID
            clientIP = entry.clientIP
            details = entry.details
        }

        enum CodingKeys: String, CodingKey {
            case id, action, base, details
            case occurredAt = "occurred_at"
            case actorID = "actor_id"
            case actorName = "actor_name"
            case entityType = "entity_type"
            case entityID = "entity_id"
            case requestID = "request_id"
            case clientIP = "client_ip"
        }
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        var parameters = QueryParameters(request)
        let page = PageRequest(&parameters)
        let action = parameters.text("action", maxLength: 200)
        let entityID = parameters.text("entity_id", maxLength: 200)
        try parameters.validate()
        let (entries, total) = try await audit.entries(action: action, entityID: entityID, offset: page.offset, limit: page.limit)
        return try JSONResponse.encode(PageResponse(items: entries.map(EntryResponse.init), total: total, offset: page.offset, limit: page.limit))
    }
}
