import Foundation
import GenewebServer
import GenewebStore
import GenewebTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Error responses are the JSON of API.md")
struct ErrorResponseTests {
    @Test("a write refused by the store is answered once for every route: a stale family is a 412 naming the family, with its ETag", arguments: serverEngines)
    func writeConflict(engine: DatabaseEngine) async throws {
        try await withAuthApp(engine) { client in
            let admin = try await client.loginAdmin().access
            let parent = try await FamiliesAPITests.person(client, "Pierre", "Martin", sex: "male", born: "1820", token: admin)
            let created = try await client.request(.post, "/api/v1/families", json: ["parents": [parent]], token: admin)
            let id = try #require(try created.json["id"] as? String)
            #expect(
                try await client.request(.patch, "/api/v1/families/\(id)", json: ["comment": "a"], token: admin, headers: [.ifMatch: "\"1\""]).status == .ok)
            let stale = try await client.request(.patch, "/api/v1/families/\(id)", json: ["comment": "b"], token: admin, headers: [.ifMatch: "\"1\""])
            #expect(stale.status == .preconditionFailed)
            #expect(stale.headers[.eTag] == "\"2\"")
            #expect((try stale.json["detail"] as? String)?.hasPrefix("The family changed since you read it") == true)
            let stalePerson = try await client.request(
                .delete, "/api/v1/persons/\(parent)?cascade=unlink", token: admin, headers: [.ifMatch: "\"9\""])
            #expect(stalePerson.status == .preconditionFailed)
            #expect((try stalePerson.json["detail"] as? String)?.hasPrefix("The person changed") == true)
        }
    }

    @Test("an unknown route is a 404 with the error JSON")
    func notFound() async throws {
        let directory = TemporaryDirectory()
        let app = try await buildApplication(configuration: testConfiguration(directory: directory), logger: testLogger)
        try await app.test(.router) { client in
            try await client.execute(uri: "/no/such/route?x=1", method: .get) { response in
                #expect(response.status == .notFound)
                let json = try response.json
                #expect(json["error_code"] as? String == "NOT_FOUND")
                #expect(json["path"] as? String == "/no/such/route")
                #expect((json["detail"] as? String)?.isEmpty == false)
                #expect((json["request_id"] as? String)?.isEmpty == false)
                #expect(json["request_id"] as? String == response.headers[.init("X-Request-ID")!])
                let timestamp = try #require(json["timestamp"] as? String)
                #expect(try Date(timestamp, strategy: .iso8601) <= Date())
            }
        }
    }

    @Test("a known path with the wrong method is a 405 with Allow")
    func methodNotAllowed() async throws {
        let directory = TemporaryDirectory()
        let app = try await buildApplication(configuration: testConfiguration(directory: directory), logger: testLogger)
        try await app.test(.router) { client in
            try await client.execute(uri: "/health/ready", method: .delete) { response in
                #expect(response.status == .methodNotAllowed)
                let json = try response.json
                #expect(json["error_code"] as? String == "METHOD_NOT_ALLOWED")
                #expect(response.headers[.allow]?.contains("GET") == true)
            }
            try await client.execute(uri: "/health/", method: .post, body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .methodNotAllowed)
            }
        }
    }

    @Test("a sane X-Request-ID is kept; a hostile one is replaced")
    func requestID() async throws {
        let directory = TemporaryDirectory()
        let app = try await buildApplication(configuration: testConfiguration(directory: directory), logger: testLogger)
        try await app.test(.router) { client in
            try await client.execute(uri: "/nope", method: .get, headers: [.init("X-Request-ID")!: "abc-123.def"]) { response in
                #expect(response.headers[.init("X-Request-ID")!] == "abc-123.def")
                let json = try response.json
                #expect(json["request_id"] as? String == "abc-123.def")
            }
            try await client.execute(uri: "/health", method: .get, headers: [.init("X-Request-ID")!: "evil\" injected=1"]) { response in
                let id = try #require(response.headers[.init("X-Request-ID")!])
                #expect(id != "evil\" injected=1")
                #expect(id.count == 36)
            }
        }
    }
}
