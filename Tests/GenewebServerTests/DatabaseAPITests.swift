import Foundation
import GenewebServer
import GenewebStore
import GenewebTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Bases: /api/v1/database and isolation")
struct DatabaseAPITests {
    @Test("create, list, activate, rename, delete bases; a person of base A is never visible in base B", arguments: serverEngines)
    func basesAndIsolation(engine: DatabaseEngine) async throws {
        try await withAuthApp(engine) { client in
            let admin = try await client.loginAdmin().access
            let created = try await client.request(.post, "/api/v1/database/databases", json: ["name": "dupont", "set_active": false], token: admin)
            #expect(created.status == .created)
            #expect(try (created.json["database"] as? [String: Any])?["name"] as? String == "dupont")
            #expect(try await client.request(.post, "/api/v1/database/databases", json: ["name": "dupont"], token: admin).status == .conflict)
            #expect(try await client.request(.post, "/api/v1/database/databases", json: ["name": "../etc"], token: admin).status == .unprocessableContent)

            let inA = try await PersonsAPITests.create(
                client, ["first_name": "Only", "surname": "InDupont", "birth_date": "1700"], token: admin, path: "/api/v1/bases/dupont/persons")
            let id = try #require(inA["id"] as? String)
            #expect(try await client.request(.get, "/api/v1/persons/\(id)").status == .notFound)
            #expect(try await client.request(.get, "/api/v1/bases/default/persons/\(id)").status == .notFound)
            #expect(try await client.request(.get, "/api/v1/bases/dupont/persons/\(id)").status == .ok)
            #expect(try await client.request(.get, "/api/v1/persons?surname=indupont").json["total"] as? Int == 0)
            #expect(try await client.request(.patch, "/api/v1/persons/\(id)", json: ["occupation": "x"], token: admin).status == .notFound)

            let list = try await client.request(.get, "/api/v1/database/databases", token: admin)
            let names = (try list.json["databases"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
            #expect(names == ["default", "dupont"])
            #expect(try list.json["active_database"] as? String == "default")

            // Activation moves the unprefixed routes to the other base.
            let activated = try await client.request(.post, "/api/v1/database/databases/dupont/activate", token: admin)
            #expect(try activated.json["active_database"] as? String == "dupont")
            #expect(try await client.request(.get, "/api/v1/persons/\(id)").status == .ok)
            let stats = try await client.request(.get, "/api/v1/database/stats", token: admin)
            #expect(try stats.json["name"] as? String == "dupont")
            #expect(try stats.json["person_count"] as? Int == 1)
            #expect(try await client.request(.delete, "/api/v1/database/databases/dupont", token: admin).status == .conflict)

            let renamed = try await client.request(.put, "/api/v1/database/databases/dupont/rename", json: ["new_name": "martin"], token: admin)
            #expect(renamed.status == .ok)
            #expect(try renamed.json["new_name"] as? String == "martin")
            #expect(try await client.request(.get, "/api/v1/bases/martin/persons/\(id)").status == .ok)
            #expect(try await client.request(.get, "/api/v1/database/databases/active", token: admin).json["name"] as? String == "martin")

            #expect(try await client.request(.post, "/api/v1/database/databases/default/activate", token: admin).status == .ok)
            let deleted = try await client.request(.delete, "/api/v1/database/databases/martin?delete_files=true", token: admin)
            #expect(deleted.status == .ok)
            #expect(try await client.request(.get, "/api/v1/bases/martin/persons").status == .notFound)
            #expect(try await client.request(.delete, "/api/v1/database/databases/martin", token: admin).status == .notFound)

            for path in ["/api/v1/database/health", "/api/v1/database/info"] {
                #expect(try await client.request(.get, path, token: admin).status == .ok)
            }
            #expect(try await client.request(.post, "/api/v1/database/commit", token: admin).status == .ok)
            #expect(try await client.request(.post, "/api/v1/database/reload", token: admin).status == .ok)
            let audit = try await client.request(.get, "/api/v1/audit?limit=1000", token: admin)
            let actions = Set((try audit.json["items"] as? [[String: Any]])?.compactMap { $0["action"] as? String } ?? [])
            #expect(actions.isSuperset(of: ["base.create", "base.activate", "base.rename", "base.delete", "person.create"]))
        }
    }

    @Test(
        "reload drops what this process keeps about the active base: its graph goes, and the next genealogy request builds it again", arguments: serverEngines)
    func reloadDropsCaches(engine: DatabaseEngine) async throws {
        try await withAuthApp(engine) { client in
            let admin = try await client.loginAdmin().access
            let person = try await PersonsAPITests.create(client, ["first_name": "Jean", "surname": "Dupont", "birth_date": "1700"], token: admin)
            let id = try #require(person["id"] as? String)
            func graph() async throws -> [String: Any]? {
                let health = try await client.request(.get, "/health/detailed", token: admin).json
                let bases = health["bases"] as? [[String: Any]]
                return bases?.first { $0["name"] as? String == "default" }?["graph"] as? [String: Any]
            }
            #expect(try await client.request(.get, "/api/v1/genealogy/sosa/1?root_person_id=\(id)", token: admin).status == .ok)
            #expect(try await graph()?["persons"] as? Int == 1)
            #expect(try await client.request(.post, "/api/v1/database/reload", token: admin).status == .ok)
            #expect(try await graph() == nil)
            #expect(try await client.request(.get, "/api/v1/genealogy/sosa/1?root_person_id=\(id)", token: admin).status == .ok)
            #expect(try await graph()?["persons"] as? Int == 1)
        }
    }
}
