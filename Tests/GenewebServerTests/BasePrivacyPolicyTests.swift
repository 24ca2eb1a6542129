import Foundation
import GenewebServer
import GenewebStore
import GenewebTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The base's policy for living persons' names (GeneWeb's `hide_private_names`): hidden by
/// default; when an admin makes them public, anonymous callers and viewers see the first name and
/// surname of living persons, and nothing else about them.
@Suite("A base's policy for living persons' names")
struct BasePrivacyPolicyTests {
    @Test("public names show the name only: reads, families, search by name, name indexes; back to hidden at once", arguments: serverEngines)
    func publicNames(engine: DatabaseEngine) async throws {
        try await withAuthApp(engine) { client in
            let admin = try await client.loginAdmin()
            let imported = try await client.execute(
                uri: "/api/v1/import", method: .post, headers: [.authorization: "Bearer \(admin.access)"],
                body: ByteBuffer(string: LivingPersonPrivacyTests.gedcom))
            #expect(imported.status == .created)
            let viewer = try await client.makeUser("vera", role: .viewer, admin: admin)
            let all = try await client.request(.get, "/api/v1/persons?limit=10", token: admin.access).json.objects("items")
            let zephyrine = try #require(all.first { $0["first_name"] as? String == "Zéphyrine" }?["id"] as? String)

            #expect(try await client.request(.get, "/api/v1/persons/\(zephyrine)").json.keySet == ["id", "person_id", "privacy"], "hidden by default")
            #expect(
                try await client.request(.patch, "/api/v1/database/databases/default", json: ["living_names": "public"], token: viewer.access).status
                    == .forbidden)
            #expect(
                try await client.request(.patch, "/api/v1/database/databases/default", json: ["living_names": "maybe"], token: admin.access).status
                    == .unprocessableContent)
            #expect(
                try await client.request(.patch, "/api/v1/database/databases/nowhere", json: ["living_names": "public"], token: admin.access).status
                    == .notFound)
            let set = try await client.request(.patch, "/api/v1/database/databases/default", json: ["living_names": "public"], token: admin.access)
            #expect(set.status == .ok)
            #expect(try set.json["living_names"] as? String == "public")

            for token in [nil, viewer.access] {
                let read = try await client.request(.get, "/api/v1/persons/\(zephyrine)", token: token)
                let json = try read.json
                #expect(json["privacy"] as? String == "restricted")
                #expect(json["first_name"] as? String == "Zéphyrine" && json["surname"] as? String == "Vivantelle")
                let text = String(buffer: read.body)
                for secret in ["Secretville", "secret diary", "nurse", "\(LivingPersonPrivacyTests.birthYear)"] { #expect(!text.contains(secret), "\(secret)") }
            }
            // Her family shows her name among the children.
            let father = try #require(all.first { $0["first_name"] as? String == "Auguste" }?["id"] as? String)
            let families = try await client.request(.get, "/api/v1/persons/\(father)/families")
            #expect(String(buffer: families.body).contains("Zéphyrine Vivantelle"))
            // Found by name with include_living, as a name only; never by a date, place or sex.
            let found = try await client.request(.get, "/api/v1/search/persons?query=vivantelle&include_living=true").json
            let result = (found["results"] as? [[String: Any]])?.first
            #expect(result?["first_name"] as? String == "Zéphyrine" && result?["privacy_level"] as? String == "restricted")
            #expect(result?["anonymized"] as? Bool == true && result?["birth_date"] as? String == nil && result?["birth_place"] as? String == nil)
            #expect(found["anonymized_count"] as? Int == 1)
            #expect(try await client.request(.get, "/api/v1/search/persons?query=vivantelle").json["total"] as? Int == 0, "living only when asked")
            for narrowing in ["birth_year_from=1900", "birth_place=secretville", "sex=female"] {
                let narrowed = try await client.request(.get, "/api/v1/search/persons?query=vivantelle&include_living=true&\(narrowing)").json
                #expect(narrowed["total"] as? Int == 0, "\(narrowing) would tell something about her")
            }
            let surnames = try await client.request(.get, "/api/v1/search/surnames?prefix=viv").json.objects("items")
            #expect(surnames.first?["count"] as? Int == 1)
            // The genealogy views still do not start from her.
            #expect(try await client.request(.get, "/api/v1/genealogy/ancestors/\(zephyrine)").status == .notFound)
            let info = try await client.request(.get, "/api/v1/search/privacy-info").json
            #expect((info["base"] as? [String: Any])?["living_names"] as? String == "public")

            _ = try await client.request(.patch, "/api/v1/database/databases/default", json: ["living_names": "hidden"], token: admin.access)
            #expect(try await client.request(.get, "/api/v1/persons/\(zephyrine)").json.keySet == ["id", "person_id", "privacy"])
            #expect(try await client.request(.get, "/api/v1/search/persons?query=vivantelle&include_living=true").json["total"] as? Int == 0)
            let listed = try await client.request(.get, "/api/v1/database/databases", token: admin.access)
            #expect(String(buffer: listed.body).contains("\"living_names\":\"hidden\""))
        }
    }
}
