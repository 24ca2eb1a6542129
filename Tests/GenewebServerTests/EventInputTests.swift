import Foundation
import GenewebCore
import GenewebStore
import GenewebTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GenewebServer

/// One event shape for persons and families (`EventInput`): the same fields, the same witness
/// rule, and an OpenAPI schema made from the description the parser reads.
@Suite("Event input")
struct EventInputTests {
    /// A family of two parents and a child, with the given events; the answer of the write.
    static func family(_ client: any TestClientProtocol, events: [[String: Any]], token: String) async throws -> TestResponse {
        let father = try await FamiliesAPITests.person(client, "Pierre", "Martin", sex: "male", born: "1820", token: token)
        let mother = try await FamiliesAPITests.person(client, "Marie", "Durand", sex: "female", born: "1825", token: token)
        return try await client.request(.post, "/api/v1/families", json: ["parents": [father, mother], "events": events], token: token)
    }

    @Test("age is read on both persons' and families' events", arguments: serverEngines)
    func age(engine: DatabaseEngine) async throws {
        try await withAuthApp(engine) { client in
            let admin = try await client.loginAdmin().access
            let person = try await PersonsAPITests.create(
                client, ["first_name": "Jean", "surname": "Age", "events": [["kind": "occupation", "date": "1850", "age": "30"]]], token: admin)
            #expect((person["events"] as? [[String: Any]])?.first?["age"] as? String == "30")
            let family = try await Self.family(client, events: [["event_name": "marriage_contract", "date": "1848", "age": "25"]], token: admin)
            #expect(family.status == .created)
            #expect((try family.json["events"] as? [[String: Any]])?.first?["age"] as? String == "25")
        }
    }

    @Test("witness kinds: absent is a plain witness, ours and the Python API's are read, any other is refused on both routes", arguments: serverEngines)
    func witnessKinds(engine: DatabaseEngine) async throws {
        try await withAuthApp(engine) { client in
            let admin = try await client.loginAdmin().access
            let witness = try await FamiliesAPITests.person(client, "Paul", "Témoin", sex: "male", born: "1800", token: admin)
            let witnesses: [[String: Any]] = [
                ["person_id": witness], ["person_id": witness, "kind": "witness_godparent"],
                ["person_id": witness, "witness_kind": "witness_religiousofficer"],
            ]
            let person = try await PersonsAPITests.create(
                client, ["first_name": "Jean", "surname": "Baptisé", "events": [["kind": "occupation", "witnesses": witnesses]]], token: admin)
            let personKinds = ((person["events"] as? [[String: Any]])?.first?["witnesses"] as? [[String: Any]])?.map { $0["kind"] as? String }
            #expect(personKinds == ["witness", "witness_godparent", "witness_religious_officer"])
            let family = try await Self.family(client, events: [["event_name": "marriage_contract", "witnesses": witnesses]], token: admin)
            let familyKinds = ((try family.json["events"] as? [[String: Any]])?.first?["witnesses"] as? [[String: Any]])?.map { $0["kind"] as? String }
            #expect(familyKinds == personKinds)

            let unknown: [[String: Any]] = [["person_id": witness, "kind": "godfather"]]
            let refusedPerson = try await client.request(
                .post, "/api/v1/persons", json: ["first_name": "Jean", "surname": "Refusé", "events": [["kind": "occupation", "witnesses": unknown]]],
                token: admin)
            #expect(refusedPerson.status == .unprocessableContent)
            #expect(String(buffer: refusedPerson.body).contains("events.0.witnesses.0.kind"))
            let refusedFamily = try await Self.family(client, events: [["event_name": "marriage_contract", "witnesses": unknown]], token: admin)
            #expect(refusedFamily.status == .unprocessableContent)
            #expect(String(buffer: refusedFamily.body).contains("events.0.witnesses.0.kind"))
        }
    }

    @Test("the OpenAPI event schemas are made from the fields the parser reads")
    func schema() throws {
        let names = Set(EventInput.fields.flatMap(\.names))
        let listed = try #require(EventInput.schema(kind: true)["properties"] as? [String: Any])
        #expect(Set(listed.keys) == names)
        let vital = try #require(EventInput.schema(kind: false)["properties"] as? [String: Any])
        #expect(Set(vital.keys) == names.subtracting(["kind", "type", "event_name", "custom_name"]))
        let schemas = OpenAPISchemas.all
        #expect(NSDictionary(dictionary: schemas["EventInput"] as? [String: Any] ?? [:]).isEqual(to: EventInput.schema(kind: true)))
        #expect(NSDictionary(dictionary: schemas["VitalEventInput"] as? [String: Any] ?? [:]).isEqual(to: EventInput.schema(kind: false)))

        // Every documented field is read; anything else is refused.
        for name in names {
            var input = EventInput()
            var event = GenewebCore.Event(kind: .custom(""))
            input.apply([name: NSNull()], to: &event, field: "e", allowKind: true)
            #expect(!input.errors.contains { $0.message == "is not a field of an event" }, "\(name)")
        }
        var input = EventInput()
        var event = GenewebCore.Event(kind: .custom(""))
        input.apply(["colour": "red"], to: &event, field: "e", allowKind: true)
        #expect(input.errors.map(\.field) == ["e.colour"])
    }
}
