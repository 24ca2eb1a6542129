import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Outermost middleware: gives each request an id and writes one access-log line per response.
///
/// The id is the caller's `X-Request-ID` when it is short and made of safe characters (so a proxy's
/// id follows the request through our logs), otherwise a fresh one. It is echoed in the response,
/// attached to every log line of the request (`request_id`) and put in error bodies.
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let requestID = Self.acceptedID(request.headers[.xRequestID]) ?? Self.newID()
        context.requestID = requestID
        context.logger[metadataKey: "request_id"] = .string(requestID)
        let clock = ContinuousClock()
        let start = clock.now
        var response = try await next(request, context)
        response.headers[.xRequestID] = requestID
        let elapsed = clock.now - start
        context.logger.info(
            "request",
            metadata: [
                "method": .string(request.method.rawValue),
                "path": .string(request.uri.path),
                "route": .string(context.endpointPath ?? "-"),
                "status": .stringConvertible(response.status.code),
                "duration_ms": .string(String(format: "%.2f", elapsed.milliseconds)),
            ])
        return response
    }

    /// Accepts 1 to 128 characters of letters, digits, `-`, `_`, `.` and `:`; anything else could
    /// forge log lines.
    static func acceptedID(_ value: String?) -> String? {
        guard let value, (1...128).contains(value.utf8.count) else { return nil }
        let allowed = value.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x5F || byte == 0x2E || byte == 0x3A
        }
        return allowed ? value : nil
    }

    static func newID() -> String {
        UUID().uuidString.lowercased()
    }
}

extension HTTPField.Name {
    static let xRequestID = HTTPField.Name("X-Request-ID")!
}

extension Duration {
    /// The duration in milliseconds, with fractions.
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
