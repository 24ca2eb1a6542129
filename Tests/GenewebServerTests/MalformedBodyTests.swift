import Foundation
import GenewebServer
import GenewebTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// Bodies that cannot be read, through a real JSON route (`POST /auth/login`).
@Suite("Request bodies that cannot be decoded")
struct MalformedBodyTests {
    @Test("a body that is not JSON is a 400 with the error JSON", arguments: ["{not json", "[1,2", "nul"])
    func notJSON(body: String) async throws {
        try await withAuthApp { client in
            let response = try await client.execute(
                uri: "/auth/login", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: body))
            #expect(response.status == .badRequest)
            let json = try response.json
            #expect(json["error_code"] as? String == "BAD_REQUEST")
            #expect(json["path"] as? String == "/auth/login")
        }
    }

    @Test(
        "JSON without the required fields, or with wrong types, is a 422 naming the field",
        arguments: [
            ("{}", "username"), ("{\"username\": 3, \"password\": \"x\"}", "username"), ("", "body"), ("{\"username\": \"a\"}", "password"),
        ])
    func missingFields(body: String, field: String) async throws {
        try await withAuthApp { client in
            let response = try await client.execute(
                uri: "/auth/login", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: body))
            #expect(response.status == .unprocessableContent)
            let json = try response.json
            #expect(json["error_code"] as? String == "VALIDATION_ERROR")
            let errors = json["validation_errors"] as? [[String: Any]]
            #expect(errors?.first?["field"] as? String == field)
        }
    }

    @Test("a body over the JSON limit is a 413 with the error JSON")
    func tooLarge() async throws {
        let big = "{\"username\": \"" + String(repeating: "x", count: 1_100_000) + "\"}"
        try await withAuthApp { client in
            let response = try await client.execute(uri: "/auth/login", method: .post, body: ByteBuffer(string: big))
            #expect(response.status == .contentTooLarge)
            #expect(try response.json["error_code"] as? String == "PAYLOAD_TOO_LARGE")
        }
    }
}
