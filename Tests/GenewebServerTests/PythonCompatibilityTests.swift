import Foundation
import GenewebServer
import GenewebStore
import GenewebTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// Walks the operations of the Python Geneweb API's OpenAPI document that the resource API covers
/// (persons, families, database, GDPR, search, genealogy), with requests shaped as that document says (trailing
/// slashes, its field names, bodies built from its schemas), and checks the documented status and
/// the response's required fields. Then checks what that service got wrong: what one request
/// creates, the next finds, and lists and search show it.
@Suite("Compatibility with the Python Geneweb API")
struct PythonCompatibilityTests {
    static let documentURL = TestEnvironment.pythonReferenceDocument

    /// The reference document, read anew (JSON objects are not Sendable, so no shared copy).
    static var document: [String: Any]? {
        guard let data = try? Data(contentsOf: documentURL) else { return nil }
        return try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    }

    static let coveredPrefixes = ["/api/v1/persons", "/api/v1/families", "/api/v1/database", "/api/v1/search", "/api/v1/genealogy"]

    /// Read once and never mutated.
    nonisolated(unsafe) static let schemas: [String: Any] = (document?["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:]

    /// Resolves `$ref`, `anyOf` (first non-null) and returns the schema object.
    static func schema(_ raw: Any?) -> [String: Any] {
        guard var schema = raw as? [String: Any] else { return [:] }
        if let ref = schema["$ref"] as? String, let name = ref.split(separator: "/").last {
            schema = schemas[String(name)] as? [String: Any] ?? [:]
        }
        if let options = schema["anyOf"] as? [[String: Any]], let first = options.first(where: { $0["type"] as? String != "null" }) {
            return Self.schema(first)
        }
        return schema
    }

    /// A value for a schema: the required properties of objects, the first enum value, true for booleans.
    static func example(_ raw: Any?, name: String, fixtures: [String: String]) -> Any {
        let schema = schema(raw)
        if let values = schema["enum"] as? [Any], let first = values.first { return first }
        switch schema["type"] as? String {
        case "object":
            var object: [String: Any] = [:]
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for key in schema["required"] as? [String] ?? [] {
                object[key] = example(properties[key], name: key, fixtures: fixtures)
            }
            return object
        case "array":
            return [example(schema["items"], name: name, fixtures: fixtures)]
        case "boolean":
            return true
        case "integer":
            return 1
        case "number":
            return 1.0
        default:
            if let fixture = fixtures[name] { return fixture }
            if schema["format"] as? String == "uuid" { return fixtures["person_id"] ?? UUID().uuidString }
            if schema["format"] as? String == "date-time" { return "2026-01-01T00:00:00Z" }
            return "Compat"
        }
    }

    @Test(
        "every covered operation answers its documented status with its required fields",
        .enabled(if: TestEnvironment.runsPythonReferenceTests, "needs ../shared/reference"))
    func operations() async throws {
        try await withAuthApp(registration: true) { client in
            let document = try #require(Self.document)
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let admin = try await client.loginAdmin().access
            let father = try await FamiliesAPITests.person(client, "Compat", "Father", sex: "male", born: "1850", token: admin)
            let child = try await FamiliesAPITests.person(client, "Compat", "Child", sex: "female", born: "1880", token: admin)
            let subject = try await FamiliesAPITests.person(client, "Compat", "Subject", sex: "female", born: "1890", token: admin)
            let family = try await client.request(.post, "/api/v1/families/", json: ["father_ids": [father], "children_ids": [child]], token: admin)
            let familyID = try #require(try family.json["id"] as? String)
            for name in ["compat_rename", "compat_delete"] {
                _ = try await client.request(.post, "/api/v1/database/databases", json: ["name": name], token: admin)
            }
            var checked = 0
            // Deletions last, so the other operations still find their fixtures.
            let operations = paths.flatMap { path, methods in methods.map { (path, $0.key, $0.value) } }
                .filter { path, _, _ in Self.coveredPrefixes.contains { path.hasPrefix($0) } }
                .sorted { ($0.1 == "delete" ? 1 : 0, $0.0, $0.1) < ($1.1 == "delete" ? 1 : 0, $1.0, $1.1) }
            for (pattern, method, operationAny) in operations {
                let operation = try #require(operationAny as? [String: Any])
                var path = pattern
                let nameFixture = method == "put" ? "compat_rename" : method == "delete" ? "compat_delete" : "default"
                let personFixture = pattern.hasSuffix("/anonymize") ? subject : (method == "delete" ? subject : father)
                for (parameter, value) in ["{person_id}": personFixture, "{family_id}": familyID, "{name}": nameFixture, "{sosa_number}": "2"] {
                    path = path.replacingOccurrences(of: parameter, with: value)
                }
                // Required query parameters: a name to search for, the child as Sosa root (her father is number 2).
                let queryFixtures = ["query": "compat", "root_person_id": child]
                let required = (operation["parameters"] as? [[String: Any]] ?? []).filter { $0["in"] as? String == "query" && $0["required"] as? Bool == true }
                let query = required.compactMap { parameter in (parameter["name"] as? String).map { "\($0)=\(queryFixtures[$0] ?? "1")" } }
                if !query.isEmpty { path += "?" + query.joined(separator: "&") }
                var body: [String: Any]?
                if let content = ((operation["requestBody"] as? [String: Any])?["content"] as? [String: Any])?["application/json"] as? [String: Any] {
                    body =
                        Self.example(
                            content["schema"], name: "body",
                            fixtures: [
                                "person_id": subject, "name": "compat_created", "new_name": "compat_renamed",
                                "reason": "compatibility test", "first_name": "Compat", "last_name": "Created",
                            ]) as? [String: Any]
                }
                let responses = try #require(operation["responses"] as? [String: Any])
                let expected = try #require(responses.keys.compactMap(Int.init).filter { (200..<300).contains($0) }.min())
                let response = try await client.request(HTTPRequest.Method(rawValue: method.uppercased())!, path, json: body, token: admin)
                let label: Comment = "\(method.uppercased()) \(pattern) → \(response.status.code): \(String(buffer: response.body).prefix(300))"
                #expect(Int(response.status.code) == expected, label)
                if let schemaRef = (((responses[String(expected)] as? [String: Any])?["content"] as? [String: Any])?["application/json"] as? [String: Any])?[
                    "schema"]
                {
                    let required = Self.schema(schemaRef)["required"] as? [String] ?? []
                    if !required.isEmpty {
                        let json = try response.json
                        for field in required { #expect(json[field] != nil, "\(label) lacks \(field)") }
                    }
                }
                checked += 1
            }
            #expect(checked >= 31, "walked \(checked) operations")
        }
    }

    @Test("what one request creates, the next finds, in lists and by key, even across the bare and trailing-slash paths")
    func persistence() async throws {
        try await withAuthApp { client in
            let admin = try await client.loginAdmin().access
            let created = try await client.request(
                .post, "/api/v1/persons/", json: ["first_name": "Persisted", "last_name": "Person", "birth_date": "1901-01-01"], token: admin)
            let id = try #require(try created.json["id"] as? String)
            #expect(try await client.request(.get, "/api/v1/persons/\(id)").status == .ok)
            let page = try await client.request(.get, "/api/v1/persons/?last_name=Person&page=1&page_size=20")
            let json = try page.json
            #expect(json["total"] as? Int == 1 && json["page"] as? Int == 1 && json["page_size"] as? Int == 20 && json["has_next"] as? Bool == false)
            #expect(try await client.request(.get, "/api/v1/persons/by-key/persisted.0.person").status == .ok)
            let put = try await client.request(.put, "/api/v1/persons/\(id)", json: ["occupation": "compat"], token: admin)
            #expect(put.status == .ok)
            #expect(try put.json["first_name"] as? String == "Persisted")
        }
    }
}
