import Foundation
import GenewebServer
import GenewebTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@Suite("Transport and abuse protection middleware")
struct SecurityMiddlewareTests {
    static func withApp(
        _ adjust: (inout SecuritySettings) -> Void, rateLimitClock: @escaping @Sendable () -> ContinuousClock.Instant = { .now },
        _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let directory = TemporaryDirectory()
        var configuration = AuthFixture.configuration(directory: directory)
        adjust(&configuration.security)
        let app = try await buildApplication(configuration: configuration, logger: testLogger, rateLimitClock: rateLimitClock)
        try await app.test(.router, body)
    }

    @Test("rate limit: burst, then 429 with retry_after and Retry-After; exempt routes never limited")
    func rateLimit() async throws {
        // Time stands still unless the test moves it: on a loaded machine, real seconds between
        // the requests would refill the bucket (one token a second) and the burst would not run out.
        let time = Mutex(ContinuousClock.now)
        try await Self.withApp(
            {
                $0.rateLimitPerMinute = 60
                $0.rateLimitBurst = 3
            }, rateLimitClock: { time.withLock { $0 } }
        ) { client in
            var remaining: [String] = []
            for _ in 1...3 {
                let response = try await client.request(.get, "/auth/health")
                #expect(response.status == .ok)
                #expect(response.headers[HTTPField.Name("X-RateLimit-Limit")!] == "60")
                remaining.append(response.headers[HTTPField.Name("X-RateLimit-Remaining")!] ?? "")
            }
            #expect(remaining == ["2", "1", "0"])
            let limited = try await client.request(.get, "/api/v1/persons")
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter] == "1")
            let json = try limited.json
            #expect(json["error_code"] as? String == "RATE_LIMIT_EXCEEDED")
            #expect(json["retry_after"] as? Int == 1)
            for path in ["/health", "/health/", "/health/live", "/metrics"] {
                for _ in 1...5 {
                    let response = try await client.request(.get, path)
                    #expect(response.status == .ok, "\(path)")
                    #expect(response.headers[HTTPField.Name("X-RateLimit-Limit")!] == nil)
                }
            }
            // One token a second comes back.
            time.withLock { $0 += .milliseconds(1100) }
            #expect(try await client.request(.get, "/auth/health").status == .ok)
        }
    }

    @Test("security headers on every answer, errors included; HSTS only when HTTPS is forced")
    func headers() async throws {
        try await Self.withApp({ _ in }) { client in
            for path in ["/health/", "/no/such/route", "/api/v1/persons"] {
                let response = try await client.request(.get, path)
                #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true, "\(path)")
                #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "strict-origin-when-cross-origin")
                #expect(response.headers[HTTPField.Name("Permissions-Policy")!] != nil)
                #expect(response.headers[.strictTransportSecurity] == nil)
            }
        }
        try await Self.withApp({ $0.forceHTTPS = true }) { client in
            let response = try await client.request(.get, "/health/")
            #expect(response.headers[.strictTransportSecurity]?.hasPrefix("max-age=") == true)
        }
    }

    @Test("forced HTTPS behind a proxy: GET redirected, POST refused, health exempt, HTTPS passes")
    func httpsRedirect() async throws {
        try await Self.withApp({ $0.forceHTTPS = true }) { client in
            let plain: HTTPFields = [HTTPField.Name("X-Forwarded-Proto")!: "http", HTTPField.Name("Host")!: "geneweb-api.fly.dev"]
            let redirect = try await client.request(.get, "/api/v1/persons?limit=5", headers: plain)
            #expect(redirect.status == .permanentRedirect)
            #expect(redirect.headers[.location] == "https://geneweb-api.fly.dev/api/v1/persons?limit=5")
            let fly: HTTPFields = [HTTPField.Name("Fly-Forwarded-Proto")!: "http", HTTPField.Name("Host")!: "geneweb-api.fly.dev"]
            #expect(try await client.request(.get, "/api/v1/persons", headers: fly).status == .permanentRedirect)
            let post = try await client.request(.post, "/auth/login", json: ["username": "a", "password": "b"], headers: plain)
            #expect(post.status == .forbidden)
            #expect(try post.json["error_code"] as? String == "FORBIDDEN")
            #expect(try await client.request(.get, "/health/", headers: plain).status == .ok)
            let secure: HTTPFields = [HTTPField.Name("X-Forwarded-Proto")!: "https", HTTPField.Name("Host")!: "geneweb-api.fly.dev"]
            #expect(try await client.request(.get, "/api/v1/persons", headers: secure).status == .ok)
        }
    }

    @Test("trusted hosts: others get 400 JSON; loopback, health routes and Fly names pass")
    func trustedHosts() async throws {
        try await Self.withApp({
            $0.trustedHosts = ["api.example.org", "*.genealogy.example"]
            $0.flyAppName = "geneweb-api"
        }) { client in
            func status(_ host: String, _ path: String = "/api/v1/persons") async throws -> Int {
                Int(try await client.request(.get, path, headers: [HTTPField.Name("Host")!: host]).status.code)
            }
            #expect(try await status("api.example.org") == 200)
            #expect(try await status("api.example.org:8080") == 200)
            #expect(try await status("paris.genealogy.example") == 200)
            #expect(try await status("localhost:8080") == 200)
            #expect(try await status("geneweb-api.fly.dev") == 200)
            #expect(try await status("other-app.fly.dev") == 200)
            #expect(try await status("geneweb-api.internal") == 200)
            #expect(try await status("evil.example.com") == 400)
            #expect(try await status("genealogy.example.evil.com") == 400)
            #expect(try await status("evil.example.com", "/health/") == 200)
            let refused = try await client.request(.get, "/api/v1/persons", headers: [HTTPField.Name("Host")!: "evil.example.com"])
            #expect(try refused.json["detail"] as? String == "Invalid host header")
        }
    }

    @Test("CORS: preflight for a listed origin, allow-origin on answers, nothing for others")
    func cors() async throws {
        try await Self.withApp({ $0.corsOrigins = ["https://app.example.org"] }) { client in
            let preflight = try await client.request(
                .options, "/api/v1/persons",
                headers: [
                    .origin: "https://app.example.org", .accessControlRequestMethod: "POST", .accessControlRequestHeaders: "authorization, content-type",
                ])
            #expect(preflight.status == .noContent)
            #expect(preflight.headers[.accessControlAllowOrigin] == "https://app.example.org")
            #expect(preflight.headers[.accessControlAllowMethods]?.contains("PATCH") == true)
            #expect(preflight.headers[.accessControlAllowHeaders]?.contains("Authorization") == true)
            let get = try await client.request(.get, "/api/v1/persons", headers: [.origin: "https://app.example.org"])
            #expect(get.headers[.accessControlAllowOrigin] == "https://app.example.org")
            #expect(get.headers[.accessControlExposeHeaders]?.contains("ETag") == true)
            let other = try await client.request(.get, "/api/v1/persons", headers: [.origin: "https://evil.example.com"])
            #expect(other.headers[.accessControlAllowOrigin] == nil)
            let otherPreflight = try await client.request(
                .options, "/api/v1/persons", headers: [.origin: "https://evil.example.com", .accessControlRequestMethod: "DELETE"])
            #expect(otherPreflight.headers[.accessControlAllowOrigin] == nil)
        }
    }
}
