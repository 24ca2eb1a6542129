import Foundation
import GenewebServer
import GenewebStore
import GenewebTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// Occurrence numbers tell namesakes apart (GeneWeb's `jean.1.dupont`): giving one is atomic, so
/// namesakes written at the same time all get in, each with its own number, on both engines; and
/// a key the database itself refuses is a 409, never a 500.
@Suite("Namesakes written at the same time")
struct NamesakeConcurrencyTests {
    static let writers = 20

    /// Runs `request` `writers` times at once and returns the answers.
    static func together(_ request: @escaping @Sendable (Int) async throws -> TestResponse) async throws -> [TestResponse] {
        try await withThrowingTaskGroup(of: TestResponse.self) { group in
            for index in 0..<writers { group.addTask { try await request(index) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test("20 concurrent creates of the same name: 20 × 201 with 20 distinct occurrence numbers", arguments: serverEngines)
    func concurrentCreates(engine: DatabaseEngine) async throws {
        try await withAuthApp(engine) { client in
            let admin = try await client.loginAdmin().access
            let answers = try await Self.together { _ in
                try await client.request(.post, "/api/v1/persons", json: ["first_name": "Jean", "surname": "Dupont"], token: admin)
            }
            #expect(answers.map(\.status.code) == Array(repeating: 201, count: Self.writers), "\(answers.map { String(buffer: $0.body).prefix(200) })")
            let occurrences = try answers.compactMap { try $0.json["occurrence"] as? Int }
            #expect(Set(occurrences) == Set(0..<Self.writers))
            // The stored keys agree with the answers.
            let listed = try await client.request(.get, "/api/v1/persons?surname=dupont&limit=100", token: admin).json
            let keys = try listed.objects("items").compactMap { $0["key"] as? String }
            #expect(Set(keys) == Set((0..<Self.writers).map { "jean.\($0).dupont" }))
        }
    }

    @Test("20 concurrent renames onto an existing name, by PUT and PATCH: each gets in with its own number", arguments: serverEngines)
    func concurrentRenames(engine: DatabaseEngine) async throws {
        try await withAuthApp(engine) { client in
            let admin = try await client.loginAdmin().access
            let existing = try await PersonsAPITests.create(client, ["first_name": "Marie", "surname": "Curie"], token: admin)
            #expect(existing["key"] as? String == "marie.0.curie")
            var ids: [String] = []
            for index in 0..<Self.writers {
                let json = try await PersonsAPITests.create(client, ["first_name": "Someone\(index)", "surname": "Else"], token: admin)
                ids.append(try #require(json["id"] as? String))
            }
            let targets = ids
            let answers = try await Self.together { index in
                index.isMultiple(of: 2)
                    ? try await client.request(.patch, "/api/v1/persons/\(targets[index])", json: ["first_name": "Marie", "surname": "Curie"], token: admin)
                    : try await client.request(
                        .put, "/api/v1/persons/\(targets[index])", json: ["first_name": "Marie", "surname": "Curie", "sex": "female"], token: admin)
            }
            #expect(answers.map(\.status.code) == Array(repeating: 200, count: Self.writers), "\(answers.map { String(buffer: $0.body).prefix(200) })")
            let occurrences = try answers.compactMap { try $0.json["occurrence"] as? Int }
            #expect(Set(occurrences) == Set(1...Self.writers))
            // A rename that names a taken number explicitly is refused, not renumbered.
            let own = try await client.request(.get, "/api/v1/persons/\(targets[0])", token: admin).json["occurrence"] as? Int
            let explicit = try await client.request(.patch, "/api/v1/persons/\(targets[0])", json: ["occurrence": own == 7 ? 8 : 7], token: admin)
            #expect(explicit.status == .conflict, "\(String(buffer: explicit.body))")
            #expect(try explicit.json["error_code"] as? String == "CONFLICT")
            // Keeping one's name keeps one's number.
            let before = try await client.request(.get, "/api/v1/persons/\(targets[1])", token: admin).json["occurrence"] as? Int
            let kept = try await client.request(.patch, "/api/v1/persons/\(targets[1])", json: ["occupation": "chimiste"], token: admin)
            let after = try kept.json["occurrence"] as? Int
            #expect(before != nil && after == before)
        }
    }

    @Test("the database's own unique key refusal is a 409 on both engines: 20 concurrent accounts with one username", arguments: serverEngines)
    func uniqueViolationIsConflict(engine: DatabaseEngine) async throws {
        try await withAuthApp(engine) { client in
            let admin = try await client.loginAdmin().access
            // The account check and the insert are two statements: racing writers pass the first
            // and meet the UNIQUE constraint of the second.
            let answers = try await Self.together { _ in
                try await client.request(
                    .post, "/api/v1/users",
                    json: [
                        "username": "twin", "password": "twin has a long passphrase", "email": "twin@example.org", "role": "viewer",
                    ], token: admin)
            }
            let codes = answers.map(\.status.code)
            #expect(codes.filter { $0 == 201 }.count == 1, "\(codes)")
            #expect(codes.filter { $0 == 409 }.count == Self.writers - 1, "\(codes)")
            for answer in answers where answer.status == .conflict {
                #expect(try answer.json["error_code"] as? String == "CONFLICT")
            }
        }
    }
}
