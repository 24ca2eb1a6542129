import Hummingbird

extension Router {
    /// Registers a route with the router and records it in the catalog.
    @discardableResult
    func route(
        _ method: HTTPRequest.Method,
        _ path: String,
        in catalog: RouteCatalog,
        use handler: @escaping @Sendable (Request, Context) async throws -> some ResponseGenerator
    ) -> Self {
        catalog.add(method, path)
        return on(RouterPath(path), method: method, use: handler)
    }
}
