import Foundation
import GenewebServer
import GenewebStore
import GenewebTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Families API")
struct FamiliesAPITests {
    static func person(_ client: any TestClientProtocol, _ first: String, _ surname: String, sex: String, born: String?, token: String) async throws -> String {
        var body: [String: Any] = ["first_name": first, "surname": surname, "sex": sex]
        if let born { body["birth_date"] = born }
        let json = try await PersonsAPITests.create(client, body, token: token)
        return try #require(json["id"] as? String)
    }

    @Test("create with Python field names → read with ordered children and names → patch → person's families → delete", arguments: serverEngines)
    func lifecycle(engine: DatabaseEngine) async throws {
        try await withAuthApp(engine) { client in
            let admin = try await client.loginAdmin().access
            let father = try await Self.person(client, "Pierre", "Martin", sex: "male", born: "1820", token: admin)
            let mother = try await Self.person(client, "Marie", "Durand", sex: "female", born: "1825", token: admin)
            let first = try await Self.person(client, "Jacques", "Martin", sex: "male", born: "1850", token: admin)
            let second = try await Self.person(client, "Louise", "Martin", sex: "female", born: "1852", token: admin)
            let created = try await client.request(
                .post, "/api/v1/families/",
                json: [
                    "father_ids": [father], "mother_ids": [mother], "children_ids": [second, first],
                    "relation": "married", "marriage_date": "1848-06-10", "marriage_place": "Lyon",
                    "events": [
                        ["event_name": "marriage_contract", "date": "1848-06-01", "witnesses": [["person_id": first, "witness_kind": "witness_civilofficer"]]]
                    ],
                ], token: admin)
            #expect(created.status == .created)
            let json = try created.json
            #expect(json["success"] as? Bool == true)
            let id = try #require(json["id"] as? String)
            #expect(json["father_ids"] as? [String] == [father])
            #expect(json["mother_ids"] as? [String] == [mother])
            #expect(json["children_ids"] as? [String] == [second, first])
            #expect(((json["marriage"] as? [String: Any])?["date"] as? [String: Any])?["text"] as? String == "10 JUN 1848")

            let read = try await client.request(.get, "/api/v1/families/\(id)")
            let readJSON = try read.json
            let children = try #require(readJSON["children"] as? [[String: Any]])
            #expect(children.map { $0["name"] as? String } == ["Louise Martin", "Jacques Martin"])
            #expect(read.headers[.eTag] == "\"1\"")

            // Reorder the children.
            let patched = try await client.request(
                .patch, "/api/v1/families/\(id)", json: ["children_ids": [first, second]], token: admin, headers: [.ifMatch: "\"1\""])
            #expect(patched.status == .ok)
            #expect(try patched.json["children_ids"] as? [String] == [first, second])

            let ofFather = try await client.request(.get, "/api/v1/persons/\(father)/families")
            #expect((try ofFather.json["items"] as? [[String: Any]])?.first?["id"] as? String == id)

            // A parent cannot be deleted while in the family, unless unlinked.
            let refused = try await client.request(.delete, "/api/v1/persons/\(father)", token: admin)
            #expect(refused.status == .conflict)
            #expect(try await client.request(.delete, "/api/v1/persons/\(father)?cascade=unlink", token: admin).status == .noContent)
            let after = try await client.request(.get, "/api/v1/families/\(id)")
            #expect(try after.json["father_ids"] as? [String] == [])
            #expect(try after.json["mother_ids"] as? [String] == [mother])

            let list = try await client.request(.get, "/api/v1/families")
            #expect(try list.json["total"] as? Int == 1)
            #expect((try list.json["families"] as? [[String: Any]])?.count == 1)
            let deleted = try await client.request(.delete, "/api/v1/families/\(id)", token: admin)
            #expect(deleted.status == .ok)
            #expect(try deleted.json["family_id"] as? String == id)
            #expect(try await client.request(.get, "/api/v1/families/\(id)").status == .notFound)
        }
    }

    @Test("tree rules: own parent, child born before a parent, same filiation twice, unknown person")
    func rules() async throws {
        try await withAuthApp { client in
            let admin = try await client.loginAdmin().access
            let father = try await Self.person(client, "Paul", "Rule", sex: "male", born: "1900", token: admin)
            let child = try await Self.person(client, "Early", "Rule", sex: "male", born: "1890", token: admin)
            let later = try await Self.person(client, "Later", "Rule", sex: "female", born: "1930", token: admin)
            func field(_ body: [String: Any]) async throws -> [String] {
                let response = try await client.request(.post, "/api/v1/families", json: body, token: admin)
                #expect(response.status == .unprocessableContent)
                return (try response.json["validation_errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String } ?? []
            }
            #expect(try await field(["parents": [father], "children_ids": [father]]) == ["children_ids"])
            #expect(try await field(["parents": [father], "children_ids": [child]]) == ["children_ids.0"])
            #expect(try await field(["parents": [UUID().uuidString], "children_ids": [later]]) == ["parents.0"])
            #expect(try await field(["relation": "polyamorous"]) == ["relation"])
            #expect(try await field(["husband": father]) == ["husband"])
            let ok = try await client.request(.post, "/api/v1/families", json: ["parents": [father], "children_ids": [later]], token: admin)
            #expect(ok.status == .created)
            #expect(try await field(["parents": [father], "children_ids": [later]]) == ["children_ids.0"])
        }
    }

    @Test("a living child's name is hidden in a family read by anonymous callers")
    func privacyInFamilies() async throws {
        try await withAuthApp { client in
            let admin = try await client.loginAdmin().access
            let year = Calendar(identifier: .gregorian).component(.year, from: Date())
            let parent = try await Self.person(client, "Old", "Parent", sex: "male", born: "1950", token: admin)
            let child = try await Self.person(client, "Young", "Secret", sex: "female", born: "\(year - 20)", token: admin)
            let created = try await client.request(.post, "/api/v1/families", json: ["parents": [parent], "children_ids": [child]], token: admin)
            let id = try #require(try created.json["id"] as? String)
            let anonymous = try await client.request(.get, "/api/v1/families/\(id)")
            let body = String(buffer: anonymous.body)
            #expect(!body.contains("Secret") && !body.contains("Young"))
            #expect(body.contains("restricted"))
            let editor = try await client.request(.get, "/api/v1/families/\(id)", token: admin)
            #expect(String(buffer: editor.body).contains("Young Secret"))
        }
    }
}
