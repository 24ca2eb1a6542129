import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1

/// Hummingbird's HTTP/1 child channel, with one handler more: `RequestTargetHost`, placed where
/// the request head is still HTTP/1 text.
///
/// Converting HTTP/1 heads to `HTTPRequest` keeps only the path of an absolute-form target
/// (`GET http://elsewhere.example/api HTTP/1.1`) and takes the first of several `Host` lines as
/// the authority while the others stay among the fields: the trusted-host check would judge one
/// host while the request named another. The handler leaves one host per request.
struct HTTP1HostChannel: ServerChildChannel, HTTPChannelHandler {
    typealias Value = NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>

    let responder: HTTPChannelHandler.Responder

    static var builder: HTTPServerBuilder {
        HTTPServerBuilder { responder in HTTP1HostChannel(responder: responder) }
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            // The same pipeline as Hummingbird's `HTTP1Channel` with its default configuration.
            try channel.pipeline.syncOperations.configureHTTPServerPipeline(
                withPipeliningAssistance: false,
                withErrorHandling: false,
                withOutboundHeaderValidation: false,
                withEncoderConfiguration: .init(),
                withDecoderLimitConfiguration: .init()
            )
            try channel.pipeline.syncOperations.addHandler(RequestTargetHost())
            try channel.pipeline.syncOperations.addHandler(HTTP1ToHTTPServerCodec(secure: false))
            try channel.pipeline.syncOperations.addHandler(HTTPConnectionStateHandler(idleTimeout: nil, logger: logger))
            return try NIOAsyncChannel(wrappingChannelSynchronously: channel, configuration: .init(isOutboundHalfClosureEnabled: true))
        }
    }

    func handle(value asyncChannel: Value, logger: Logger) async {
        await handleHTTP(asyncChannel: asyncChannel, logger: logger)
    }
}

/// Leaves each request exactly one `Host` line: an absolute-form target's authority replaces
/// the `Host` lines (RFC 9112 §3.2.2: the target's authority is the one that counts), and several
/// `Host` lines (which RFC 9112 §3.2 tells servers to refuse) become one line listing them all,
/// a value no host name matches, so the trusted-host check answers 400.
final class RequestTargetHost: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var head) = unwrapInboundIn(data) else {
            context.fireChannelRead(data)
            return
        }
        var changed = false
        // An HTTP/1.0 request keeps its connection only when it asks to (RFC 9112 §9.3): the
        // version is lost when the head becomes an `HTTPRequest`, so say it as a header the
        // connection handler reads. Without this, HTTP/1.0 clients (ApacheBench) waited for a
        // close that never came.
        if !head.isKeepAlive && !head.headers["Connection"].contains(where: { $0.lowercased().contains("close") }) {
            head.headers.replaceOrAdd(name: "Connection", value: "close")
            changed = true
        }
        let hosts = head.headers["Host"]
        if let authority = Self.authority(ofAbsoluteTarget: head.uri) {
            head.headers.replaceOrAdd(name: "Host", value: authority)
            changed = true
        } else if hosts.count > 1 {
            head.headers.replaceOrAdd(name: "Host", value: hosts.joined(separator: ", "))
            changed = true
        }
        context.fireChannelRead(changed ? wrapInboundOut(.head(head)) : data)
    }

    /// `host[:port]` of `scheme://[userinfo@]host[:port][/...]`; nil for origin-form (`/path`),
    /// asterisk-form and anything without `://` before the first `/`.
    static func authority(ofAbsoluteTarget target: String) -> String? {
        guard !target.hasPrefix("/"), let separator = target.range(of: "://") else { return nil }
        let scheme = target[..<separator.lowerBound]
        guard !scheme.isEmpty, scheme.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }) else { return nil }
        let rest = target[separator.upperBound...]
        var authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        return String(authority)
    }
}
