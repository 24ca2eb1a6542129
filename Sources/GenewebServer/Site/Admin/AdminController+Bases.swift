import Foundation
import GenewebSite
import GenewebStore
import Hummingbird

/// `/admin/bases`: each base with its counts and living-names policy; create, rename, delete
/// (after a page that says what goes with it), make default, and download each export format.
/// The same rules and audit lines as `/api/v1/database/databases`.
extension AdminController {
    @Sendable func basesPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let site = SiteRequest(request, context: context, forms: accounts.formTokens)
        return try await basesPage(site, notice: nil)
    }

    @Sendable func createBase(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (site, form) = try await self.form(request, context)
        guard let name = try? BaseName(form.text("name") ?? "") else {
            return try await basesPage(site, notice: site.messages["admin.bad_base_name"], status: .unprocessableContent)
        }
        guard try await bases.create(name, title: form.text("title").map { String($0.prefix(200)) } ?? name.rawValue) else {
            return try await basesPage(site, notice: site.messages.format("admin.base_exists", name.rawValue), status: .conflict)
        }
        try await record("base.create", name: name.rawValue, context: context)
        return SiteController.seeOther("/admin/bases")
    }

    /// One base's form: `action` is `policy` (living names public or hidden), `rename`
    /// (`new_name`) or `default` (the base `/` and unprefixed API routes use).
    @Sendable func updateBase(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (site, form) = try await self.form(request, context)
        let name = try await existingBase(context)
        switch form["action"] {
        case "policy":
            let isPublic = form["living_names"] == "public"
            _ = try await bases.setPublicNames(name, isPublic)
            try await record("base.policy", name: name.rawValue, context: context, details: ["living_names": isPublic ? "public" : "hidden"])
        case "rename":
            guard let new = try? BaseName(form.text("new_name") ?? "") else {
                return try await basesPage(site, notice: site.messages["admin.bad_base_name"], status: .unprocessableContent)
            }
            guard try await bases.rename(name, to: new) else {
                return try await basesPage(site, notice: site.messages.format("admin.base_exists", new.rawValue), status: .conflict)
            }
            try await record("base.rename", name: new.rawValue, context: context, details: ["old_name": name.rawValue])
        case "default":
            try await bases.activate(name)
            try await record("base.activate", name: name.rawValue, context: context)
        default:
            throw APIError.badRequest("Unknown action")
        }
        return SiteController.seeOther("/admin/bases")
    }

    @Sendable func deleteBaseForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let site = SiteRequest(request, context: context, forms: accounts.formTokens)
        let name = try await existingBase(context)
        return try await deleteBasePage(site, name: name, notice: nil)
    }

    @Sendable func deleteBase(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (site, form) = try await self.form(request, context)
        let name = try await existingBase(context)
        // The name typed again: a base is deleted with everything in it, and no undo.
        guard form.text("confirm") == name.rawValue else {
            return try await deleteBasePage(site, name: name, notice: site.messages["admin.confirm_name"], status: .unprocessableContent)
        }
        guard try await bases.defaultName(configured: configuredDefault) != name.rawValue else {
            return try await deleteBasePage(site, name: name, notice: site.messages["admin.delete_default"], status: .conflict)
        }
        _ = try await bases.delete(name)
        try await record("base.delete", name: name.rawValue, context: context)
        return SiteController.seeOther("/admin/bases")
    }

    private func basesPage(_ site: SiteRequest, notice: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let messages = site.messages
        let publicNames = try await bases.basesWithPublicNames()
        let ids = Dictionary(try await bases.summaryIDs().map { ($0.name, $0.id) }) { first, _ in first }
        let defaultName = try await bases.defaultName(configured: configuredDefault)
        let rows = try await bases.summaries().map { base in
            let isPublic = ids[base.name].map(publicNames.contains) ?? false
            let path = "/admin/bases/" + SiteURL.component(base.name)
            return AdminBasesModel.Row(
                name: base.name, title: base.title, href: SiteURL.base(base.name), persons: String(base.persons), families: String(base.families),
                isDefault: base.name == defaultName, action: path, deleteHref: path + "/delete",
                policy: FormSelectModel(
                    name: "living_names", label: messages["admin.living_names"],
                    choices: [("hidden", messages["admin.names_hidden"]), ("public", messages["admin.names_public"])], selected: isPublic ? "public" : "hidden"),
                exports: [
                    LinkModel("GEDCOM 5.5.1", path + "/export?format=gedcom551"), LinkModel("GEDCOM 7", path + "/export?format=gedcom7"),
                    LinkModel("GeneWeb .gw", path + "/export?format=gw"), LinkModel("Zip (GEDCOM + media)", path + "/export?format=zip"),
                ], rowID: "b-\(base.name)")
        }
        let model = AdminBasesModel(notice: notice, isError: status != .ok, links: Self.links(messages, current: "/admin/bases"), bases: Listing(rows))
        return site.html(.adminBases, model: model, frame: site.frame(title: messages["admin.bases"], base: nil), status: status)
    }

    private func deleteBasePage(_ site: SiteRequest, name: BaseName, notice: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let messages = site.messages
        let summary = try await bases.summaries().first { $0.name == name.rawValue }
        let model = AdminDeleteBaseModel(
            heading: messages.format("admin.delete_base", name.rawValue),
            consequence: messages.format("admin.delete_base_text", String(summary?.persons ?? 0), String(summary?.families ?? 0)), notice: notice,
            name: name.rawValue, action: "/admin/bases/\(SiteURL.component(name.rawValue))/delete")
        return site.html(.adminDeleteBase, model: model, frame: site.frame(title: model.heading, base: nil), status: status)
    }

    private func existingBase(_ context: AppRequestContext) async throws -> BaseName {
        guard let name = try? BaseName(try context.parameters.require("base")), try await bases.id(of: name) != nil else {
            throw APIError.notFound("Base not found")
        }
        return name
    }

    private func record(_ action: String, name: String, context: AppRequestContext, details: [String: String] = [:]) async throws {
        cache.invalidate()
        try await audit.record(context.auditEntry(action, entityType: "base", entityID: name, base: name, details: details.merging(["via": "site"]) { $1 }))
    }
}
