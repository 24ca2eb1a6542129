import Foundation
import GenewebServer
import GenewebStore
import GenewebTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Persons API")
struct PersonsAPITests {
    static func create(_ client: any TestClientProtocol, _ body: [String: Any], token: String, path: String = "/api/v1/persons") async throws -> [String: Any] {
        let response = try await client.request(.post, path, json: body, token: token)
        guard response.status == .created else { throw TestFailure("create answered \(response.status): \(String(buffer: response.body))") }
        return try response.json
    }

    @Test("create → read → patch with If-Match → stale patch 412 → list → delete", arguments: serverEngines)
    func lifecycle(engine: DatabaseEngine) async throws {
        try await withAuthApp(engine) { client in
            let admin = try await client.loginAdmin()
            let editor = try await client.makeUser("eddie", role: .editor, admin: admin)
            let created = try await client.request(
                .post, "/api/v1/persons/",
                json: [
                    "first_name": "Jean", "last_name": "Dupont", "sex": "male",
                    "birth": ["date": "ABT 1850", "place": "Paris"], "death_date": "1910-03-04", "occupation": "forgeron",
                ], token: editor.access)
            #expect(created.status == .created)
            #expect(created.headers[.eTag] == "\"1\"")
            let json = try created.json
            let id = try #require(json["id"] as? String)
            #expect(created.headers[.location] == "/api/v1/persons/\(id)")
            #expect(json["surname"] as? String == "Dupont" && json["last_name"] as? String == "Dupont")
            #expect(json["key"] as? String == "jean.0.dupont")
            let birth = try #require(json["birth"] as? [String: Any])
            let birthDate = try #require(birth["date"] as? [String: Any])
            #expect(birthDate["text"] as? String == "ABT 1850")
            #expect(birthDate["precision"] as? String == "about")
            #expect(birthDate["year"] as? Int == 1850)
            #expect(json["death_date"] as? String == "1910-03-04")

            // A second Jean Dupont gets the next occurrence.
            let twin = try await Self.create(client, ["first_name": "Jean", "surname": "Dupont"], token: editor.access)
            #expect(twin["occurrence"] as? Int == 1)

            let read = try await client.request(.get, "/api/v1/persons/\(id)")
            #expect(read.status == .ok)
            #expect(read.headers[.eTag] == "\"1\"")
            #expect(try read.json["occupation"] as? String == "forgeron")
            let byKey = try await client.request(.get, "/api/v1/persons/by-key/jean.0.dupont")
            #expect(try byKey.json["id"] as? String == id)

            let patched = try await client.request(
                .patch, "/api/v1/persons/\(id)", json: ["occupation": "maréchal-ferrant"], token: editor.access, headers: [.ifMatch: "\"1\""])
            #expect(patched.status == .ok)
            #expect(patched.headers[.eTag] == "\"2\"")
            #expect(try patched.json["occupation"] as? String == "maréchal-ferrant")
            #expect(try (patched.json["birth"] as? [String: Any])?["place"] as? String == "Paris")
            let stale = try await client.request(.patch, "/api/v1/persons/\(id)", json: ["occupation": "x"], token: editor.access, headers: [.ifMatch: "\"1\""])
            #expect(stale.status == .preconditionFailed)
            #expect(try stale.json["error_code"] as? String == "PRECONDITION_FAILED")

            let list = try await client.request(.get, "/api/v1/persons?surname=dup&limit=1")
            let listJSON = try list.json
            #expect(listJSON["total"] as? Int == 2)
            #expect((listJSON["items"] as? [[String: Any]])?.count == 1)
            #expect(listJSON["limit"] as? Int == 1)
            let byYear = try await client.request(.get, "/api/v1/persons?birth_year_from=1840&birth_year_to=1860")
            #expect(try byYear.json["total"] as? Int == 1)

            // Viewers may read but not write.
            let viewer = try await client.makeUser("vera", role: .viewer, admin: admin)
            #expect(try await client.request(.delete, "/api/v1/persons/\(id)", token: viewer.access).status == .forbidden)
            #expect(try await client.request(.delete, "/api/v1/persons/\(id)", token: editor.access).status == .noContent)
            #expect(try await client.request(.get, "/api/v1/persons/\(id)").status == .notFound)
            let audit = try await client.request(.get, "/api/v1/audit?entity_id=\(id)", token: admin.access)
            let actions = (try audit.json["items"] as? [[String: Any]])?.compactMap { $0["action"] as? String }
            #expect(actions == ["person.delete", "person.update", "person.create"])
        }
    }

    @Test(
        "validation: 422 with the field for each mistake",
        arguments: [
            (["first_name": "A", "surname": "B", "sex": "robot"], "sex"),
            (["first_name": "A", "surname": "B", "birth_date": "1850-02-31"], "birth.date"),
            (["first_name": "A", "surname": "B", "birth": ["date": "31 FEB 1850"]], "birth.date"),
            (["first_name": "A", "surname": "B", "birth": ["date": "the spring"]], "birth.date"),
            (["first_name": "A", "surname": "B", "nickname": "x"], "nickname"),
            (["first_name": "A"], "surname"),
            (["first_name": "", "surname": "B"], "first_name"),
            (["first_name": "A", "surname": "B", "birth_date": "1900", "death_date": "1850"], "death.date"),
            (["first_name": "A", "surname": String(repeating: "x", count: 101)], "surname"),
        ] as [([String: any Sendable], String)])
    func validation(body: [String: any Sendable], field: String) async throws {
        try await withAuthApp { client in
            let admin = try await client.loginAdmin()
            let response = try await client.request(.post, "/api/v1/persons", json: body, token: admin.access)
            #expect(response.status == .unprocessableContent)
            let errors = try response.json["validation_errors"] as? [[String: Any]]
            #expect(errors?.contains { $0["field"] as? String == field } == true, "\(errors ?? [])")
        }
    }

    @Test("text dates in parentheses keep impossible days; calendars are kept")
    func textDates() async throws {
        try await withAuthApp { client in
            let admin = try await client.loginAdmin()
            let json = try await Self.create(
                client,
                [
                    "first_name": "Anne", "surname": "Text", "birth": ["date": "(31 FEB 1850)"], "death": ["date": "@#DJULIAN@ 3 MAR 1700"],
                ], token: admin.access)
            let birth = (json["birth"] as? [String: Any])?["date"] as? [String: Any]
            #expect(birth?["text"] as? String == "(31 FEB 1850)")
            let death = (json["death"] as? [String: Any])?["date"] as? [String: Any]
            #expect(death?["calendar"] as? String == "julian")
        }
    }

    @Test("a living person is restricted for anonymous callers and viewers, whole for editors", arguments: serverEngines)
    func privacy(engine: DatabaseEngine) async throws {
        try await withAuthApp(engine) { client in
            let admin = try await client.loginAdmin()
            let thirtyYearsAgo = Calendar(identifier: .gregorian).component(.year, from: Date()) - 30
            let living = try await Self.create(
                client, ["first_name": "Chloé", "surname": "Vivante", "birth_date": "\(thirtyYearsAgo)-05-01"], token: admin.access)
            let old = try await Self.create(client, ["first_name": "Louis", "surname": "Ancien", "birth_date": "1801"], token: admin.access)
            let livingID = try #require(living["id"] as? String)
            let viewer = try await client.makeUser("vera", role: .viewer, admin: admin)
            for token in [nil, viewer.access] {
                let response = try await client.request(.get, "/api/v1/persons/\(livingID)", token: token)
                #expect(response.status == .ok)
                let json = try response.json
                #expect(json["privacy"] as? String == "restricted")
                #expect(json.keySet == ["id", "person_id", "privacy"], "nothing but that someone is there")
                let body = String(buffer: response.body)
                #expect(!body.contains("Chlo") && !body.contains("Vivante"))
                let list = try await client.request(.get, "/api/v1/persons?limit=1000", token: token)
                #expect(!String(buffer: list.body).contains("Vivante"))
                #expect(String(buffer: list.body).contains("Ancien"))
                let byKey = try await client.request(.get, "/api/v1/persons/by-key/chloe.0.vivante", token: token)
                #expect(!String(buffer: byKey.body).contains("Vivante"))
                #expect(try await client.request(.get, "/api/v1/persons/\(livingID)/events", token: token).status == .notFound)
            }
            let full = try await client.request(.get, "/api/v1/persons/\(livingID)", token: admin.access)
            #expect(try full.json["first_name"] as? String == "Chloé")
            #expect(try full.json["is_living"] as? Bool == true)
            #expect(old["is_living"] as? Bool == false)
        }
    }

    @Test("concurrent PATCH with the same ETag: one wins, the other gets 412", arguments: serverEngines)
    func concurrentPatch(engine: DatabaseEngine) async throws {
        try await withAuthApp(engine) { client in
            let admin = try await client.loginAdmin()
            let person = try await Self.create(client, ["first_name": "Paul", "surname": "Concurrent"], token: admin.access)
            let id = try #require(person["id"] as? String)
            async let first = client.request(.patch, "/api/v1/persons/\(id)", json: ["occupation": "one"], token: admin.access, headers: [.ifMatch: "\"1\""])
            async let second = client.request(.patch, "/api/v1/persons/\(id)", json: ["occupation": "two"], token: admin.access, headers: [.ifMatch: "\"1\""])
            let statuses = [try await first.status, try await second.status].map(\.code).sorted()
            #expect(statuses == [200, 412])
        }
    }

    @Test("unknown base is 404; bad base names 422; the prefixed route is the default base's twin")
    func bases() async throws {
        try await withAuthApp { client in
            let admin = try await client.loginAdmin()
            _ = try await Self.create(client, ["first_name": "Rose", "surname": "Base"], token: admin.access, path: "/api/v1/bases/default/persons")
            #expect(try await client.request(.get, "/api/v1/persons?surname=base").json["total"] as? Int == 1)
            #expect(try await client.request(.get, "/api/v1/bases/nowhere/persons").status == .notFound)
            #expect(try await client.request(.get, "/api/v1/bases/..%2Fetc/persons").status.code >= 400)
        }
    }
}
