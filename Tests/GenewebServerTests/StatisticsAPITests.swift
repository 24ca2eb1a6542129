import Foundation
import GenewebServer
import GenewebStore
import GenewebTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Statistics, anniversaries and whole-base consanguinity")
struct StatisticsAPITests {
    @Test("statistics count only what the caller may see; editors also get the living", arguments: serverEngines)
    func statistics(engine: DatabaseEngine) async throws {
        try await withAuthApp(engine) { client in
            let admin = try await SearchAPITests.setUp(client)
            let response = try await client.request(.get, "/api/v1/genealogy/stats")
            #expect(response.status == .ok)
            let json = try response.json
            #expect(json["persons"] as? Int == 5 && json["men"] as? Int == 3 && json["women"] as? Int == 2)
            #expect(json["living"] is NSNull, "the number of living persons is not for anonymous callers")
            #expect(json["families"] as? Int == 1)
            let expectancy = try json.objects("life_expectancy")
            let women1800 = expectancy.first { $0["century"] as? Int == 1800 && $0["sex"] as? String == "female" }
            #expect(women1800?["persons"] as? Int == 2 && women1800?["average_years"] as? Double == 79.0)
            let men1900 = expectancy.first { $0["century"] as? Int == 1900 && $0["sex"] as? String == "male" }
            #expect(men1900?["average_years"] as? Double == 80.0)
            let firstChild = try json.objects("age_at_first_child")
            #expect(firstChild.first { $0["sex"] as? String == "female" }?["average_years"] as? Double == 48.0)
            let surnames = try json.objects("top_surnames")
            #expect(surnames.first { $0["name"] as? String == "Dupont" }?["count"] as? Int == 1)
            #expect((json["oldest_living"] as? [Any])?.isEmpty == true)
            #expect(!String(buffer: response.body).contains("Zoé"))
            let longest = try json.objects("longest_lived").prefix(2)
            #expect(Set(longest.compactMap { $0["first_name"] as? String }) == ["Éléonore", "Jean"])
            #expect(longest.allSatisfy { $0["years"] as? Int == 80 })

            let full = try await client.request(.get, "/api/v1/genealogy/stats", token: admin).json
            #expect(full["persons"] as? Int == 6 && full["living"] as? Int == 1)
            #expect((full["oldest_living"] as? [[String: Any]])?.first?["first_name"] as? String == "Zoé")
            #expect(try await client.request(.get, "/api/v1/genealogy/stats?top=0").status == .unprocessableContent)
            // Answers are kept per base version: a new person shows at once.
            _ = try await FamiliesAPITests.person(client, "Odile", "Nouvelle", sex: "female", born: "1801", token: admin)
            #expect(try await client.request(.get, "/api/v1/genealogy/stats").json["persons"] as? Int == 6)
        }
    }

    @Test("ages at marriage leave out a marriage whose other spouse is living, as the family routes hide it", arguments: serverEngines)
    func agesAtMarriage(engine: DatabaseEngine) async throws {
        try await withAuthApp(engine) { client in
            let admin = try await client.loginAdmin().access
            let year = Calendar(identifier: .gregorian).component(.year, from: Date())
            let widower = try await PersonsAPITests.create(
                client,
                [
                    "first_name": "Ancien", "surname": "Marie", "sex": "male", "birth_date": "1900-01-01", "death_date": "1990-01-01",
                ], token: admin)
            let bride = try await FamiliesAPITests.person(client, "Vivante", "Mariee", sex: "female", born: "\(year - 60)", token: admin)
            let family = try await client.request(
                .post, "/api/v1/families",
                json: [
                    "parents": [try #require(widower["id"] as? String), bride], "marriage_date": "1985-06-01",
                ], token: admin)
            #expect(family.status == .created)
            func men1900(_ token: String?) async throws -> [String: Any]? {
                let ages = try await client.request(.get, "/api/v1/genealogy/stats", token: token).json.objects("age_at_marriage")
                return ages.first { $0["century"] as? Int == 1900 && $0["sex"] as? String == "male" }
            }
            #expect(try await men1900(admin)?["average_years"] as? Double == 85.4)
            #expect(try await men1900(nil) == nil, "his age at a living woman's wedding dates the wedding")
        }
    }

    @Test("anniversaries of a day: births, deaths and marriages known to the day; living birthdays for editors only", arguments: serverEngines)
    func anniversaries(engine: DatabaseEngine) async throws {
        try await withAuthApp(engine) { client in
            let admin = try await SearchAPITests.setUp(client)
            let march = try await client.request(.get, "/api/v1/genealogy/anniversaries?month=3&day=12").json
            let births = try march.objects("births")
            #expect(births.count == 1 && births.first?["year"] as? Int == 1850)
            #expect(((births.first?["persons"] as? [[String: Any]])?.first)?["first_name"] as? String == "Jean-Baptiste")
            let june = try await client.request(.get, "/api/v1/genealogy/anniversaries?month=6&day=3")
            #expect((try june.json["births"] as? [Any])?.isEmpty == true)
            #expect(!String(buffer: june.body).contains("Zoé"))
            let juneAdmin = try await client.request(.get, "/api/v1/genealogy/anniversaries?month=6&day=3", token: admin).json
            #expect((juneAdmin["births"] as? [[String: Any]])?.first?["years_ago"] as? Int == 30)
            // A marriage with a full date.
            let ids = try await client.request(.get, "/api/v1/search/persons?surname=dupon", token: admin).json.objects("results")
            let parents = ids.compactMap { $0["person_id"] as? String }
            #expect(parents.count == 2)
            let family = try await client.request(.post, "/api/v1/families", json: ["parents": parents, "marriage_date": "1875-09-04"], token: admin)
            #expect(family.status == .created)
            let september = try await client.request(.get, "/api/v1/genealogy/anniversaries?month=9&day=4").json
            let marriage = (september["marriages"] as? [[String: Any]])?.first
            #expect(marriage?["year"] as? Int == 1875 && (marriage?["persons"] as? [Any])?.count == 2)
            for bad in ["month=13", "month=2&day=30", "day=0", "limit=0"] {
                #expect(try await client.request(.get, "/api/v1/genealogy/anniversaries?\(bad)").status == .unprocessableContent, "\(bad)")
            }
        }
    }

    @Test("whole-base consanguinity: the child of first cousins at 1/16, ranked, in its bucket", arguments: serverEngines)
    func consanguinity(engine: DatabaseEngine) async throws {
        try await withAuthApp(engine) { client in
            _ = try await GenealogyAPITests.setUp(client)
            let response = try await client.request(.get, "/api/v1/genealogy/consanguinity")
            #expect(response.status == .ok)
            let json = try response.json
            #expect(json["inbred"] as? Int == 1 && json["maximum"] as? Double == 0.0625)
            #expect(json["with_both_parents"] as? Int == 5)
            let top = (json["most_inbred"] as? [[String: Any]])?.first
            #expect((top?["person"] as? [String: Any])?["first_name"] as? String == "Jules")
            let buckets = try json.objects("distribution")
            #expect(buckets.first { ($0["from"] as? Double) == 0.0625 }?["persons"] as? Int == 1)
            // The graph the computation ran on is reported to operators.
            let health = try await client.request(.get, "/health/detailed", token: try await client.loginAdmin().access).json
            let base = (health["bases"] as? [[String: Any]])?.first { $0["name"] as? String == "default" }
            let graph = base?["graph"] as? [String: Any]
            #expect(graph?["persons"] as? Int == 9)
            #expect((graph?["approximate_bytes"] as? Int ?? 0) > 0 && graph?["build_seconds"] is Double)
        }
    }
}
