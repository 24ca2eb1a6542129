import Foundation
import GenewebServer
import GenewebStore
import GenewebTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// Issue 14: PostgreSQL text cannot hold a NUL character, so one in request text used to answer
/// 500 there (and be stored on SQLite). Both engines now refuse it at the request boundary with
/// 422 naming the field: query strings, path parameters, JSON bodies, form bodies.
@Suite("NUL characters in request text")
struct NulCharacterTests {
    struct Case: Sendable {
        let method: HTTPRequest.Method
        let uri: String
        let body: String?
        let contentType: String
        let field: String

        init(_ method: HTTPRequest.Method, _ uri: String, json: String? = nil, form: String? = nil, field: String) {
            self.method = method
            self.uri = uri
            body = json ?? form
            contentType = form == nil ? "application/json" : "application/x-www-form-urlencoded"
            self.field = field
        }
    }

    static func cases(personID: String) -> [Case] {
        [
            Case(.get, "/api/v1/search/persons?q=Jean%00Probe", field: "q"),
            Case(.get, "/api/v1/search/persons?query=%00", field: "query"),
            Case(.get, "/api/v1/persons?surname=Pro%00be", field: "surname"),
            Case(.get, "/api/v1/search/surnames?prefix=%00", field: "prefix"),
            Case(.get, "/api/v1/sources?q=a%00", field: "q"),
            Case(.get, "/api/v1/audit?action=person.create%00", field: "action"),
            Case(.get, "/api/v1/audit?entity_id=%00", field: "entity_id"),
            Case(.get, "/api/v1/persons?database=default%00", field: "database"),
            Case(.get, "/api/v1/persons/by-key/jean%00.0.probe", field: "path"),
            Case(.get, "/api/v1/bases/de%00fault/persons", field: "path"),
            Case(.post, "/api/v1/persons", json: #"{"first_name": "Jean\u0000", "surname": "Probe"}"#, field: "first_name"),
            Case(.patch, "/api/v1/persons/\(personID)", json: #"{"titles": [{"title": "Count\u0000"}]}"#, field: "titles.0.title"),
            Case(.patch, "/api/v1/persons/\(personID)", json: #"{"birth": {"place": "Lyon\u0000"}}"#, field: "birth.place"),
            Case(.post, "/api/v1/notes", json: #"{"text": "a\u0000b"}"#, field: "text"),
            Case(.post, "/api/v1/places", json: #"{"name": "Lyon", "na\u0000me": "x"}"#, field: #"na\u0000me"#),
            Case(.post, "/auth/login", json: #"{"username": "ad\u0000min", "password": "anything at all"}"#, field: "username"),
            Case(.post, "/auth/login/oauth2", form: "username=ad%00min&password=anything", field: "username"),
            Case(
                .post, "/api/v1/users", json: #"{"username": "eve\u0000", "password": "a long passphrase here", "email": "e@example.org"}"#, field: "username"),
        ]
    }

    @Test("a NUL in a query, path, JSON or form field answers 422 naming the field; nothing is stored", arguments: serverEngines)
    func refusedWithField(engine: DatabaseEngine) async throws {
        try await withAuthApp(engine) { client in
            let admin = try await client.loginAdmin().access
            let person = try await PersonsAPITests.create(client, ["first_name": "Jean", "surname": "Probe"], token: admin)
            let personID = try #require(person["id"] as? String)
            for item in Self.cases(personID: personID) {
                var headers = HTTPFields()
                headers[.authorization] = "Bearer \(admin)"
                headers[.contentType] = item.contentType
                let response = try await client.execute(
                    uri: item.uri, method: item.method, headers: headers,
                    body: item.body.map { ByteBuffer(string: $0) })
                let label: Comment = "\(item.method) \(item.uri) → \(response.status.code) \(String(buffer: response.body).prefix(300))"
                #expect(response.status == .unprocessableContent, label)
                let errors = (try? response.json["validation_errors"] as? [[String: Any]]) ?? []
                #expect(errors.contains { $0["field"] as? String == item.field }, label)
            }
            let persons = try await client.request(.get, "/api/v1/persons", token: admin).json
            #expect(persons["total"] as? Int == 1)
            let notes = try await client.request(.get, "/api/v1/notes", token: admin).json
            #expect(notes["total"] as? Int == 0)
            let stored = try await client.request(.get, "/api/v1/persons/\(personID)", token: admin).json
            #expect((stored["titles"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("every route with a NUL in each query and path parameter: 422, anonymous or admin", arguments: serverEngines)
    func everyRoute(engine: DatabaseEngine) async throws {
        let catalog = RouteCatalog()
        try await withAuthApp(engine, logger: quietLogger, catalog: catalog) { client in
            let admin = try await client.loginAdmin().access
            let document = try await client.request(.get, "/openapi.json").json
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            var failures: [String] = []
            var checked = 0
            for route in catalog.routes where !route.path.hasSuffix("/logout") {
                let pattern = route.path.split(separator: "/", omittingEmptySubsequences: false)
                    .map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
                let operation = paths[pattern]?[route.method.rawValue.lowercased()] as? [String: Any] ?? [:]
                let documented = (operation["parameters"] as? [[String: Any]] ?? []).filter { $0["in"] as? String == "query" }.compactMap {
                    $0["name"] as? String
                }
                let concrete = AuthorizationMatrixTests.concretePath(route.path)
                var targets = Set(documented + HostileInputProbe.pagingNames).map { "\(concrete)?\($0)=a%00b" }
                for (index, segment) in route.path.split(separator: "/", omittingEmptySubsequences: false).enumerated() where segment.hasPrefix(":") {
                    var segments = concrete.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
                    segments[index] = "a%00b"
                    targets.append(segments.joined(separator: "/"))
                }
                for target in targets {
                    for token in [nil, admin] {
                        let body: [String: Any]? = [.post, .put, .patch].contains(route.method) ? [:] : nil
                        let status = try await client.request(route.method, target, json: body, token: token).status.code
                        if status != 422 { failures.append("\(route.method) \(target) as \(token == nil ? "anonymous" : "admin") → \(status)") }
                        checked += 1
                    }
                }
            }
            #expect(failures.isEmpty, "\(failures.count) of \(checked): \(failures.prefix(30).joined(separator: "\n"))")
            #expect(checked > 500)
            #expect(try await client.request(.get, "/health/live").status == .ok)
        }
    }
}
