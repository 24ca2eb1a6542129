import Foundation
import HTTPTypes
import Hummingbird

/// HTTP/1 `Host` arrives as the request's authority; a raw field can still carry it (HTTP/2
/// proxies, tests), so both are read.
extension RouterMiddleware {
    static var hostHeader: HTTPField.Name { HTTPField.Name("Host")! }
}

/// Routes that platform probes and scrapers call: never rate limited, redirected or host-checked.
enum ExemptPaths {
    static func isHealth(_ path: String) -> Bool { path == "/health" || path.hasPrefix("/health/") }
    static func isRateLimitExempt(_ path: String) -> Bool {
        isHealth(path) || path == "/metrics" || path == "/docs" || path.hasPrefix("/docs/") || path == "/openapi.json"
            // The site's stylesheet and script: a page that got its HTML must get them too.
            || path.hasPrefix("/static/")
    }
}

/// Answers only for the configured host names (400 otherwise), so a request forged with another
/// `Host` cannot make the server build links or cookies for it. On Fly, the app's public and
/// internal names pass. Health routes are exempt: platform checks use the machine's address.
struct TrustedHostMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let allowed: [String]
    let flyAppName: String?

    init(settings: SecuritySettings) {
        var hosts = settings.trustedHosts ?? []
        hosts += ["localhost", "127.0.0.1", "::1"]
        if let app = settings.flyAppName {
            hosts += ["\(app).fly.dev", "*.fly.dev", "*.internal", "*.flycast"]
        }
        allowed = hosts
        flyAppName = settings.flyAppName
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !ExemptPaths.isHealth(request.uri.path) else { return try await next(request, context) }
        let host = Self.hostName(request.headers[Self.hostHeader] ?? request.head.authority ?? "")
        guard Self.matches(host, allowed) else {
            throw APIError.badRequest("Invalid host header")
        }
        return try await next(request, context)
    }

    /// The host without port or IPv6 brackets, lower-cased.
    static func hostName(_ authority: String) -> String {
        var host = authority.lowercased()
        if host.hasPrefix("["), let end = host.firstIndex(of: "]") { return String(host[host.index(after: host.startIndex)..<end]) }
        if let colon = host.lastIndex(of: ":"), host.filter({ $0 == ":" }).count == 1 { host = String(host[..<colon]) }
        return host
    }

    static func matches(_ host: String, _ patterns: [String]) -> Bool {
        patterns.contains { pattern in
            if pattern.hasPrefix("*.") { return host.hasSuffix(pattern.dropFirst()) && host.count > pattern.count - 1 }
            return host == pattern
        }
    }
}

/// With `GENEWEB_SECURITY_FORCE_HTTPS`, a request the proxy says came over plain HTTP is sent to
/// HTTPS (308 for GET and HEAD) or refused (403 for the others, whose bodies a redirect would
/// lose). Without a forwarding header the request came straight to us (local, tests) and passes.
struct HTTPSRedirectMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let proto = (request.headers[HTTPField.Name("Fly-Forwarded-Proto")!] ?? request.headers[HTTPField.Name("X-Forwarded-Proto")!])?
            .split(separator: ",").first?.trimmingCharacters(in: .whitespaces).lowercased()
        guard proto == "http", !ExemptPaths.isHealth(request.uri.path) else { return try await next(request, context) }
        guard request.method == .get || request.method == .head else {
            throw APIError.forbidden("HTTPS is required")
        }
        let host = request.headers[Self.hostHeader] ?? request.head.authority ?? ""
        guard !host.isEmpty, !host.contains(where: { "/@, ".contains($0) }) else { throw APIError.badRequest("Invalid host header") }
        var headers = HTTPFields()
        headers[.location] = "https://\(host)\(request.uri.description)"
        return Response(status: .permanentRedirect, headers: headers)
    }
}

/// The headers of API.md on every response. HSTS only when HTTPS is forced (a laptop on plain
/// HTTP must not pin HTTPS for localhost). Routes that serve HTML set their own CSP.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let hsts: Bool

    static let apiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        if response.headers[.contentSecurityPolicy] == nil { response.headers[.contentSecurityPolicy] = Self.apiPolicy }
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "strict-origin-when-cross-origin"
        response.headers[HTTPField.Name("Permissions-Policy")!] = "geolocation=(), microphone=(), camera=(), payment=(), usb=()"
        response.headers[HTTPField.Name("Cross-Origin-Opener-Policy")!] = "same-origin"
        if hsts { response.headers[.strictTransportSecurity] = "max-age=31536000; includeSubDomains" }
        return response
    }
}

/// CORS for the configured origins: preflights (`OPTIONS` with `Access-Control-Request-Method`)
/// answer 204 here, before routing; other responses get the allow-origin of a listed origin.
struct CORSMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let origins: [String]

    static let methods = "GET, POST, PUT, PATCH, DELETE, OPTIONS"
    static let headers = "Authorization, Content-Type, If-Match, X-Request-ID"
    static let exposed = "ETag, Location, X-Request-ID, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !origins.isEmpty, let origin = request.headers[.origin] else { return try await next(request, context) }
        let allowed = origins.contains("*") || origins.contains(origin)
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            // A refused origin gets no CORS headers, which is how browsers learn the refusal.
            guard allowed else { return try await next(request, context) }
            var headers = HTTPFields()
            headers[.accessControlAllowOrigin] = origin
            headers[.accessControlAllowMethods] = Self.methods
            headers[.accessControlAllowHeaders] = Self.headers
            headers[.accessControlMaxAge] = "600"
            headers[.vary] = "Origin"
            return Response(status: .noContent, headers: headers)
        }
        var response = try await next(request, context)
        if allowed {
            response.headers[.accessControlAllowOrigin] = origin
            response.headers[.accessControlExposeHeaders] = Self.exposed
            response.headers[.vary] = "Origin"
        }
        return response
    }
}
