import Foundation
import GenewebServer
import GenewebStore
import GenewebTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("GDPR: export, consent, anonymization")
struct GDPRTests {
    @Test("export holds everything; consent history; anonymization keeps the family and removes identity", arguments: serverEngines)
    func rights(engine: DatabaseEngine) async throws {
        try await withAuthApp(engine) { client in
            let admin = try await client.loginAdmin().access
            let year = Calendar(identifier: .gregorian).component(.year, from: Date())
            let parent = try await FamiliesAPITests.person(client, "Albert", "Parent", sex: "male", born: "1960", token: admin)
            let subject = try await PersonsAPITests.create(
                client,
                [
                    "first_name": "Sophie", "surname": "Subject", "sex": "female", "birth": ["date": "\(year - 40)-04-02", "place": "Nantes"],
                    "occupation": "nurse", "notes": "lives at 3 rue X", "aliases": ["Sophie S."],
                ], token: admin)
            let id = try #require(subject["id"] as? String)
            let family = try await client.request(.post, "/api/v1/families", json: ["parents": [parent], "children_ids": [id]], token: admin)
            let familyID = try #require(try family.json["id"] as? String)

            let consent = try await client.request(
                .post, "/api/v1/persons/\(id)/consent",
                json: [
                    "consents": [
                        ["person_id": id, "consent_status": "granted", "processing_purposes": ["publication"], "consent_date": "2026-01-02T10:00:00Z"]
                    ],
                    "notes": "signed form",
                ], token: admin)
            #expect(consent.status == .ok)
            #expect(try consent.json["consent_status"] as? String == "granted")
            _ = try await client.request(
                .post, "/api/v1/persons/\(id)/consent",
                json: [
                    "consents": [["consent_status": "withdrawn", "processing_purposes": ["publication"]]]
                ], token: admin)
            let history = try await client.request(.get, "/api/v1/persons/\(id)/consent", token: admin)
            #expect((try history.json["consents"] as? [[String: Any]])?.map { $0["consent_status"] as? String } == ["granted", "withdrawn"])
            #expect(
                try await client.request(
                    .post, "/api/v1/persons/\(id)/consent", json: ["consents": [["consent_status": "maybe", "processing_purposes": []]]], token: admin
                ).status == .unprocessableContent)

            let export = try await client.request(.get, "/api/v1/persons/\(id)/gdpr-export", token: admin)
            #expect(export.status == .ok)
            let exportJSON = try export.json
            #expect((exportJSON["person_data"] as? [String: Any])?["occupation"] as? String == "nurse")
            #expect((exportJSON["families"] as? [[String: Any]])?.first?["id"] as? String == familyID)
            #expect((exportJSON["gdpr_consents"] as? [Any])?.count == 2)
            #expect(((exportJSON["audit_logs"] as? [[String: Any]])?.count ?? 0) >= 3)
            #expect(exportJSON["lawful_basis"] is String)

            let info = try await client.makeUser("vera", role: .viewer, admin: client.loginAdmin())
            let processing = try await client.request(.get, "/api/v1/persons/\(id)/data-processing-info", token: info.access)
            #expect(processing.status == .ok)
            #expect(try processing.json["consent_status"] as? String == "withdrawn")
            #expect(!String(buffer: processing.body).contains("Sophie"))
            #expect(try await client.request(.get, "/api/v1/persons/\(id)/gdpr-export", token: info.access).status == .forbidden)

            let refused = try await client.request(
                .post, "/api/v1/persons/\(id)/anonymize", json: ["reason": "request", "confirm_irreversible": false], token: admin)
            #expect(refused.status == .unprocessableContent)
            let anonymized = try await client.request(
                .post, "/api/v1/persons/\(id)/anonymize",
                json: [
                    "person_id": id, "reason": "erasure request of 2026-11-01", "confirm_irreversible": true, "retain_statistical": true,
                ], token: admin)
            #expect(anonymized.status == .ok)
            let after = try await client.request(.get, "/api/v1/persons/\(id)", token: admin)
            let afterJSON = try after.json
            #expect(afterJSON["first_name"] as? String == "Anonymized")
            #expect(afterJSON["anonymized"] as? Bool == true)
            #expect(afterJSON["occupation"] == nil || afterJSON["occupation"] is NSNull)
            let body = String(buffer: after.body)
            for identifying in ["Sophie", "Subject", "Nantes", "nurse", "rue X"] { #expect(!body.contains(identifying), "\(identifying)") }
            #expect(((afterJSON["birth"] as? [String: Any])?["date"] as? [String: Any])?["year"] as? Int == year - 40)
            let familyAfter = try await client.request(.get, "/api/v1/families/\(familyID)", token: admin)
            #expect(try familyAfter.json["children_ids"] as? [String] == [id])
            #expect(
                try await client.request(.post, "/api/v1/persons/\(id)/anonymize", json: ["reason": "again", "confirm_irreversible": true], token: admin).status
                    == .conflict)
            let audit = try await client.request(.get, "/api/v1/audit?action=person.anonymize", token: admin)
            #expect(try audit.json["total"] as? Int == 1)
        }
    }
}
