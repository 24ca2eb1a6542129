import GenewebStore
import Hummingbird

extension Router where Context == AppRequestContext {
    /// Registers a route with what it requires of the caller, and records both in the catalog.
    ///
    /// The access check runs before the handler, so no route can forget it: an anonymous caller
    /// who needs to sign in gets 401, a signed-in caller without the role 403
    /// (`AuthenticationMiddleware` turns `AccessDenied` into those answers and records the event).
    @discardableResult
    func route(
        _ method: HTTPRequest.Method,
        _ path: String,
        access: Access,
        in catalog: RouteCatalog,
        documented: Bool = true,
        use handler: @escaping @Sendable (Request, Context) async throws -> some ResponseGenerator
    ) -> Self {
        catalog.add(method, path, access: access, documented: documented)
        return on(RouterPath(path), method: method) { request, context in
            if access == .monitoring, context.isMonitoringClient { return try await handler(request, context) }
            if let needed = access.minimumRole(publicRead: context.publicRead) {
                guard let role = context.role else { throw AccessDenied(required: needed, signedIn: false) }
                guard role >= needed else { throw AccessDenied(required: needed, signedIn: true) }
            }
            return try await handler(request, context)
        }
    }
}

/// A caller without what a route requires.
struct AccessDenied: Error {
    let required: UserRole
    let signedIn: Bool
}
