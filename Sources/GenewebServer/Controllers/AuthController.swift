import Foundation
import GenewebStore
import Hummingbird

/// `/auth/*`, also served under `/api/v1/auth/*` (the Python service documents the first and
/// serves the second; clients of either work).
struct AuthController {
    let accounts: AccountService

    static let prefixes = ["/auth", "/api/v1/auth"]

    func addRoutes(to router: Router<AppRequestContext>, catalog: RouteCatalog) {
        for prefix in Self.prefixes {
            router.route(.post, "\(prefix)/register", access: .open, in: catalog, use: register)
            router.route(.post, "\(prefix)/login", access: .open, in: catalog, use: login)
            router.route(.post, "\(prefix)/login/oauth2", access: .open, in: catalog, use: loginOAuth2)
            router.route(.post, "\(prefix)/refresh", access: .open, in: catalog, use: refresh)
            router.route(.post, "\(prefix)/logout", access: .signedIn, in: catalog, use: logout)
            router.route(.get, "\(prefix)/me", access: .signedIn, in: catalog, use: me)
            router.route(.post, "\(prefix)/change-password", access: .signedIn, in: catalog, use: changePassword)
            router.route(.get, "\(prefix)/health", access: .open, in: catalog, use: health)
        }
    }

    @Sendable func register(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await RequestBody.json(UserCreateRequest.self, from: request, context: context)
        let callerIsAdmin = context.role == .admin
        guard callerIsAdmin || accounts.settings.allowRegistration else {
            throw APIError.forbidden("Registration is closed on this server; ask an administrator for an account")
        }
        var role = UserRole.viewer
        if callerIsAdmin, let requested = body.role {
            guard let parsed = UserRole(requestValue: requested) else {
                throw APIError.validation([FieldError(field: "role", message: "one of admin, editor, viewer (or user)")])
            }
            role = parsed
        }
        let user = try await withAuthErrors(passwordField: "password") {
            try await accounts.createUser(
                username: body.username, password: body.password, email: body.email ?? "",
                fullName: body.fullName ?? "", role: role
            )
        }
        await accounts.events.record(.registration, actor: user, context: eventContext(request, context), details: ["role": role.rawValue])
        var headers = HTTPFields()
        headers[.location] = "/api/v1/users/\(user.id.uuidString.lowercased())"
        return try JSONResponse.encode(UserResponse(user), status: .created, headers: headers)
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await RequestBody.json(LoginRequest.self, from: request, context: context)
        let session = try await withAuthErrors {
            try await accounts.login(username: body.username, password: body.password, context: eventContext(request, context))
        }
        return try JSONResponse.encode(LoginResponse(session), headers: Self.noStore)
    }

    @Sendable func loginOAuth2(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await RequestBody.form(OAuth2PasswordForm.self, from: request, context: context)
        if let grant = form.grantType, grant != "password" {
            throw APIError.validation([FieldError(field: "grant_type", message: "must be \"password\"")])
        }
        let session = try await withAuthErrors {
            try await accounts.login(username: form.username, password: form.password, context: eventContext(request, context))
        }
        return try JSONResponse.encode(TokenResponse(session), headers: Self.noStore)
    }

    @Sendable func refresh(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await RequestBody.json(RefreshRequest.self, from: request, context: context)
        let session = try await withAuthErrors {
            try await accounts.refresh(body.refreshToken, context: eventContext(request, context))
        }
        return try JSONResponse.encode(TokenResponse(session), headers: Self.noStore)
    }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        try await accounts.logout(identity)
        let user = try await accounts.user(id: identity.userID)
        await accounts.events.record(.logout, actor: user, context: eventContext(request, context))
        return try JSONResponse.encode(MessageResponse(message: "Successfully logged out"))
    }

    @Sendable func me(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        guard let user = try await accounts.user(id: identity.userID) else { throw APIError.invalidToken }
        return try JSONResponse.encode(UserResponse(user))
    }

    @Sendable func changePassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await RequestBody.json(ChangePasswordRequest.self, from: request, context: context)
        let identity = try context.requireIdentity()
        guard let user = try await accounts.user(id: identity.userID) else { throw APIError.invalidToken }
        do {
            try await withAuthErrors(passwordField: "new_password") {
                try await accounts.changePassword(of: user, current: body.currentPassword, new: body.newPassword, confirmation: body.confirmPassword)
            }
        } catch let error as APIError where error.status == .unauthorized {
            throw APIError.validation([FieldError(field: "current_password", message: "is not the current password")])
        }
        await accounts.events.record(.passwordChanged, actor: user, context: eventContext(request, context))
        return try JSONResponse.encode(MessageResponse(message: "Password changed; every session of this account has been signed out"))
    }

    @Sendable func health(_ request: Request, context: AppRequestContext) async throws -> Response {
        let settings = accounts.settings
        return try JSONResponse.encode(
            AuthHealthResponse(
                registrationOpen: settings.allowRegistration,
                publicRead: settings.publicRead,
                accessTokenMinutes: Int(settings.accessTokenLifetime.components.seconds / 60),
                refreshTokenDays: Int(settings.refreshTokenLifetime.components.seconds / 86_400)
            ))
    }

    /// Tokens must not be cached by browsers or proxies.
    static let noStore: HTTPFields = [.cacheControl: "no-store"]

    private func eventContext(_ request: Request, _ context: AppRequestContext) -> SecurityEvents.Context {
        .init(requestID: context.requestID, clientIP: context.clientIP, path: request.uri.path)
    }
}

extension AppRequestContext {
    /// The signed-in caller; routes declared `.signedIn` or stricter always have one.
    func requireIdentity() throws -> Identity {
        guard let identity else { throw APIError.unauthorized("Authentication required") }
        return identity
    }
}

/// Runs an account operation, turning its refusals into the HTTP answers of API.md.
func withAuthErrors<T: Sendable>(passwordField: String = "password", _ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let failure as AuthFailure {
        throw failure.apiError(passwordField: passwordField)
    }
}

extension AuthFailure {
    func apiError(passwordField: String) -> APIError {
        switch self {
        case .invalidCredentials, .locked:
            // One answer for an unknown user, a wrong password and a locked account: a different
            // answer (or a Retry-After) for a locked account would tell that the username exists.
            return .unauthorized("Incorrect username or password, or too many failed attempts: try again later")
        case .inactive:
            return .forbidden("This account is disabled")
        case .invalidToken:
            return .invalidToken
        case .tokenReused:
            var error = APIError.invalidToken
            error = APIError(.unauthorized, detail: "Refresh token already used: the session has been revoked, sign in again", headers: error.headers)
            return error
        case .usernameTaken:
            return .conflict("This username is taken")
        case .weakPassword(let problems):
            return .validation(problems.map { FieldError(field: passwordField, message: $0) })
        case .passwordReused:
            return .validation([FieldError(field: passwordField, message: "must differ from the last \(PasswordPolicy.historyDepth) passwords")])
        case .passwordMismatch:
            return .validation([FieldError(field: "confirm_password", message: "does not match new_password")])
        case .invalidField(let field, let message):
            return .validation([FieldError(field: field, message: message)])
        }
    }
}
