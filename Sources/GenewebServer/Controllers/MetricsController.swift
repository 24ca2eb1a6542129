import Crypto
import Foundation
import Hummingbird
import Metrics

/// `GET /metrics`: Prometheus text format. Open unless `GENEWEB_MONITORING_METRICS_TOKEN` is set;
/// then only `Authorization: Bearer <that token>` reads it (compared in constant time).
struct MetricsController {
    let token: String?
    let version: String
    let environment: String

    func addRoutes(to router: Router<AppRequestContext>, catalog: RouteCatalog) {
        AppMetrics.bootstrapOnce()
        Gauge(label: "geneweb_application_info", dimensions: [("version", version), ("environment", environment)]).record(1)
        router.route(.get, "/metrics", access: .open, in: catalog, use: metrics)
    }

    @Sendable func metrics(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let token {
            let given = request.headers[.authorization].flatMap(AuthenticationMiddleware.bearerToken(in:)) ?? ""
            guard Self.constantTimeEqual(given, token) else {
                throw APIError.unauthorized("A monitoring token is required for /metrics")
            }
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: AppMetrics.exposition())))
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        // Compare digests: equal length, and no early exit on the first differing byte.
        let left = Array(SHA256.hash(data: Data(a.utf8)))
        let right = Array(SHA256.hash(data: Data(b.utf8)))
        return zip(left, right).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
