import Foundation
import HTTPTypes
import Hummingbird
import Metrics
import Synchronization

/// Per-client token buckets: `burst` requests at once, refilled at `perMinute` a minute. Every
/// answer carries `X-RateLimit-Limit/Remaining/Reset`; an empty bucket gives the 429 JSON with
/// `retry_after` and `Retry-After`. Health, metrics and documentation routes are never limited.
/// The client is the peer address, or behind Fly (`FLY_APP_NAME` set) `Fly-Client-IP`, else the
/// first `X-Forwarded-For` entry: only a proxy we know of may name the client.
/// Counters are per instance (see ARCHITECTURE.md, "Scale").
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let limiter: RateLimiter
    let behindFly: Bool
    /// The time buckets refill by; tests pass a clock they move themselves.
    let now: @Sendable () -> ContinuousClock.Instant

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !ExemptPaths.isRateLimitExempt(request.uri.path) else { return try await next(request, context) }
        let client = clientAddress(request, context: context)
        let decision = limiter.take(for: client, now: now())
        var headers = HTTPFields()
        headers[HTTPField.Name("X-RateLimit-Limit")!] = String(limiter.perMinute)
        headers[HTTPField.Name("X-RateLimit-Remaining")!] = String(decision.remaining)
        headers[HTTPField.Name("X-RateLimit-Reset")!] = String(decision.resetSeconds)
        guard decision.allowed else {
            Counter(label: "geneweb_rate_limit_hits_total").increment()
            headers[.retryAfter] = String(decision.retryAfterSeconds)
            throw APIError(
                .tooManyRequests, detail: "Rate limit exceeded: \(limiter.perMinute) requests per minute", headers: headers,
                retryAfter: decision.retryAfterSeconds)
        }
        var response = try await next(request, context)
        response.headers.append(contentsOf: headers)
        return response
    }

    func clientAddress(_ request: Request, context: Context) -> String {
        Self.clientAddress(request, context: context, behindFly: behindFly)
    }

    /// The client a request comes from, as the rate limit and the export admission see it.
    static func clientAddress(_ request: Request, context: Context, behindFly: Bool) -> String {
        if behindFly {
            if let fly = request.headers[HTTPField.Name("Fly-Client-IP")!], !fly.isEmpty { return fly }
            if let forwarded = request.headers[HTTPField.Name("X-Forwarded-For")!]?.split(separator: ",").first {
                return forwarded.trimmingCharacters(in: .whitespaces)
            }
        }
        return context.clientIP ?? "unknown"
    }
}

/// The buckets, shared by all requests of the instance; idle clients are forgotten.
final class RateLimiter: Sendable {
    struct Decision {
        let allowed: Bool
        let remaining: Int
        /// Seconds until the bucket is full again.
        let resetSeconds: Int
        /// Seconds until one request is allowed again (when refused).
        let retryAfterSeconds: Int
    }

    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    let perMinute: Int
    let burst: Int
    private let buckets = Mutex<[String: Bucket]>([:])
    private let lastSweep = Mutex<ContinuousClock.Instant>(.now)

    init(perMinute: Int, burst: Int) {
        self.perMinute = perMinute
        self.burst = burst
    }

    private var perSecond: Double { Double(perMinute) / 60 }

    func take(for client: String, now: ContinuousClock.Instant) -> Decision {
        sweep(now: now)
        return buckets.withLock { buckets in
            var bucket = buckets[client] ?? Bucket(tokens: Double(burst), updated: now)
            let elapsed = Double((now - bucket.updated).components.seconds) + Double((now - bucket.updated).components.attoseconds) / 1e18
            bucket.tokens = min(Double(burst), bucket.tokens + elapsed * perSecond)
            bucket.updated = now
            let allowed = bucket.tokens >= 1
            if allowed { bucket.tokens -= 1 }
            buckets[client] = bucket
            let missing = Double(burst) - bucket.tokens
            return Decision(
                allowed: allowed,
                remaining: Int(bucket.tokens.rounded(.down)),
                resetSeconds: Int((missing / perSecond).rounded(.up)),
                retryAfterSeconds: max(1, Int(((1 - bucket.tokens) / perSecond).rounded(.up)))
            )
        }
    }

    /// Drops buckets that have been full (idle) for a while, at most once a minute.
    private func sweep(now: ContinuousClock.Instant) {
        let due = lastSweep.withLock { last -> Bool in
            guard now - last > .seconds(60) else { return false }
            last = now
            return true
        }
        guard due else { return }
        let idle = Duration.seconds(Double(burst) / perSecond + 60)
        buckets.withLock { buckets in buckets = buckets.filter { now - $0.value.updated < idle } }
    }
}
