import Foundation
import GenewebServer
import GenewebStore
import GenewebTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Search API")
struct SearchAPITests {
    static let livingYear = Calendar(identifier: .gregorian).component(.year, from: Date()) - 30

    static var gedcom: String {
        """
        0 HEAD
        1 CHAR UTF-8
        0 @I1@ INDI
        1 NAME Jean-Baptiste /Dupont/
        1 SEX M
        1 BIRT
        2 DATE 12 MAR 1850
        2 PLAC Paris, Île-de-France
        1 DEAT
        2 DATE 1920
        0 @I2@ INDI
        1 NAME Jeanne /Dupond/
        1 SEX F
        1 BIRT
        2 DATE 1852
        2 PLAC Lyon
        1 DEAT
        2 DATE 1930
        0 @I3@ INDI
        1 NAME Éléonore /Strauß/
        1 SEX F
        1 BIRT
        2 DATE 1870
        2 PLAC Saint-Étienne, Loire
        1 DEAT
        2 DATE 1950
        0 @I4@ INDI
        1 NAME Zoé /Dupont/
        1 SEX F
        1 BIRT
        2 DATE 3 JUN \(livingYear)
        2 PLAC Paris
        0 @I5@ INDI
        1 NAME Pierre /de La Fontaine/
        1 SEX M
        1 BIRT
        2 DATE 1800
        1 DEAT
        2 DATE 1870
        0 @I6@ INDI
        1 NAME Jean /Martin/
        1 SEX M
        1 BIRT
        2 DATE 1900
        1 DEAT
        2 DATE 1980
        0 @F1@ FAM
        1 HUSB @I1@
        1 WIFE @I2@
        1 CHIL @I6@
        0 TRLR

        """
    }

    static func setUp(_ client: any TestClientProtocol) async throws -> String {
        let admin = try await client.loginAdmin().access
        let imported = try await client.execute(
            uri: "/api/v1/import", method: .post, headers: [.authorization: "Bearer \(admin)"], body: ByteBuffer(string: gedcom))
        #expect(imported.status == .created)
        return admin
    }

    static func names(_ response: TestResponse) throws -> [String] {
        try (response.json.objects("results")).map { "\($0["first_name"] as? String ?? "") \($0["surname"] as? String ?? "")" }
    }

    /// Checks the names a search returns, showing both lists when they differ.
    static func expectNames(
        _ client: any TestClientProtocol, _ path: String, token: String? = nil, _ expected: [String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let response = try await client.request(.get, path, token: token)
        #expect(response.status == .ok, sourceLocation: sourceLocation)
        let found = try names(response)
        #expect(found == expected, "\(path)", sourceLocation: sourceLocation)
    }

    @Test("names in any order, accents and case ignored, prefixes and sounds, ranked; living persons left out", arguments: serverEngines)
    func ranking(engine: DatabaseEngine) async throws {
        try await withAuthApp(engine) { client in
            _ = try await Self.setUp(client)
            let response = try await client.request(.get, "/api/v1/search/persons?query=dupont%20jean")
            #expect(response.status == .ok)
            #expect(try Self.names(response) == ["Jean-Baptiste Dupont", "Jeanne Dupond"], "exact words first, then prefix + sound")
            let json = try response.json
            #expect(json["total"] as? Int == 2)
            #expect(json["anonymized_count"] as? Int == 0)
            let first = (json["results"] as? [[String: Any]])?.first
            #expect(first?["privacy_level"] as? String == "public")
            #expect(first?["is_living"] as? Bool == false)
            #expect(first?["birth_place"] as? String == "Paris, Île-de-France")
            #expect((first?["children_ids"] as? [String])?.count == 1)
            try await Self.expectNames(client, "/api/v1/search/persons?query=ELEONORE%20strauss", ["Éléonore Strauß"])
            try await Self.expectNames(client, "/api/v1/search/persons?query=eleo", ["Éléonore Strauß"])
            try await Self.expectNames(client, "/api/v1/search/persons?query=fontaine", ["Pierre de La Fontaine"])
            // Zoé Dupont is 30: not a result, not counted, for anyone who did not ask as an editor.
            let dupont = try await client.request(.get, "/api/v1/search/persons?surname=dupont")
            #expect(try Self.names(dupont) == ["Jean-Baptiste Dupont", "Jeanne Dupond"])
            #expect(!String(buffer: dupont.body).contains("Zoé"))
            let asked = try await client.request(.get, "/api/v1/search/persons?surname=dupont&include_living=true")
            #expect(try asked.json["total"] as? Int == 2 && asked.json["include_living"] as? Bool == false)
        }
    }

    @Test("filters: first name, sex, birth years, birth place; include_living for editors", arguments: serverEngines)
    func filters(engine: DatabaseEngine) async throws {
        try await withAuthApp(engine) { client in
            let admin = try await Self.setUp(client)
            try await Self.expectNames(client, "/api/v1/search/persons?query=jean&sex=male", ["Jean-Baptiste Dupont", "Jean Martin"])
            try await Self.expectNames(
                client, "/api/v1/search/persons?first_name=jean&birth_year_from=1851&birth_year_to=1950", ["Jean Martin", "Jeanne Dupond"])
            try await Self.expectNames(client, "/api/v1/search/persons?query=strauss&birth_place=saint%20etienne", ["Éléonore Strauß"])
            try await Self.expectNames(client, "/api/v1/search/persons?birth_place=lyon", ["Jeanne Dupond"])
            // Editors see the living only when they ask.
            try await Self.expectNames(client, "/api/v1/search/persons?query=zoe", token: admin, [])
            let living = try await client.request(.get, "/api/v1/search/persons?query=zoe&include_living=true", token: admin)
            let zoe = (try living.json["results"] as? [[String: Any]])?.first
            #expect(zoe?["first_name"] as? String == "Zoé")
            #expect(zoe?["is_living"] as? Bool == true && zoe?["privacy_level"] as? String == "private")
            // Paging.
            let page = try await client.request(.get, "/api/v1/search/persons?query=d&limit=1&offset=1")
            #expect(try page.json["total"] as? Int == 3 && Self.names(page).count == 1)
            let beyond = try await client.request(.get, "/api/v1/search/persons?query=d&offset=10")
            #expect(try beyond.json["total"] as? Int == 3 && Self.names(beyond).isEmpty, "a page past the end still tells the total")
        }
    }

    @Test("bad parameters answer 422 with every field named")
    func validation() async throws {
        try await withAuthApp { client in
            for query in [
                "", "?query=", "?query=a&limit=101", "?query=a&limit=0", "?query=a&sex=x", "?query=a&offset=-1",
                "?birth_year_from=1900&birth_year_to=1800", "?query=a&include_living=perhaps", "?query=\(String(repeating: "a", count: 201))",
            ] {
                let response = try await client.request(.get, "/api/v1/search/persons\(query)")
                #expect(response.status == .unprocessableContent, "\(query)")
                #expect(try response.json["validation_errors"] as? [[String: Any]] != nil)
            }
        }
    }

    @Test("the index follows writes: renamed, created and deleted persons", arguments: serverEngines)
    func indexFollowsWrites(engine: DatabaseEngine) async throws {
        try await withAuthApp(engine) { client in
            let admin = try await Self.setUp(client)
            let martin = try #require(try await client.request(.get, "/api/v1/search/persons?query=martin").json["results"] as? [[String: Any]]).first
            let id = try #require(martin?["person_id"] as? String)
            let patched = try await client.request(
                .patch, "/api/v1/persons/\(id)", json: ["surname": "Lemaître", "first_names_aliases": ["Johannes"]], token: admin)
            #expect(patched.status == .ok)
            try await Self.expectNames(client, "/api/v1/search/persons?query=martin", [])
            try await Self.expectNames(client, "/api/v1/search/persons?query=lemaitre%20jean", ["Jean Lemaître"])
            // The alias matches exactly; Jean and Jeanne sound like Johannes and come after.
            try await Self.expectNames(client, "/api/v1/search/persons?first_name=johannes", ["Jean Lemaître", "Jeanne Dupond", "Jean-Baptiste Dupont"])
            let created = try await FamiliesAPITests.person(client, "Aurélien", "Quinet", sex: "male", born: "1700", token: admin)
            try await Self.expectNames(client, "/api/v1/search/persons?query=quinet", ["Aurélien Quinet"])
            #expect(try await client.request(.delete, "/api/v1/persons/\(created)", token: admin).status == .noContent)
            try await Self.expectNames(client, "/api/v1/search/persons?query=quinet", [])
        }
    }

    @Test("an anonymised person reads anonymized true in search, as on /persons/{id}", arguments: serverEngines)
    func anonymizedInSearch(engine: DatabaseEngine) async throws {
        try await withAuthApp(engine) { client in
            let admin = try await client.loginAdmin().access
            let created = try await PersonsAPITests.create(client, ["first_name": "Sophie", "surname": "Effacée", "birth_date": "1801"], token: admin)
            let id = try #require(created["id"] as? String)
            let anonymized = try await client.request(
                .post, "/api/v1/persons/\(id)/anonymize", json: ["reason": "erasure request", "confirm_irreversible": true], token: admin)
            #expect(anonymized.status == .ok)
            #expect(try await client.request(.get, "/api/v1/persons/\(id)", token: admin).json["anonymized"] as? Bool == true)
            let search = try await client.request(.get, "/api/v1/search/persons?query=Anonymized", token: admin)
            let result = (try search.json["results"] as? [[String: Any]])?.first { $0["person_id"] as? String == id }
            #expect(result?["anonymized"] as? Bool == true)
            let plain = try await PersonsAPITests.create(client, ["first_name": "Paul", "surname": "Gardé", "birth_date": "1802"], token: admin)
            let kept = try await client.request(.get, "/api/v1/search/persons?query=Paul", token: admin)
            let keptResult = (try kept.json["results"] as? [[String: Any]])?.first { $0["person_id"] as? String == plain["id"] as? String }
            #expect(keptResult?["anonymized"] as? Bool == false)
        }
    }

    @Test("surname and first-name indexes count only the persons the caller may see", arguments: serverEngines)
    func nameIndexes(engine: DatabaseEngine) async throws {
        try await withAuthApp(engine) { client in
            let admin = try await Self.setUp(client)
            func counts(_ path: String, token: String? = nil) async throws -> [String: Int] {
                let response = try await client.request(.get, path, token: token)
                #expect(response.status == .ok)
                var result: [String: Int] = [:]
                for item in try response.json.objects("items") { result[item["name"] as? String ?? ""] = item["count"] as? Int }
                return result
            }
            let anonymous = try await counts("/api/v1/search/surnames")
            #expect(anonymous == ["Dupont": 1, "Dupond": 1, "Strauß": 1, "de La Fontaine": 1, "Martin": 1])
            #expect(try await counts("/api/v1/search/surnames", token: admin)["Dupont"] == 2)
            #expect(try await counts("/api/v1/search/surnames?prefix=DU") == ["Dupont": 1, "Dupond": 1])
            #expect(try await counts("/api/v1/search/first_names?prefix=z") == [:])
            #expect(try await counts("/api/v1/search/first_names?prefix=z", token: admin) == ["Zoé": 1])
            let byCount = try await client.request(.get, "/api/v1/search/surnames?order=count&limit=1", token: admin)
            #expect(try (byCount.json["items"] as? [[String: Any]])?.first?["name"] as? String == "Dupont")
            #expect(try byCount.json["total"] as? Int == 5)
            #expect(try await client.request(.get, "/api/v1/search/surnames?order=size").status == .unprocessableContent)
            // Pages are kept per base version: a new person counts at once.
            _ = try await FamiliesAPITests.person(client, "Paul", "Dupont", sex: "male", born: "1801", token: admin)
            #expect(try await counts("/api/v1/search/surnames?prefix=DU")["Dupont"] == 2)
        }
    }

    @Test("privacy-info explains the rule and what this caller sees")
    func privacyInfo() async throws {
        try await withAuthApp(publicRead: false) { client in
            let anonymous = try await client.request(.get, "/api/v1/search/privacy-info")
            #expect(anonymous.status == .ok)
            #expect(try (anonymous.json["living_rule"] as? [String: Any])?["lifespan_years"] as? Int == 100)
            #expect(try (anonymous.json["caller"] as? [String: Any])?["role"] as? String == "anonymous")
            let admin = try await client.loginAdmin().access
            let signedIn = try await client.request(.get, "/api/v1/search/privacy-info", token: admin)
            #expect(try (signedIn.json["caller"] as? [String: Any])?["sees_living_persons"] as? Bool == true)
        }
    }
}
