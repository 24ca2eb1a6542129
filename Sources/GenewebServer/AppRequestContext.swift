import Foundation
import Hummingbird

/// Per-request state shared by middleware and controllers.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The request id: the caller's `X-Request-ID` when it is sane, otherwise one we made.
    public var requestID: String

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.requestID = ""
    }

    /// JSON bodies above this size are refused with 413 before decoding.
    public var maxUploadSize: Int { 1024 * 1024 }
}
