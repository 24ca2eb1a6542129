import Foundation
import GenewebSite
import GenewebStore
import Hummingbird

/// `/admin/users`: every account with its role and state; create one, change a role, disable
/// or enable, reset a password (which signs the account out everywhere). The same rules as
/// `/api/v1/users`: password policy, no admin demoting or disabling themself, audited.
extension AdminController {
    @Sendable func users(_ request: Request, context: AppRequestContext) async throws -> Response {
        let site = SiteRequest(request, context: context, forms: accounts.formTokens)
        return try await usersPage(site, context: context, notice: nil)
    }

    @Sendable func createUser(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (site, form) = try await self.form(request, context)
        let role = UserRole(requestValue: form["role"] ?? "") ?? .viewer
        do {
            let user = try await withAuthErrors {
                try await accounts.createUser(
                    username: form.text("username") ?? "", password: form["password"] ?? "", email: form.text("email") ?? "",
                    fullName: form.text("full_name") ?? "", role: role)
            }
            try await record("user.create", user: user, context: context, details: ["role": role.rawValue, "via": "site"])
            return SiteController.seeOther("/admin/users")
        } catch let error as APIError {
            return try await usersPage(site, context: context, notice: refusal(error, site.messages), status: error.status)
        }
    }

    @Sendable func updateUser(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (site, form) = try await self.form(request, context)
        let user = try await user(in: context)
        let role = form["role"].flatMap(UserRole.init(requestValue:))
        let isActive = form["active"] != nil
        if user.id == context.identity?.userID, role.map({ $0 != .admin }) == true || !isActive {
            return try await usersPage(site, context: context, notice: site.messages["admin.not_yourself"], status: .conflict)
        }
        let updated = try await accounts.update(user, role: role, isActive: isActive)
        var details = ["via": "site"]
        if user.role != updated.role { details["role"] = "\(user.role.rawValue) -> \(updated.role.rawValue)" }
        if user.isActive != updated.isActive { details["is_active"] = "\(user.isActive) -> \(updated.isActive)" }
        try await record("user.update", user: updated, context: context, details: details)
        return SiteController.seeOther("/admin/users")
    }

    @Sendable func resetPassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (site, form) = try await self.form(request, context)
        let user = try await user(in: context)
        do {
            try await withAuthErrors { try await accounts.resetPassword(of: user, to: form["password"] ?? "") }
        } catch let error as APIError {
            return try await usersPage(site, context: context, notice: refusal(error, site.messages), status: error.status)
        }
        try await record("user.reset_password", user: user, context: context, details: ["via": "site"])
        return try await usersPage(site, context: context, notice: site.messages.format("admin.password_reset", user.username), status: .ok)
    }

    private func usersPage(_ site: SiteRequest, context: AppRequestContext, notice: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let messages = site.messages
        let roles = UserRole.allCases.map { ($0.rawValue, messages["role.\($0.rawValue)"]) }
        let rows = try await accounts.allUsers().map { user in
            let id = user.id.uuidString.lowercased()
            return AdminUsersModel.Row(
                username: user.username,
                details: [user.fullName, user.email, messages["admin_last_login"] + " " + (user.lastLogin.map(SiteController.timestamp) ?? "—")]
                    .filter { !$0.isEmpty }.joined(separator: " · "),
                action: "/admin/users/\(id)", passwordAction: "/admin/users/\(id)/password",
                role: FormSelectModel(name: "role", label: messages["admin.role"], choices: roles, selected: user.role.rawValue),
                active: FormCheckModel(name: "active", label: messages["admin.active"], checked: user.isActive), rowID: "u-\(id)")
        }
        let model = AdminUsersModel(
            notice: notice, isError: status != .ok, users: Listing(rows), links: Self.links(messages, current: "/admin/users"),
            newRole: FormSelectModel(name: "role", label: messages["admin.role"], choices: roles, selected: "viewer"))
        return site.html(.adminUsers, model: model, frame: site.frame(title: messages["admin.users"], base: nil), status: status)
    }

    private func user(in context: AppRequestContext) async throws -> UserRecord {
        guard let id = UUID(uuidString: try context.parameters.require("user_id")), let user = try await accounts.user(id: id) else {
            throw APIError.notFound("User not found")
        }
        return user
    }

    /// The refusal in the page's words, with the service's own reasons (password rules).
    func refusal(_ error: APIError, _ messages: Messages) -> String {
        let reasons = (error.validationErrors ?? []).map { "\($0.field) \($0.message)" }
        return messages.format("admin.refused", ([error.detail] + reasons).joined(separator: "; "))
    }

    private func record(_ action: String, user: UserRecord, context: AppRequestContext, details: [String: String]) async throws {
        try await audit.record(
            context.auditEntry(action, entityType: "user", entityID: user.id.uuidString.lowercased(), base: nil, details: details, at: accounts.clock.seconds))
    }
}
