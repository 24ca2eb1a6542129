import Foundation
@testable import GenewebServer
import GenewebTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// The error middleware on a router of its own with one JSON route, until the resource routes of
/// later issues exercise the same path through the real application.
@Suite("Request bodies that cannot be decoded")
struct MalformedBodyTests {
    struct Greeting: Codable { let name: String }

    func makeApp() -> some ApplicationProtocol {
        let catalog = RouteCatalog()
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: ErrorMiddleware(catalog: catalog))
        router.route(.post, "/echo", in: catalog) { request, context in
            let greeting = try await request.decode(as: Greeting.self, context: context)
            return try JSONResponse.encode(greeting)
        }
        return Application(router: router)
    }

    @Test("malformed JSON is a 400 with the error JSON", arguments: ["{not json", "", "[1,2", "{\"name\": 3}", "{}"])
    func malformed(body: String) async throws {
        try await makeApp().test(.router) { client in
            try await client.execute(uri: "/echo", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: body)) { response in
                #expect(response.status == .badRequest)
                let json = try response.json
                #expect(json["error_code"] as? String == "BAD_REQUEST")
                #expect(json["path"] as? String == "/echo")
            }
        }
    }

    @Test("a body over the JSON limit is a 413 with the error JSON")
    func tooLarge() async throws {
        let big = "{\"name\": \"" + String(repeating: "x", count: 1_100_000) + "\"}"
        try await makeApp().test(.router) { client in
            try await client.execute(uri: "/echo", method: .post, body: ByteBuffer(string: big)) { response in
                #expect(response.status == .contentTooLarge)
                let json = try response.json
                #expect(json["error_code"] as? String == "PAYLOAD_TOO_LARGE")
            }
        }
    }

    @Test("valid JSON passes through")
    func valid() async throws {
        try await makeApp().test(.router) { client in
            try await client.execute(uri: "/echo", method: .post, body: ByteBuffer(string: "{\"name\":\"Ada\"}")) { response in
                #expect(response.status == .ok)
                let json = try response.json
                #expect(json["name"] as? String == "Ada")
            }
        }
    }
}
