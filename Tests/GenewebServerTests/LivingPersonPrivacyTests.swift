import Foundation
import GenewebServer
import GenewebStore
import GenewebTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// The acceptance test of API.md's privacy rule: a person born 30 years ago with no death never
/// appears with a name, a date or a place to anonymous callers or viewers, whatever route of the
/// OpenAPI document they call and however they fill its parameters.
@Suite("A living person never leaks, over every route")
struct LivingPersonPrivacyTests {
    static let birthYear = Calendar(identifier: .gregorian).component(.year, from: Date()) - 30
    /// Strings that must never reach a caller who may not see her.
    static let secrets = ["Zéphyrine", "Zephyrine", "ZEPHYRINE", "Vivantelle", "VIVANTELLE"] + detailSecrets

    static var gedcom: String {
        """
        0 HEAD
        1 CHAR UTF-8
        0 @F@ INDI
        1 NAME Auguste /Ancien/
        1 SEX M
        1 BIRT
        2 DATE 1890
        1 DEAT
        2 DATE 1990
        0 @M@ INDI
        1 NAME Berthe /Durand/
        1 SEX F
        1 BIRT
        2 DATE 1895
        1 DEAT
        2 DATE 1995
        0 @Z@ INDI
        1 NAME Zéphyrine /Vivantelle/
        1 SEX F
        1 BIRT
        2 DATE 14 JUL \(birthYear)
        2 PLAC Secretville
        1 OCCU nurse
        1 NOTE her secret diary
        0 @S@ INDI
        1 NAME Cyprien /Ancien/
        1 SEX M
        1 BIRT
        2 DATE 1925
        1 DEAT
        2 DATE 2000
        0 @FAM1@ FAM
        1 HUSB @F@
        1 WIFE @M@
        1 CHIL @S@
        1 CHIL @Z@
        0 TRLR

        """
    }

    /// Her name may show on a base whose policy makes living persons' names public; nothing else may.
    static let detailSecrets = ["Secretville", "secret diary", "nurse", "14 JUL \(birthYear)", "\(birthYear)-07-14"]

    @Test("every route of the OpenAPI document, as anonymous and as viewer, with her id, her key and her name as parameters",
          arguments: [(true, false), (false, false), (true, true)])
    func everyRoute(publicRead: Bool, publicNames: Bool) async throws {
        try await withAuthApp(publicRead: publicRead) { client in
            let admin = try await client.loginAdmin()
            let imported = try await client.execute(uri: "/api/v1/import", method: .post, headers: [.authorization: "Bearer \(admin.access)"],
                                                    body: ByteBuffer(string: Self.gedcom))
            #expect(imported.status == .created)
            if publicNames {
                #expect(try await client.request(.patch, "/api/v1/database/databases/default", json: ["living_names": "public"], token: admin.access).status == .ok)
            }
            let secrets = publicNames ? Self.detailSecrets : Self.secrets
            _ = try await client.makeUser("vera", role: .viewer, admin: admin)
            let everyone = try await client.request(.get, "/api/v1/persons?limit=100", token: admin.access).json["items"] as? [[String: Any]] ?? []
            func id(_ first: String) throws -> String { try #require(everyone.first { $0["first_name"] as? String == first }?["id"] as? String) }
            let (zephyrine, father, brother) = (try id("Zéphyrine"), try id("Auguste"), try id("Cyprien"))
            let family = try #require(try await client.request(.get, "/api/v1/persons/\(father)/families", token: admin.access)
                .json["items"] as? [[String: Any]]).first?["id"] as? String ?? ""
            // The admin sees her, so the strings are really in the base.
            #expect(String(buffer: try await client.request(.get, "/api/v1/persons/\(zephyrine)", token: admin.access).body).contains("Vivantelle"))

            let document = try await client.request(.get, "/openapi.json").json
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            #expect(paths.count > 50)
            let query = "query=vivantelle&q=vivantelle&surname=vivantelle&first_name=zephyrine&include_living=true&birth_place=secretville"
                + "&prefix=viv&root_person_id=\(zephyrine)&max_generations=10&format=gedcom551&limit=100&month=7&day=14&top=100"
            var calls = 0
            for (template, operations) in paths.sorted(by: { $0.key < $1.key }) {
                for method in operations.keys.sorted() {
                    // Her id where a person is expected; the other ids around her.
                    for subject in [zephyrine, father, brother] {
                        let path = template
                            .replacingOccurrences(of: "{person_id}", with: subject)
                            .replacingOccurrences(of: "{other_id}", with: subject == zephyrine ? father : zephyrine)
                            .replacingOccurrences(of: "{family_id}", with: family)
                            .replacingOccurrences(of: "{key}", with: "zephyrine.0.vivantelle")
                            .replacingOccurrences(of: "{base}", with: "default")
                            .replacingOccurrences(of: "{name}", with: "default")
                            .replacingOccurrences(of: "{sosa_number}", with: "1")
                            .replacingOccurrences(of: "{user_id}", with: UUID().uuidString)
                            .replacingOccurrences(of: "{source_id}", with: UUID().uuidString)
                            .replacingOccurrences(of: "{note_id}", with: UUID().uuidString)
                            .replacingOccurrences(of: "{place_id}", with: UUID().uuidString)
                        #expect(!path.contains("{"), "a parameter of \(template) is not filled")
                        let httpMethod = HTTPRequest.Method(method.uppercased())!
                        let body: [String: Any]? = ["post", "put", "patch"].contains(method) ? ["query": "vivantelle"] : nil
                        for token in [nil, try await client.login("vera", "vera has a long passphrase").access] {
                            let response = try await client.request(httpMethod, "\(path)?\(query)", json: body, token: token)
                            let text = String(buffer: response.body)
                            let label: Comment = "\(method.uppercased()) \(path) as \(token == nil ? "anonymous" : "viewer") → \(response.status.code)"
                            #expect(response.status.code < 500, label)
                            for secret in secrets where text.contains(secret) {
                                Issue.record("\(label) shows \"\(secret)\": \(text.prefix(400))")
                            }
                            calls += 1
                        }
                    }
                }
            }
            #expect(calls > 400)
        }
    }
}
