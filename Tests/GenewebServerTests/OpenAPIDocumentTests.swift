import Foundation
import GenewebServer
import GenewebTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("OpenAPI document and /docs")
struct OpenAPIDocumentTests {
    @Test("every registered route is documented, and every documented operation answers (no 404/405)")
    func completeness() async throws {
        let catalog = RouteCatalog()
        try await withAuthApp(catalog: catalog) { client in
            let response = try await client.request(.get, "/openapi.json")
            #expect(response.status == .ok)
            let document = try response.json
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            for route in catalog.documentedRoutes {
                let path = route.path.split(separator: "/", omittingEmptySubsequences: false)
                    .map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
                #expect(paths[path]?[route.method.rawValue.lowercased()] != nil, "\(route.method) \(route.path) is not documented")
            }
            let admin = try await client.loginAdmin().access
            var operations = 0
            for (path, methods) in paths {
                for (method, operationAny) in methods {
                    let concrete = path.split(separator: "/", omittingEmptySubsequences: false).map { segment -> String in
                        guard segment.hasPrefix("{") else { return String(segment) }
                        return segment == "{base}" ? "default" : UUID().uuidString.lowercased()
                    }.joined(separator: "/")
                    guard !concrete.hasSuffix("/logout") else { continue }
                    let httpMethod = HTTPRequest.Method(rawValue: method.uppercased())!
                    let body: [String: Any]? = ["post", "put", "patch"].contains(method) ? [:] : nil
                    let answer = try await client.request(httpMethod, concrete, json: body, token: admin)
                    #expect(answer.status != .methodNotAllowed, "\(method) \(path)")
                    if answer.status == .notFound {
                        // A 404 must be about the record (random id), not the route.
                        #expect(!(try answer.json["detail"] as? String ?? "").hasPrefix("No route"), "\(method) \(path) has no route")
                    }
                    let operation = try #require(operationAny as? [String: Any])
                    #expect(operation["responses"] is [String: Any])
                    operations += 1
                }
            }
            #expect(operations == catalog.documentedRoutes.count - 2, "all but the two logout routes")
            let schemes = ((document["components"] as? [String: Any])?["securitySchemes"] as? [String: Any])?.keys.sorted()
            #expect(schemes == ["HTTPBearer", "OAuth2PasswordBearer"])
            let me = try #require(paths["/auth/me"]?["get"] as? [String: Any])
            #expect(me["security"] != nil)
            #expect((me["responses"] as? [String: Any])?["401"] != nil)
        }
    }

    @Test("every $ref resolves; the main payloads have schemas, and real answers have their required fields")
    func schemas() async throws {
        try await withAuthApp { client in
            let data = Data(buffer: try await client.request(.get, "/openapi.json").body)
            let text = String(decoding: data, as: UTF8.self)
            let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
            let refs = try NSRegularExpression(pattern: ##""\$ref":"#/components/schemas/([A-Za-z]+)""##)
            let names = Set(
                refs.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { Range($0.range(at: 1), in: text).map { String(text[$0]) } })
            #expect(names.count >= 20)
            for name in names { #expect(schemas[name] != nil, "unresolved $ref \(name)") }
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            func responseRef(_ path: String, _ method: String, _ status: String) -> String? {
                let operation = paths[path]?[method] as? [String: Any]
                let response = (operation?["responses"] as? [String: Any])?[status] as? [String: Any]
                let schema = ((response?["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as? [String: Any]
                return schema?["$ref"] as? String
            }
            #expect(responseRef("/api/v1/persons/{person_id}", "get", "200") == "#/components/schemas/VisiblePerson")
            #expect(responseRef("/api/v1/bases/{base}/families", "get", "200") == "#/components/schemas/FamilyPage")
            #expect(responseRef("/auth/login", "post", "200") == "#/components/schemas/LoginResponse")
            // A real person has every field its schema requires.
            let admin = try await client.loginAdmin().access
            let person = try await PersonsAPITests.create(client, ["first_name": "Schema", "surname": "Check"], token: admin)
            let required = (schemas["Person"] as? [String: Any])?["required"] as? [String] ?? []
            #expect(required.count >= 8)
            for field in required { #expect(person[field] != nil, "Person lacks \(field)") }
        }
    }

    @Test("/docs is served from the binary with its script and style, under a strict CSP")
    func docsPage() async throws {
        try await withAuthApp { client in
            let page = try await client.request(.get, "/docs")
            #expect(page.status == .ok)
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(String(buffer: page.body).contains("/docs/app.js"))
            #expect(page.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            #expect(!String(buffer: page.body).contains("https://"), "no CDN")
            let script = try await client.request(.get, "/docs/app.js")
            #expect(String(buffer: script.body).contains("/openapi.json"))
            #expect(try await client.request(.get, "/docs/app.css").status == .ok)
        }
    }

    @Test("every operation of the Python API's document exists here", .enabled(if: TestEnvironment.runsPythonReferenceTests, "needs ../shared/reference"))
    func pythonOperationsExist() async throws {
        let data = try Data(contentsOf: TestEnvironment.pythonReferenceDocument)
        let reference = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let catalog = RouteCatalog()
        try await withAuthApp(catalog: catalog) { _ in }
        let ours = Set(catalog.documentedRoutes.map { "\($0.method.rawValue) \(OpenAPIPath.normalized($0.path))" })
        var missing: [String] = []
        for (path, methods) in try #require(reference["paths"] as? [String: Any]) {
            for method in (methods as? [String: Any] ?? [:]).keys {
                let key = "\(method.uppercased()) \(OpenAPIPath.normalized(path))"
                if !ours.contains(key) { missing.append(key) }
            }
        }
        #expect(missing.isEmpty, "\(missing.sorted())")
    }

    @Test("documented query parameters are the ones the routes check: a value outside the schema answers 422")
    func queryParametersAreEnforced() async throws {
        let catalog = RouteCatalog()
        try await withAuthApp(catalog: catalog) { client in
            let admin = try await client.loginAdmin().access
            let document = try await client.request(.get, "/openapi.json").json
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            var checked = 0
            for (path, operations) in paths where !path.contains("{") {
                guard let get = operations["get"] as? [String: Any] else { continue }
                for parameter in get["parameters"] as? [[String: Any]] ?? [] where parameter["in"] as? String == "query" {
                    let name = try #require(parameter["name"] as? String)
                    let schema = parameter["schema"] as? [String: Any] ?? [:]
                    var wrong: [String] = []
                    if schema["enum"] != nil { wrong.append("not-a-choice") }
                    if let maximum = schema["maximum"] as? Int { wrong.append(String(maximum + 1)) }
                    if let minimum = schema["minimum"] as? Int { wrong.append(String(minimum - 1)) }
                    if let maxLength = schema["maxLength"] as? Int { wrong.append(String(repeating: "a", count: maxLength + 1)) }
                    for value in wrong {
                        // Search needs some criterion besides the one under test.
                        let extra = path.hasSuffix("/search/persons") && !["query", "q"].contains(name) ? "&query=a" : ""
                        let response = try await client.request(.get, "\(path)?\(name)=\(value)\(extra)", token: admin)
                        #expect(response.status == .unprocessableContent, "\(path)?\(name)=\(value.prefix(20)) → \(response.status.code)")
                        checked += 1
                    }
                }
            }
            #expect(checked > 30)
        }
    }
}

/// Paths compared by shape: parameters by position, not name; no trailing slash.
enum OpenAPIPath {
    static func normalized(_ path: String) -> String {
        path.split(separator: "/").map { $0.hasPrefix(":") || $0.hasPrefix("{") ? "*" : String($0) }.joined(separator: "/")
    }
}
