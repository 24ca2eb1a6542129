import GenewebStore
import Hummingbird

/// Reads the bearer token, if any, and puts the caller in the context; answers for `AccessDenied`.
///
/// A request without `Authorization` is anonymous. A request with one that is not a valid access
/// token of an active account gets 401, whatever the route: a client holding a bad token should
/// learn it at once rather than silently see less. Denials are security events.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let accounts: AccountService
    /// `GENEWEB_MONITORING_METRICS_TOKEN`: a secret for scrapers, not a JWT.
    let monitoringToken: String?

    /// Paths of `Access.monitoring` routes, where the monitoring token is a valid bearer.
    static let monitoringPaths: Set<String> = ["/health/detailed"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.publicRead = accounts.settings.publicRead
        let events = SecurityEvents.Context(requestID: context.requestID, clientIP: context.clientIP, path: request.uri.path)
        // `/metrics` checks its own bearer token (the monitoring secret, not a JWT).
        if let header = request.headers[.authorization], request.uri.path != "/metrics" {
            guard let token = Self.bearerToken(in: header) else {
                await accounts.events.record(.invalidToken, actor: nil, context: events, details: ["reason": "not a bearer token"])
                throw APIError.invalidToken
            }
            if Self.monitoringPaths.contains(request.uri.path), let monitoringToken, MetricsController.constantTimeEqual(token, monitoringToken) {
                context.isMonitoringClient = true
            } else {
                do {
                    context.identity = try await accounts.authenticate(accessToken: token)
                } catch is AuthFailure {
                    await accounts.events.record(.invalidToken, actor: nil, context: events, details: ["kind": "access"])
                    throw APIError.invalidToken
                }
            }
        }
        do {
            return try await next(request, context)
        } catch let denied as AccessDenied {
            if denied.signedIn {
                var user: UserRecord?
                if let id = context.identity?.userID { user = try? await accounts.user(id: id) }
                await accounts.events.record(.forbidden, actor: user, context: events, details: ["required_role": denied.required.rawValue])
                throw APIError(.forbidden, detail: "This operation needs the \(denied.required.rawValue) role")
            }
            await accounts.events.record(.unauthenticated, actor: nil, context: events)
            throw APIError.unauthorized("Authentication required")
        }
    }

    /// The token of `Bearer <token>` (scheme case-insensitive), nil for any other form.
    static func bearerToken(in header: String) -> String? {
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        // Spaces and tabs around the token, trimmed on the Swift string itself: Foundation's
        // `trimmingCharacters` goes through `NSString` and took a tenth of a signed-in read.
        var token = parts[1]
        while let first = token.first, first == " " || first == "\t" { token.removeFirst() }
        while let last = token.last, last == " " || last == "\t" { token.removeLast() }
        return token.isEmpty ? nil : String(token)
    }
}
