import Foundation
import GenewebServer
import GenewebStore
import GenewebTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Genealogy API")
struct GenealogyAPITests {
    static let gedcom = """
        0 HEAD
        1 CHAR UTF-8
        0 @GF@ INDI
        1 NAME Louis /Martin/
        1 SEX M
        1 BIRT
        2 DATE 1800
        1 DEAT
        2 DATE 1870
        0 @GM@ INDI
        1 NAME Anne /Roux/
        1 SEX F
        1 BIRT
        2 DATE 1805
        1 DEAT
        2 DATE 1880
        0 @A@ INDI
        1 NAME Paul /Martin/
        1 SEX M
        1 BIRT
        2 DATE 1830
        1 DEAT
        2 DATE 1900
        0 @B@ INDI
        1 NAME Rose /Martin/
        1 SEX F
        1 BIRT
        2 DATE 1832
        1 DEAT
        2 DATE 1901
        0 @WA@ INDI
        1 NAME Claire /Blanc/
        1 SEX F
        1 DEAT Y
        0 @HB@ INDI
        1 NAME Jean /Noir/
        1 SEX M
        1 DEAT Y
        0 @C1@ INDI
        1 NAME Henri /Martin/
        1 SEX M
        1 BIRT
        2 DATE 1860
        1 DEAT
        2 DATE 1930
        0 @C2@ INDI
        1 NAME Marthe /Noir/
        1 SEX F
        1 BIRT
        2 DATE 1862
        1 DEAT
        2 DATE 1940
        0 @X@ INDI
        1 NAME Jules /Martin/
        1 SEX M
        1 BIRT
        2 DATE 1890
        1 DEAT
        2 DATE 1960
        0 @F1@ FAM
        1 HUSB @GF@
        1 WIFE @GM@
        1 CHIL @A@
        1 CHIL @B@
        0 @F2@ FAM
        1 HUSB @A@
        1 WIFE @WA@
        1 CHIL @C1@
        0 @F3@ FAM
        1 HUSB @HB@
        1 WIFE @B@
        1 CHIL @C2@
        0 @F4@ FAM
        1 HUSB @C1@
        1 WIFE @C2@
        1 CHIL @X@
        0 TRLR

        """

    static func setUp(_ client: any TestClientProtocol) async throws -> (admin: String, ids: [String: String]) {
        let admin = try await client.loginAdmin().access
        let imported = try await client.execute(
            uri: "/api/v1/import", method: .post, headers: [.authorization: "Bearer \(admin)"], body: ByteBuffer(string: gedcom))
        #expect(imported.status == .created)
        let list = try await client.request(.get, "/api/v1/persons?limit=100", token: admin)
        var ids: [String: String] = [:]
        for item in try list.json.objects("items") {
            ids["\(item["first_name"] as? String ?? "") \(item["surname"] as? String ?? "")"] = item["id"] as? String
        }
        return (admin, ids)
    }

    @Test("ancestors with Sosa numbers under implex, descendants, tree, sosa lookup, consanguinity, implex", arguments: serverEngines)
    func computations(engine: DatabaseEngine) async throws {
        try await withAuthApp(engine) { client in
            let (_, ids) = try await Self.setUp(client)
            let jules = try #require(ids["Jules Martin"])
            let ancestors = try await client.request(.get, "/api/v1/genealogy/ancestors/\(jules)?max_generations=3")
            #expect(ancestors.status == .ok)
            let items = try ancestors.json.objects("ancestors")
            let louis = items.first { ($0["person"] as? [String: Any])?["first_name"] as? String == "Louis" }
            #expect(louis?["sosa_numbers"] as? [Int] == [8, 14], "the cousins' common grandfather holds two numbers")
            let consanguinity = try await client.request(.get, "/api/v1/genealogy/consanguinity/\(jules)")
            #expect(try consanguinity.json["coefficient"] as? Double == 0.0625)
            let sosa = try await client.request(.get, "/api/v1/genealogy/sosa/14?root_person_id=\(jules)")
            #expect(try (sosa.json["person"] as? [String: Any])?["first_name"] as? String == "Louis")
            let descendants = try await client.request(
                .get, "/api/v1/bases/default/genealogy/descendants/\(try #require(ids["Louis Martin"]))?max_generations=3")
            let labels = (try descendants.json["descendants"] as? [[String: Any]])?.compactMap { $0["label"] as? String }
            #expect(labels?.contains("1.1.1.1") == true && labels?.contains("1.2.1.1") == true)
            let tree = try await client.request(.get, "/api/v1/genealogy/tree/\(jules)?tree_type=ancestors&max_generations=2")
            #expect((try tree.json["parents"] as? [[String: Any]])?.count == 2)
            let implex = try await client.request(.get, "/api/v1/genealogy/implex/\(jules)")
            let third = (try implex.json["generations"] as? [[String: Any]])?.first { $0["generation"] as? Int == 3 }
            #expect(third?["known"] as? Int == 4 && third?["distinct"] as? Int == 2)
            #expect(try await client.request(.get, "/api/v1/genealogy/ancestors/\(jules)?max_generations=51").status == .unprocessableContent)
            #expect(try await client.request(.get, "/api/v1/genealogy/ancestors/\(UUID().uuidString)").status == .notFound)
        }
    }

    @Test("relationship names both ways; a new family changes the answer at once", arguments: serverEngines)
    func relationship(engine: DatabaseEngine) async throws {
        try await withAuthApp(engine) { client in
            let (admin, ids) = try await Self.setUp(client)
            let henri = try #require(ids["Henri Martin"])
            let marthe = try #require(ids["Marthe Noir"])
            let response = try await client.request(.get, "/api/v1/genealogy/relationship/\(henri)/\(marthe)")
            let json = try response.json
            #expect(json["english"] as? String == "first cousin")
            #expect(response.headers[HTTPField.Name("Server-Timing")!]?.hasPrefix("graph;dur=") == true)
            #expect(json["french"] as? String == "cousin germain")
            let link = (json["links"] as? [[String: Any]])?.first
            #expect(link?["generations_from_first"] as? Int == 2)
            #expect((link?["common_ancestors"] as? [Any])?.count == 2)
            let claire = try #require(ids["Claire Blanc"])
            let jean = try #require(ids["Jean Noir"])
            #expect(try await client.request(.get, "/api/v1/genealogy/relationship/\(claire)/\(jean)").json["kind"] as? String == "none")
            // Claire and Jean become the parents of a child: now they are linked by marriage.
            let child = try await FamiliesAPITests.person(client, "Lucie", "Blanc", sex: "female", born: "1870", token: admin)
            _ = try await client.request(.post, "/api/v1/families", json: ["parents": [jean, claire], "children_ids": [child]], token: admin)
            let after = try await client.request(.get, "/api/v1/genealogy/relationship/\(claire)/\(jean)")
            #expect(try after.json["english"] as? String == "wife")
        }
    }

    @Test("a relationship answer keeps its shape: every key, the cousins' common ancestors, unknown ends 404", arguments: serverEngines)
    func relationshipShape(engine: DatabaseEngine) async throws {
        try await withAuthApp(engine) { client in
            let (_, ids) = try await Self.setUp(client)
            let henri = try #require(ids["Henri Martin"])
            let marthe = try #require(ids["Marthe Noir"])
            let json = try await client.request(.get, "/api/v1/genealogy/relationship/\(henri)/\(marthe)").json
            #expect(Set(json.keys) == ["person_id", "other_id", "kind", "english", "french", "links"])
            #expect(json["person_id"] as? String == henri && json["other_id"] as? String == marthe)
            #expect(json["kind"] as? String == "blood")
            let links = try #require(json["links"] as? [[String: Any]])
            let link = try #require(links.first)
            #expect(Set(link.keys) == ["generations_from_first", "generations_from_second", "english", "french", "common_ancestors"])
            #expect(link["generations_from_first"] as? Int == 2 && link["generations_from_second"] as? Int == 2)
            let ancestors = try link.objects("common_ancestors").map {
                "\($0["first_name"] as? String ?? "") \($0["surname"] as? String ?? "")"
            }
            #expect(Set(ancestors).count == 2)
            #expect(ancestors.allSatisfy { ids[$0] != nil })
            let unknown = UUID().uuidString.lowercased()
            #expect(try await client.request(.get, "/api/v1/genealogy/relationship/\(henri)/\(unknown)").status == .notFound)
            #expect(try await client.request(.get, "/api/v1/genealogy/relationship/\(unknown)/\(henri)").status == .notFound)
        }
    }

    @Test("a living person cannot be the starting point for anonymous callers")
    func privacy() async throws {
        try await withAuthApp { client in
            let admin = try await client.loginAdmin().access
            let year = Calendar(identifier: .gregorian).component(.year, from: Date()) - 20
            let parent = try await FamiliesAPITests.person(client, "Old", "Parent", sex: "male", born: "1900", token: admin)
            let young = try await FamiliesAPITests.person(client, "Young", "Living", sex: "female", born: "\(year)", token: admin)
            _ = try await client.request(.post, "/api/v1/families", json: ["parents": [parent], "children_ids": [young]], token: admin)
            for path in ["ancestors/\(young)", "consanguinity/\(young)", "tree/\(young)", "relationship/\(young)/\(parent)", "relationship/\(parent)/\(young)"]
            {
                #expect(try await client.request(.get, "/api/v1/genealogy/\(path)").status == .notFound, "\(path)")
                #expect(try await client.request(.get, "/api/v1/genealogy/\(path)", token: admin).status == .ok, "\(path)")
            }
            let descendants = try await client.request(.get, "/api/v1/genealogy/descendants/\(parent)")
            let body = String(buffer: descendants.body)
            #expect(!body.contains("Young") && body.contains("restricted"))
        }
    }
}
