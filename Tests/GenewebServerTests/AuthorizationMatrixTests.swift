import Foundation
import GenewebServer
import GenewebStore
import GenewebTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// Every registered route, called as anonymous, viewer, editor and admin: the answer is 401 when
/// the route needs a signed-in caller and there is none, 403 when the caller's role is too low,
/// and neither otherwise (a 2xx, or a 4xx about the request itself: 404, 422...).
@Suite("Authorization matrix over every route")
struct AuthorizationMatrixTests {
    @Test("each route answers each role as its declared access says", arguments: [true, false])
    func matrix(publicRead: Bool) async throws {
        let catalog = RouteCatalog()
        try await withAuthApp(publicRead: publicRead, catalog: catalog) { client in
            let admin = try await client.loginAdmin()
            _ = try await client.makeUser("vera", role: .viewer, admin: admin)
            _ = try await client.makeUser("eddie", role: .editor, admin: admin)
            let credentials: [UserRole: (String, String)] = [
                .viewer: ("vera", "vera has a long passphrase"),
                .editor: ("eddie", "eddie has a long passphrase"),
                .admin: (AuthFixture.adminName, AuthFixture.adminPassword),
            ]
            let routes = catalog.routes
            #expect(routes.count > 20)
            var checked = 0
            for route in routes {
                let path = Self.concretePath(route.path)
                let needed = route.access.minimumRole(publicRead: publicRead)
                for caller in [nil, UserRole.viewer, .editor, .admin] {
                    // A fresh session per call: some routes (logout) end the session they are called with.
                    var token: String?
                    if let caller, let (name, password) = credentials[caller] { token = try await client.login(name, password).access }
                    let json: [String: Any]? = [.post, .put, .patch].contains(route.method) ? [:] : nil
                    let response = try await client.request(route.method, path, json: json, token: token)
                    let status = response.status.code
                    let label: Comment = "\(route.method) \(route.path) as \(caller?.rawValue ?? "anonymous") → \(status)"
                    switch (needed, caller) {
                    case (nil, _):
                        #expect(status != 401 && status != 403, label)
                    case (.some, nil):
                        #expect(status == 401, label)
                        #expect(response.headers[.wwwAuthenticate] != nil, label)
                    case (.some(let needed), .some(let role)) where role < needed:
                        #expect(status == 403, label)
                        // The site's pages answer with their own error page, in HTML; API routes with the error JSON.
                        if response.headers[.contentType]?.hasPrefix("text/html") == true {
                            #expect(String(buffer: response.body).contains("<h1"), label)
                        } else {
                            #expect(try response.json["error_code"] as? String == "FORBIDDEN", label)
                        }
                    default:
                        #expect(status != 401 && status != 403, label)
                    }
                    #expect(status < 500, label)
                    checked += 1
                }
            }
            #expect(checked == routes.count * 4)
        }
    }

    /// A path for a route pattern: parameters become a random UUID, which no record has.
    static func concretePath(_ pattern: String) -> String {
        pattern.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix(":") ? UUID().uuidString.lowercased() : String(segment)
        }.joined(separator: "/")
    }
}
