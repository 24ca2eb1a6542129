import Foundation
import Hummingbird

/// `GET /`: what this service is and where to go next (the Python API's root route). A
/// browser (asking for HTML first) is sent to the web site's default base instead.
struct RootController {
    let environment: String
    /// The address of the site's home for browsers.
    let siteHome: @Sendable () async throws -> String

    func addRoutes(to router: Router<AppRequestContext>, catalog: RouteCatalog) {
        router.route(.get, "/", access: .open, in: catalog) { request, _ in
            if Self.prefersHTML(request.headers[.accept]) {
                var headers = HTTPFields()
                headers[.location] = try await siteHome()
                headers[.vary] = "Accept"
                return Response(status: .seeOther, headers: headers)
            }
            var response = try JSONResponse.encode(
                ServiceInfoPayload(
                    name: "GeneWeb API", version: AppVersion.current, environment: environment,
                    health: "/health", api: "/api/v1"
                ))
            response.headers[.vary] = "Accept"
            return response
        }
    }

    /// Whether an `Accept` header puts HTML before JSON (browsers send `text/html,…`; API
    /// clients send `application/json`, `*/*` or nothing, and keep getting JSON).
    static func prefersHTML(_ accept: String?) -> Bool {
        guard let accept else { return false }
        for part in accept.split(separator: ",").prefix(20) {
            let type = part.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            if type == "text/html" || type == "application/xhtml+xml" { return true }
            if type == "application/json" || type == "*/*" { return false }
        }
        return false
    }
}
