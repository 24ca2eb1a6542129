import Foundation
import GenewebSite
import GenewebStore
import Hummingbird

/// `/admin/audit`: the audit log, newest first, filtered by action (`person.update`) and by
/// record or account id, 50 lines a page.
extension AdminController {
    static let auditPageSize = 50

    @Sendable func auditLog(_ request: Request, context: AppRequestContext) async throws -> Response {
        var query = QueryParameters(request)
        let action = query.text(SiteQuery.auditAction)
        let entity = query.text(SiteQuery.auditEntity)
        let page = query.integer(SiteQuery.page) ?? 1
        try query.validate()
        let site = SiteRequest(request, context: context, forms: accounts.formTokens)
        let messages = site.messages
        let (entries, total) = try await audit.entries(
            action: action, entityID: entity?.lowercased(), offset: (page - 1) * Self.auditPageSize, limit: Self.auditPageSize)
        let rows = entries.map { entry in
            AdminAuditModel.Row(
                when: SiteController.timestamp(entry.occurredAt), who: entry.actorName.isEmpty ? "—" : entry.actorName, action: entry.action,
                entity: [entry.entityType, entry.entityID].compactMap { $0 }.joined(separator: " "), base: entry.base ?? "",
                details: entry.details.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.prefix(200))" }.joined(separator: ", "))
        }
        func href(_ page: Int) -> String {
            "/admin/audit" + SiteURL.query([("action", action ?? ""), ("entity", entity ?? ""), ("page", String(page))].filter { !$0.1.isEmpty })
        }
        let pages = max(1, (total + Self.auditPageSize - 1) / Self.auditPageSize)
        let model = AdminAuditModel(
            links: Self.links(messages, current: "/admin/audit"), action: action ?? "", entity: entity ?? "", rows: Listing(rows),
            summary: messages.format("admin.audit_summary", String(total), String(min(page, pages)), String(pages)),
            previous: page > 1 ? href(page - 1) : nil, next: page < pages ? href(page + 1) : nil)
        return site.html(.adminAudit, model: model, frame: site.frame(title: messages["admin.audit"], base: nil))
    }
}
