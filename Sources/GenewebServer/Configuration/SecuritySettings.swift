import Foundation

/// Transport and abuse protections, from `GENEWEB_SECURITY_*` and Fly's `FLY_APP_NAME`.
public struct SecuritySettings: Sendable {
    /// Host names the server answers to; nil: any (no check). `*.example.org` matches sub-domains.
    public var trustedHosts: [String]?
    /// The Fly app name: allows `<app>.fly.dev`, `*.fly.dev`, `*.internal`, `*.flycast`, and makes
    /// `Fly-Client-IP` / `X-Forwarded-For` the client address for rate limiting.
    public var flyAppName: String?
    /// Plain-HTTP requests (judged by `X-Forwarded-Proto` / `Fly-Forwarded-Proto`) are redirected
    /// (GET, HEAD) or refused (403); HSTS is sent.
    public var forceHTTPS = false
    /// Origins allowed by CORS; `*` allows any. Empty: no CORS headers.
    public var corsOrigins: [String] = []
    /// Requests per minute per client address; 0 turns rate limiting off.
    public var rateLimitPerMinute = 100
    /// Requests a client may make at once before the per-minute rate applies.
    public var rateLimitBurst = 20

    public init() {}

    mutating func load(from env: EnvironmentReader) throws(ConfigurationError) {
        if let hosts = env.string("GENEWEB_SECURITY_TRUSTED_HOSTS") {
            let list = Self.list(hosts)
            trustedHosts = list.contains("*") ? nil : list.map { $0.lowercased() }
        }
        flyAppName = env.string("FLY_APP_NAME")
        forceHTTPS = try env.bool("GENEWEB_SECURITY_FORCE_HTTPS") ?? false
        if let origins = env.string("GENEWEB_SECURITY_CORS_ORIGINS") {
            corsOrigins = Self.list(origins)
            for origin in corsOrigins where origin != "*" && !(origin.hasPrefix("http://") || origin.hasPrefix("https://")) {
                throw ConfigurationError(variable: "GENEWEB_SECURITY_CORS_ORIGINS", value: origin, expected: "origins like https://example.org, or *")
            }
        }
        rateLimitPerMinute = try env.integer("GENEWEB_SECURITY_RATE_LIMIT_PER_MINUTE", in: 0...1_000_000) ?? 100
        rateLimitBurst = try env.integer("GENEWEB_SECURITY_RATE_LIMIT_BURST", in: 1...1_000_000) ?? 20
    }

    /// Comma- or space-separated values; a JSON-style list `["a","b"]` (the Python service's form) too.
    static func list(_ raw: String) -> [String] {
        raw.split(whereSeparator: { ",; []\"'".contains($0) }).map(String.init).filter { !$0.isEmpty }
    }
}
