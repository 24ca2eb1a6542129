import Hummingbird
import Metrics
import Synchronization

/// Counts and times every request: `geneweb_http_requests_total{method,endpoint,status_code}`,
/// `geneweb_http_request_duration_seconds{method,endpoint}` and `geneweb_active_connections`
/// (requests in flight). `endpoint` is the route pattern (`/api/v1/persons/{person_id}`), never
/// the raw path, so the number of series stays bounded; unknown paths count as `unmatched`.
struct MetricsMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let inFlight = Gauge(label: "geneweb_active_connections")
    let counter = InFlightCounter()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        inFlight.record(counter.change(by: 1))
        defer { inFlight.record(counter.change(by: -1)) }
        var status = 500
        var endpoint = "unmatched"
        do {
            let response = try await next(request, context)
            status = response.status.code
            endpoint = Self.endpoint(context)
            record(request, endpoint: endpoint, status: status, since: start)
            return response
        } catch let error as any HTTPResponseError {
            status = error.status.code
            endpoint = Self.endpoint(context)
            record(request, endpoint: endpoint, status: status, since: start)
            throw error
        } catch {
            record(request, endpoint: Self.endpoint(context), status: status, since: start)
            throw error
        }
    }

    static func endpoint(_ context: Context) -> String {
        guard let path = context.endpointPath, path != "NotFound" else { return "unmatched" }
        return path
    }

    private func record(_ request: Request, endpoint: String, status: Int, since start: ContinuousClock.Instant) {
        let method = request.method.rawValue
        Counter(label: "geneweb_http_requests_total", dimensions: [("method", method), ("endpoint", endpoint), ("status_code", String(status))]).increment()
        Metrics.Timer(label: "geneweb_http_request_duration_seconds", dimensions: [("method", method), ("endpoint", endpoint)])
            .recordInterval(since: start)
    }
}

/// Requests in flight, for the gauge.
final class InFlightCounter: Sendable {
    private let value = Atomic<Int>(0)

    func change(by delta: Int) -> Int {
        value.wrappingAdd(delta, ordering: .relaxed).newValue
    }
}

extension Metrics.Timer {
    func recordInterval(since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let nanoseconds = elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000
        recordNanoseconds(nanoseconds)
    }
}
