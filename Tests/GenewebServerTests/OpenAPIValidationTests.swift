import Foundation
import GenewebServer
import GenewebTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// Issue 14: `/openapi.json` listed `offset` and `limit` twice on search operations, which makes
/// the document invalid, and left out `page`, `page_size` and the synonyms the routes accept.
/// The served document now passes a real validator (PyPI `openapi-spec-validator`, installed by
/// `scripts/python-tools`), and its paging parameters are the ones the routes read.
@Suite("OpenAPI document validity")
struct OpenAPIValidationTests {
    static func document(publicRead: Bool = true) async throws -> Data {
        let box = DataBox()
        try await withAuthApp(publicRead: publicRead) { client in
            let response = try await client.request(.get, "/openapi.json")
            box.data = Data(buffer: response.body)
        }
        return box.data
    }

    @Test("no operation lists a parameter twice")
    func uniqueParameters() async throws {
        let document = try #require(try JSONSerialization.jsonObject(with: try await Self.document()) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        var duplicates: [String] = []
        for (path, operations) in paths {
            for (method, operation) in operations {
                let parameters = (operation as? [String: Any])?["parameters"] as? [[String: Any]] ?? []
                let keys = parameters.map { "\($0["in"] ?? "?"):\($0["name"] ?? "?")" }
                if Set(keys).count != keys.count { duplicates.append("\(method) \(path): \(keys.sorted())") }
            }
        }
        #expect(duplicates.isEmpty, "\(duplicates)")
    }

    @Test("every list documents page, page_size, offset, skip and limit, and the name synonyms the routes read")
    func pagingAndSynonymsDocumented() async throws {
        let document = try #require(try JSONSerialization.jsonObject(with: try await Self.document()) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        func names(_ path: String) -> Set<String> {
            let operation = paths[path]?["get"] as? [String: Any]
            return Set((operation?["parameters"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String })
        }
        let paging: Set<String> = ["page", "page_size", "offset", "skip", "limit"]
        for list in ["persons", "families", "sources", "notes", "places", "search/persons", "search/surnames", "search/first_names"] {
            for path in ["/api/v1/\(list)", "/api/v1/bases/{base}/\(list)"] {
                #expect(paging.isSubset(of: names(path)), "\(path): \(names(path).sorted())")
            }
        }
        for path in ["/api/v1/users", "/api/v1/audit"] { #expect(paging.isSubset(of: names(path)), "\(path)") }
        #expect(["q", "query", "last_name", "surname"].allSatisfy(names("/api/v1/search/persons").contains))
        #expect(["last_name", "birth_year_min", "birth_year_max"].allSatisfy(names("/api/v1/persons").contains))
        #expect(["direction", "tree_type"].allSatisfy(names("/api/v1/genealogy/tree/{person_id}").contains))
        #expect(["action", "entity_id"].allSatisfy(names("/api/v1/audit").contains))
    }

    @Test("the documented paging synonyms page: skip and page_size, page and page_size, on every list")
    func pagingSynonymsWork() async throws {
        try await withAuthApp { client in
            let admin = try await client.loginAdmin().access
            _ = try await PersonsAPITests.create(client, ["first_name": "Anne", "surname": "Paging"], token: admin)
            let document = try await client.request(.get, "/openapi.json").json
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            var checked = 0
            for (path, operations) in paths.sorted(by: { $0.key < $1.key }) where !path.replacingOccurrences(of: "{base}", with: "").contains("{") {
                guard let get = operations["get"] as? [String: Any],
                    (get["parameters"] as? [[String: Any]] ?? []).contains(where: { $0["name"] as? String == "skip" })
                else { continue }
                let concrete = path.replacingOccurrences(of: "{base}", with: "default")
                let extra = path.hasSuffix("/search/persons") ? "&q=a" : ""
                for (query, offset) in [("skip=3&page_size=7", 3), ("page=3&page_size=7", 14), ("offset=2&limit=7", 2)] {
                    let response = try await client.request(.get, "\(concrete)?\(query)\(extra)", token: admin)
                    let json = try response.json
                    #expect(response.status == .ok, "\(concrete)?\(query)")
                    #expect(
                        json["offset"] as? Int == offset && json["limit"] as? Int == 7,
                        "\(concrete)?\(query): \(json["offset"] ?? "-"), \(json["limit"] ?? "-")")
                    checked += 1
                }
            }
            #expect(checked >= 3 * 16)
        }
    }

    @Test("the served document passes openapi-spec-validator", arguments: [true, false])
    func validatorAccepts(publicRead: Bool) async throws {
        guard let validator = OpenAPIValidator.executable else {
            if TestEnvironment.isCI { Issue.record("openapi-spec-validator is missing: scripts/test installs it (scripts/python-tools)") }
            return
        }
        let directory = TemporaryDirectory()
        let file = directory.url.appendingPathComponent("openapi.json")
        try await Self.document(publicRead: publicRead).write(to: file)
        let (status, output) = try await OpenAPIValidator.run(validator, file)
        #expect(status == 0, "\(output)")
        #expect(output.contains("OK"), "\(output)")
    }

    @Test("the validator is real: it refuses a document with a parameter listed twice")
    func validatorRefusesDuplicates() async throws {
        guard let validator = OpenAPIValidator.executable else { return }
        let directory = TemporaryDirectory()
        let file = directory.url.appendingPathComponent("openapi.json")
        let parameter: [String: Any] = ["name": "offset", "in": "query", "schema": ["type": "integer"]]
        let broken: [String: Any] = [
            "openapi": "3.1.0", "info": ["title": "t", "version": "1"],
            "paths": ["/x": ["get": ["parameters": [parameter, parameter], "responses": ["200": ["description": "ok"]]]]],
        ]
        try JSONSerialization.data(withJSONObject: broken).write(to: file)
        let (status, _) = try await OpenAPIValidator.run(validator, file)
        #expect(status != 0)
    }
}

final class DataBox: @unchecked Sendable {
    var data = Data()
}

/// PyPI's `openapi-spec-validator`: `GENEWEB_OPENAPI_VALIDATOR` (set by `scripts/test`), else the
/// virtual environment `scripts/python-tools` makes under `.build/python-tools`.
enum OpenAPIValidator {
    static var executable: URL? {
        if let path = ProcessInfo.processInfo.environment["GENEWEB_OPENAPI_VALIDATOR"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        let candidate = TestEnvironment.packageRoot.appendingPathComponent(".build/python-tools/bin/openapi-spec-validator")
        return FileManager.default.isExecutableFile(atPath: candidate.path) ? candidate : nil
    }

    static func run(_ executable: URL, _ file: URL) async throws -> (Int32, String) {
        try await runProgram(executable, [file.path])
    }
}
