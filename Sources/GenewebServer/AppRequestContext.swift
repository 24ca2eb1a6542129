import Foundation
import GenewebStore
import Hummingbird

/// Per-request state shared by middleware and controllers.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The request id: the caller's `X-Request-ID` when it is sane, otherwise one we made.
    public var requestID: String
    /// The peer's IP address (the proxy's, behind one).
    public var clientIP: String?
    /// The signed-in caller, set by `AuthenticationMiddleware` from a valid bearer token.
    public var identity: Identity?
    /// The caller presented the monitoring token on a route that takes it (`Access.monitoring`).
    public var isMonitoringClient = false
    /// Whether anonymous callers may read public data (`GENEWEB_AUTH_PUBLIC_READ`).
    public var publicRead: Bool = true

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.requestID = ""
        self.clientIP = source.channel.remoteAddress?.ipAddress
    }

    /// JSON bodies above this size are refused with 413 before decoding.
    public var maxUploadSize: Int { 1024 * 1024 }

    /// The caller's role, nil when anonymous.
    public var role: UserRole? { identity?.role }
}
