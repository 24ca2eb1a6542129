import HTTPTypes
import Synchronization

/// Every route the server registers, by method and path pattern, with what it requires.
///
/// The router only answers "no match"; the catalog tells a wrong method (405, with `Allow`) from
/// an unknown path (404), and feeds the authorization-matrix and OpenAPI completeness tests.
public final class RouteCatalog: Sendable {
    /// A registered route: `path` uses `:name` for parameters, as the router does.
    public struct Route: Sendable, Hashable {
        public let method: HTTPRequest.Method
        public let path: String
        public let access: Access
        /// In the OpenAPI document: the JSON API's routes are, the web site's pages and their
        /// stylesheet and script are not.
        public let documented: Bool
    }

    private let storage = Mutex<[Route]>([])

    public init() {}

    public var routes: [Route] { storage.withLock { $0 } }

    func add(_ method: HTTPRequest.Method, _ path: String, access: Access, documented: Bool = true) {
        storage.withLock { $0.append(Route(method: method, path: path, access: access, documented: documented)) }
    }

    /// The routes of the OpenAPI document.
    public var documentedRoutes: [Route] { routes.filter(\.documented) }

    /// Methods registered for patterns that match `path`, in registration order.
    public func methods(matching path: String) -> [HTTPRequest.Method] {
        let segments = Self.segments(of: path)
        var methods: [HTTPRequest.Method] = []
        for route in routes where Self.matches(pattern: Self.segments(of: route.path), segments) {
            if !methods.contains(route.method) { methods.append(route.method) }
        }
        return methods
    }

    static func segments(of path: String) -> [Substring] {
        path.split(separator: "?", maxSplits: 1).first.map { $0.split(separator: "/") } ?? []
    }

    static func matches(pattern: [Substring], _ segments: [Substring]) -> Bool {
        if pattern.last == "**" { return segments.count >= pattern.count - 1 && zip(pattern.dropLast(), segments).allSatisfy(segmentMatches) }
        return pattern.count == segments.count && zip(pattern, segments).allSatisfy(segmentMatches)
    }

    private static func segmentMatches(_ pair: (Substring, Substring)) -> Bool {
        let (pattern, segment) = pair
        return pattern == "*" || pattern.hasPrefix(":") || pattern.hasPrefix("{") || pattern == segment
    }
}
