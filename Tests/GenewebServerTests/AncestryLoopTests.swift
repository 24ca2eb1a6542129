import Foundation
import GenewebServer
import GenewebStore
import GenewebTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// Nobody is their own ancestor: a family write that would close a loop of parent → child links
/// is refused with 422 naming the persons of the loop, on create, PUT and PATCH, as GeneWeb
/// refuses it; and two writes that would close one together cannot both pass.
@Suite("Ancestry loops are refused")
struct AncestryLoopTests {
    /// A line of `count` persons, each the only child of the one before: ids from the eldest.
    static func lineage(_ client: any TestClientProtocol, _ surname: String, count: Int, token: String) async throws -> (persons: [String], families: [String])
    {
        var persons: [String] = []
        var families: [String] = []
        for generation in 0..<count {
            persons.append(try await FamiliesAPITests.person(client, "G\(generation)", surname, sex: "male", born: nil, token: token))
            if generation > 0 {
                let created = try await client.request(
                    .post, "/api/v1/families",
                    json: [
                        "parents": [persons[generation - 1]], "children_ids": [persons[generation]],
                    ], token: token)
                #expect(created.status == .created)
                families.append(try #require(try created.json["id"] as? String))
            }
        }
        return (persons, families)
    }

    /// The 422's loop message, which must name every person of the loop by key and id.
    static func loopMessage(_ response: TestResponse) throws -> String {
        #expect(response.status == .unprocessableContent, "\(String(buffer: response.body))")
        let errors = try response.json.objects("validation_errors")
        return errors.compactMap { $0["message"] as? String }.first { $0.contains("ancestry loop") } ?? ""
    }

    @Test("2 generations: A parent of B, then B parent of A (create, PUT, PATCH)", arguments: serverEngines)
    func twoGenerations(engine: DatabaseEngine) async throws {
        try await withAuthApp(engine) { client in
            let admin = try await client.loginAdmin().access
            let (line, _) = try await Self.lineage(client, "Loop", count: 2, token: admin)
            let (a, b) = (line[0], line[1])
            let created = try await client.request(.post, "/api/v1/families", json: ["parents": [b], "children_ids": [a]], token: admin)
            let message = try Self.loopMessage(created)
            for (id, key) in [(a, "g0.0.loop"), (b, "g1.0.loop")] {
                #expect(message.contains(id) && message.contains(key), "\(message)")
            }
            // A family of B alone is fine; giving it A as a child by PUT or PATCH is not.
            let family = try #require(try await client.request(.post, "/api/v1/families", json: ["parents": [b]], token: admin).json["id"] as? String)
            let put = try await client.request(.put, "/api/v1/families/\(family)", json: ["parents": [b], "children_ids": [a]], token: admin)
            #expect(try Self.loopMessage(put).contains(a))
            let patch = try await client.request(.patch, "/api/v1/families/\(family)", json: ["children_ids": [a]], token: admin)
            #expect(try Self.loopMessage(patch).contains(a))
            // Nothing was written: the family still has no child.
            let stored = try await client.request(.get, "/api/v1/families/\(family)", token: admin).json
            #expect((stored["children_ids"] as? [String])?.isEmpty == true)
            // Someone both parent and child in one family is named too.
            let own = try await client.request(.post, "/api/v1/families", json: ["parents": [a], "children_ids": [a]], token: admin)
            #expect(try Self.loopMessage(own).contains("g0.0.loop"))
        }
    }

    @Test("4 generations: the great-grandson cannot become the great-grandfather's parent; a side branch can", arguments: serverEngines)
    func fourGenerations(engine: DatabaseEngine) async throws {
        try await withAuthApp(engine) { client in
            let admin = try await client.loginAdmin().access
            let (line, families) = try await Self.lineage(client, "Deep", count: 4, token: admin)
            let refused = try await client.request(.post, "/api/v1/families", json: ["parents": [line[3]], "children_ids": [line[0]]], token: admin)
            let message = try Self.loopMessage(refused)
            for (generation, id) in line.enumerated() {
                #expect(message.contains(id) && message.contains("g\(generation).0.deep"), "\(message)")
            }
            // In loop order: the new parent, then each a parent of the next, back to the start.
            let order = line.compactMap { message.range(of: $0)?.lowerBound }
            #expect(order.count == 4 && order[3] < order[0] && order[0] < order[1] && order[1] < order[2])

            // Re-parenting inside the line by PATCH: the grandson's family given the great-grandfather
            // as a child closes a 4-person loop too.
            let patch = try await client.request(.patch, "/api/v1/families/\(families[2])", json: ["children_ids": [line[3], line[0]]], token: admin)
            #expect(try Self.loopMessage(patch).contains(line[1]))

            // Not a loop: a cousin line joining the same ancestor, and a family replacing its own links.
            let cousin = try await FamiliesAPITests.person(client, "Cousin", "Deep", sex: "female", born: nil, token: admin)
            #expect(
                try await client.request(.post, "/api/v1/families", json: ["parents": [line[1]], "children_ids": [cousin]], token: admin).status == .created)
            let replaced = try await client.request(
                .put, "/api/v1/families/\(families[0])", json: ["parents": [line[0]], "children_ids": [line[1], cousin]], token: admin)
            #expect(replaced.status == .ok, "\(String(buffer: replaced.body))")
        }
    }

    @Test("two families written at once that would close a loop together: one is refused", arguments: serverEngines)
    func concurrentHalves(engine: DatabaseEngine) async throws {
        try await withAuthApp(engine) { client in
            let admin = try await client.loginAdmin().access
            for round in 0..<5 {
                let a = try await FamiliesAPITests.person(client, "A\(round)", "Race", sex: "male", born: nil, token: admin)
                let b = try await FamiliesAPITests.person(client, "B\(round)", "Race", sex: "male", born: nil, token: admin)
                async let first = client.request(.post, "/api/v1/families", json: ["parents": [a], "children_ids": [b]], token: admin)
                async let second = client.request(.post, "/api/v1/families", json: ["parents": [b], "children_ids": [a]], token: admin)
                let codes = [try await first.status.code, try await second.status.code].sorted()
                #expect(codes == [201, 422], "round \(round): \(codes)")
            }
        }
    }
}
