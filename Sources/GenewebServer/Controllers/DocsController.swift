import Foundation
import Hummingbird
import Synchronization

/// `GET /openapi.json` and `/docs`, an API explorer served from the binary (no CDN): it reads
/// the document, lists the operations by tag, and sends requests with an optional bearer token.
struct DocsController {
    let catalog: RouteCatalog
    let version: String
    let publicRead: Bool
    private let cached = DocumentCache()

    init(catalog: RouteCatalog, version: String, publicRead: Bool) {
        self.catalog = catalog
        self.version = version
        self.publicRead = publicRead
    }

    func addRoutes(to router: Router<AppRequestContext>, catalog: RouteCatalog) {
        router.route(.get, "/openapi.json", access: .open, in: catalog, use: document)
        router.route(.get, "/docs", access: .open, in: catalog) { _, _ in Self.asset(DocsPage.html, type: "text/html; charset=utf-8") }
        router.route(.get, "/docs/app.js", access: .open, in: catalog) { _, _ in Self.asset(DocsPage.script, type: "text/javascript; charset=utf-8") }
        router.route(.get, "/docs/app.css", access: .open, in: catalog) { _, _ in Self.asset(DocsPage.style, type: "text/css; charset=utf-8") }
    }

    /// Built on first request, when every route is registered; the catalog does not change after.
    @Sendable func document(_ request: Request, context: AppRequestContext) async throws -> Response {
        let bytes = try cached.value.withLock { cached -> [UInt8] in
            if let cached { return cached }
            let object = OpenAPIDocument.build(catalog: catalog, version: version, publicRead: publicRead)
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
            cached = Array(data)
            return Array(data)
        }
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func asset(_ text: String, type: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        // The page loads its own script and style and calls this server only.
        headers[.contentSecurityPolicy] =
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
        headers[.cacheControl] = "public, max-age=300"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// The encoded document, shared by the requests.
final class DocumentCache: Sendable {
    let value = Mutex<[UInt8]?>(nil)
}
