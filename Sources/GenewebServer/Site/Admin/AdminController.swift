import Foundation
import GenewebSite
import GenewebStore
import Hummingbird

/// The administration pages (admin role): `/admin` (the server: health, database engine and
/// schema, each base with its graph's memory and build time, backups), `/admin/users` (accounts:
/// create, role, disable and enable, reset a password), `/admin/audit` (the audit log with
/// filters) and `/admin/bases` (create, rename, delete with confirmation, the living-names
/// policy, exports). Every change goes through the same services as the JSON API, is audited
/// the same way, and posts with the page's anti-forgery token.
struct AdminController {
    let accounts: AccountService
    let health: HealthController
    let bases: BaseRepository
    let audit: AuditRepository
    let configuredDefault: String?
    /// Cleared after each change of the bases, as the JSON API does.
    let cache: BaseCache
    /// The JSON API's import and export (`ImportExportController`): the same limits and checks.
    let transfers: ImportExportController
    /// Imports started from these pages, followed by their progress page.
    let imports: ImportJobs

    func addRoutes(to router: Router<AppRequestContext>, catalog: RouteCatalog) {
        router.route(.get, "/admin", access: .admin, in: catalog, documented: false, use: overview)
        router.route(.get, "/admin/users", access: .admin, in: catalog, documented: false, use: users)
        router.route(.post, "/admin/users", access: .admin, in: catalog, documented: false, use: createUser)
        router.route(.post, "/admin/users/:user_id", access: .admin, in: catalog, documented: false, use: updateUser)
        router.route(.post, "/admin/users/:user_id/password", access: .admin, in: catalog, documented: false, use: resetPassword)
        router.route(.get, "/admin/audit", access: .admin, in: catalog, documented: false, use: auditLog)
        router.route(.get, "/admin/bases", access: .admin, in: catalog, documented: false, use: basesPage)
        router.route(.post, "/admin/bases", access: .admin, in: catalog, documented: false, use: createBase)
        router.route(.post, "/admin/bases/:base", access: .admin, in: catalog, documented: false, use: updateBase)
        router.route(.get, "/admin/bases/:base/delete", access: .admin, in: catalog, documented: false, use: deleteBaseForm)
        router.route(.post, "/admin/bases/:base/delete", access: .admin, in: catalog, documented: false, use: deleteBase)
        // The API's own export, for the signed-in admin's browser (the API takes bearer tokens only).
        router.route(.get, "/admin/bases/:base/export", access: .admin, in: catalog, documented: false, use: transfers.export)
        router.route(.get, "/admin/import", access: .admin, in: catalog, documented: false, use: importForm)
        router.route(.post, "/admin/import", access: .admin, in: catalog, documented: false, use: startImport)
        router.route(.get, "/admin/imports/:job_id", access: .admin, in: catalog, documented: false, use: importJob)
    }

    /// `/admin`: the server at a glance.
    @Sendable func overview(_ request: Request, context: AppRequestContext) async throws -> Response {
        let site = SiteRequest(request, context: context, forms: accounts.formTokens)
        let messages = site.messages
        let report = await health.report(logger: context.logger)
        let database = report.database
        var facts = [
            LabelledValue(messages["admin.status"], messages["admin.status.\(report.status)"]),
            LabelledValue(messages["admin.version"], report.version),
            LabelledValue(messages["admin.engine"], database.engine == "postgres" ? "PostgreSQL" : "SQLite"),
            LabelledValue(messages["admin.schema"], "\(database.schemaVersion.map(String.init) ?? "?") / \(database.latestSchemaVersion)"),
            LabelledValue(messages["admin.uptime"], Self.duration(report.uptime)),
        ]
        if let latency = database.latencyMs { facts.append(LabelledValue(messages["admin.latency"], String(format: "%.1f ms", latency))) }
        if let backup = report.backups.lastFinishedAt {
            facts.append(LabelledValue(messages["admin.last_backup"], "\(backup) (\(report.backups.lastResult ?? "?"))"))
        }
        let rows = report.bases.map { base in
            AdminOverviewModel.BaseRow(
                name: base.name, href: SiteURL.base(base.name), persons: String(base.persons), families: String(base.families),
                graph: base.graph.map {
                    messages.format("admin.graph", String($0.persons), Self.megabytes($0.approximateBytes), String(format: "%.2f", $0.buildSeconds))
                }
                    ?? messages["admin.graph_none"])
        }
        let model = AdminOverviewModel(facts: facts, bases: Listing(rows), links: Self.links(messages, current: "/admin"))
        return site.html(.adminOverview, model: model, frame: site.frame(title: messages["admin.title"], base: nil))
    }

    static func links(_ messages: Messages, current: String) -> [LinkModel] {
        [
            LinkModel(messages["admin.title"], "/admin", current: current == "/admin"),
            LinkModel(messages["admin.users"], "/admin/users", current: current == "/admin/users"),
            LinkModel(messages["admin.bases"], "/admin/bases", current: current == "/admin/bases"),
            LinkModel(messages["admin.import"], "/admin/import", current: current == "/admin/import"),
            LinkModel(messages["admin.audit"], "/admin/audit", current: current == "/admin/audit"),
        ]
    }

    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let (days, hours, minutes) = (total / 86_400, total % 86_400 / 3_600, total % 3_600 / 60)
        return days > 0 ? "\(days) d \(hours) h" : hours > 0 ? "\(hours) h \(minutes) min" : "\(minutes) min \(total % 60) s"
    }

    static func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f", Double(bytes) / 1_048_576)
    }

    /// The posted form, once its anti-forgery token is checked.
    func form(_ request: Request, _ context: AppRequestContext) async throws -> (SiteRequest, SiteForm) {
        let form = try await SiteForm.read(request, context: context)
        let site = SiteRequest(request, context: context, forms: accounts.formTokens)
        try site.requireFormToken(form["csrf"], forms: accounts.formTokens)
        return (site, form)
    }
}
