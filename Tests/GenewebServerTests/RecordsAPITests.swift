import Foundation
import GenewebServer
import GenewebStore
import GenewebTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Sources, notes and places API")
struct RecordsAPITests {
    @Test(
        "each kind: create → read → patch → list with search → delete; bad fields are 422",
        arguments: [
            ("/api/v1/sources", ["title": "Registres paroissiaux de Lyon", "author": "Archives du Rhône"], "title", ["author": "AD69"], "author"),
            ("/api/v1/notes", ["title": "Family legend", "text": "They came from Savoy."], "title", ["text": "They came from Savoie."], "text"),
            ("/api/v1/places", ["name": "Lyon, Rhône, France", "latitude": 45.76, "longitude": 4.84], "name", ["latitude": 45.75], "latitude"),
        ] as [(String, [String: any Sendable], String, [String: any Sendable], String)])
    func lifecycle(path: String, body: [String: any Sendable], label: String, change: [String: any Sendable], changed: String) async throws {
        try await withAuthApp(serverEngines.last!) { client in
            let admin = try await client.loginAdmin().access
            let created = try await client.request(.post, path + "/", json: body, token: admin)
            #expect(created.status == .created)
            let id = try #require(try created.json["id"] as? String)
            #expect(created.headers[.location] == "\(path)/\(id)")
            let read = try await client.request(.get, "\(path)/\(id)")
            #expect(try read.json[label] as? String == body[label] as? String)
            let patched = try await client.request(.patch, "\(path)/\(id)", json: change, token: admin)
            #expect(patched.status == .ok)
            #expect(String(describing: try patched.json[changed] ?? "") == String(describing: change[changed]!))
            #expect(try patched.json[label] as? String == body[label] as? String)
            let word = String((body[label] as? String ?? "").split(separator: " ").first ?? "")
            let list = try await client.request(.get, "\(path)?q=\(word.lowercased())")
            #expect(try list.json["total"] as? Int == 1)
            #expect(try await client.request(.get, "\(path)?q=zzzz").json["total"] as? Int == 0)
            #expect(try await client.request(.post, path, json: ["bogus": 1], token: admin).status == .unprocessableContent)
            #expect(try await client.request(.post, path, json: body).status == .unauthorized)
            #expect(try await client.request(.delete, "\(path)/\(id)", token: admin).status == .noContent)
            #expect(try await client.request(.get, "\(path)/\(id)").status == .notFound)
        }
    }

    @Test("a private note is hidden from anonymous callers and viewers")
    func privateNote() async throws {
        try await withAuthApp { client in
            let admin = try await client.loginAdmin()
            let created = try await client.request(
                .post, "/api/v1/notes", json: ["title": "Adoption", "text": "secret details", "is_private": true], token: admin.access)
            let id = try #require(try created.json["id"] as? String)
            let viewer = try await client.makeUser("vera", role: .viewer, admin: admin)
            for token in [nil, viewer.access] {
                #expect(try await client.request(.get, "/api/v1/notes/\(id)", token: token).status == .notFound)
                #expect(!String(buffer: try await client.request(.get, "/api/v1/notes", token: token).body).contains("secret"))
            }
            #expect(try await client.request(.get, "/api/v1/notes/\(id)", token: admin.access).json["text"] as? String == "secret details")
        }
    }
}
