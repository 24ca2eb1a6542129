import Foundation
import GenewebStore
import Hummingbird

/// `/api/v1/users`: account management, for admins.
struct UsersController {
    let accounts: AccountService

    func addRoutes(to router: Router<AppRequestContext>, catalog: RouteCatalog) {
        router.route(.get, "/api/v1/users", access: .admin, in: catalog, use: list)
        router.route(.post, "/api/v1/users", access: .admin, in: catalog, use: create)
        router.route(.get, "/api/v1/users/:user_id", access: .admin, in: catalog, use: show)
        router.route(.patch, "/api/v1/users/:user_id", access: .admin, in: catalog, use: update)
        router.route(.post, "/api/v1/users/:user_id/reset-password", access: .admin, in: catalog, use: resetPassword)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let page = try PageRequest(request)
        let users = try await accounts.allUsers()
        let slice = users.dropFirst(page.offset).prefix(page.limit).map(UserResponse.init)
        return try JSONResponse.encode(PageResponse(items: Array(slice), total: users.count, offset: page.offset, limit: page.limit))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await RequestBody.json(UserCreateRequest.self, from: request, context: context)
        let role = try body.role.map(parseRole) ?? .viewer
        let user = try await withAuthErrors {
            try await accounts.createUser(username: body.username, password: body.password, email: body.email ?? "", fullName: body.fullName ?? "", role: role)
        }
        try await audit("user.create", user: user, context: context, details: ["role": role.rawValue])
        var headers = HTTPFields()
        headers[.location] = "/api/v1/users/\(user.id.uuidString.lowercased())"
        return try JSONResponse.encode(UserResponse(user), status: .created, headers: headers)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSONResponse.encode(UserResponse(try await user(in: context)))
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await RequestBody.json(UserUpdateRequest.self, from: request, context: context)
        let user = try await user(in: context)
        let role = try body.role.map(parseRole)
        if user.id == context.identity?.userID, role.map({ $0 != .admin }) == true || body.isActive == false {
            throw APIError.conflict("Admins cannot demote or disable themselves; ask another admin")
        }
        let updated = try await accounts.update(user, role: role, isActive: body.isActive)
        var details: [String: String] = [:]
        if user.role != updated.role { details["role"] = "\(user.role.rawValue) -> \(updated.role.rawValue)" }
        if user.isActive != updated.isActive { details["is_active"] = "\(user.isActive) -> \(updated.isActive)" }
        try await audit("user.update", user: updated, context: context, details: details)
        return try JSONResponse.encode(UserResponse(updated))
    }

    struct ResetPasswordRequest: Decodable {
        let newPassword: String
        enum CodingKeys: String, CodingKey { case newPassword = "new_password" }
    }

    @Sendable func resetPassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await RequestBody.json(ResetPasswordRequest.self, from: request, context: context)
        let user = try await user(in: context)
        try await withAuthErrors(passwordField: "new_password") { try await accounts.resetPassword(of: user, to: body.newPassword) }
        try await audit("user.reset_password", user: user, context: context)
        return try JSONResponse.encode(MessageResponse(message: "Password reset; every session of \(user.username) has been signed out"))
    }

    private func user(in context: AppRequestContext) async throws -> UserRecord {
        let raw = try context.parameters.require("user_id")
        guard let id = UUID(uuidString: raw), let user = try await accounts.user(id: id) else {
            throw APIError.notFound("User not found")
        }
        return user
    }

    private func parseRole(_ value: String) throws -> UserRole {
        guard let role = UserRole(requestValue: value) else {
            throw APIError.validation([FieldError(field: "role", message: "one of admin, editor, viewer (or user)")])
        }
        return role
    }

    private func audit(_ action: String, user: UserRecord, context: AppRequestContext, details: [String: String] = [:]) async throws {
        try await accounts.audit.record(
            context.auditEntry(
                action, entityType: "user", entityID: user.id.uuidString.lowercased(), base: nil, details: details, at: accounts.clock.seconds
            ))
    }
}
