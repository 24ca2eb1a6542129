import Foundation
import GenewebServer
import GenewebStore
import GenewebTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Health routes")
struct HealthRoutesTests {
    @Test("/health and /health/ answer healthy without touching the database", arguments: ["/health", "/health/"])
    func basicHealth(path: String) async throws {
        let directory = TemporaryDirectory()
        let app = try await buildApplication(configuration: testConfiguration(directory: directory), logger: testLogger)
        try await app.test(.router) { client in
            try await client.execute(uri: path, method: .get) { response in
                #expect(response.status == .ok)
                let json = try response.json
                #expect(json["status"] as? String == "healthy")
                #expect(json["version"] as? String == AppVersion.current)
                #expect(json["environment"] as? String == "development")
                #expect(json["timestamp"] is Double)
                #expect(json["uptime"] is Double)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            }
        }
    }

    @Test("/health/live says alive")
    func live() async throws {
        let directory = TemporaryDirectory()
        let app = try await buildApplication(configuration: testConfiguration(directory: directory), logger: testLogger)
        try await app.test(.router) { client in
            try await client.execute(uri: "/health/live", method: .get) { response in
                #expect(response.status == .ok)
                let json = try response.json
                #expect(json["status"] as? String == "alive")
            }
        }
    }

    @Test("/health/ready is 200 once migrations ran on SQLite")
    func readySQLite() async throws {
        let directory = TemporaryDirectory()
        let app = try await buildApplication(configuration: testConfiguration(directory: directory), logger: testLogger)
        try await app.test(.router) { client in
            try await client.execute(uri: "/health/ready", method: .get) { response in
                #expect(response.status == .ok)
                let json = try response.json
                #expect(json["status"] as? String == "ready")
                #expect((json["checks"] as? [String: String]) == ["database": "ok", "migrations": "ok"])
            }
        }
        #expect(FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("geneweb.sqlite").path))
    }

    @Test("/health/detailed reports engine, latency, schema version and per-base counts to the monitoring token only")
    func detailed() async throws {
        let directory = TemporaryDirectory()
        let app = try await buildApplication(configuration: testConfiguration(directory: directory, monitored: true), logger: testLogger)
        try await app.test(.router) { client in
            // Base names, counts and the process id are not for anonymous callers or a wrong token.
            try await client.execute(uri: "/health/detailed", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(!String(buffer: response.body).contains("default"))
            }
            try await client.execute(uri: "/health/detailed", method: .get, headers: [.authorization: "Bearer not-the-token"]) { response in
                #expect(response.status == .unauthorized)
            }
            // The liveness and readiness routes stay open.
            for path in ["/health", "/health/", "/health/live", "/health/ready"] {
                try await client.execute(uri: path, method: .get) { #expect($0.status == .ok, "\(path)") }
            }
            try await client.execute(uri: "/health/detailed", method: .get, headers: [.authorization: "Bearer \(testMonitoringToken)"]) { response in
                #expect(response.status == .ok)
                let json = try response.json
                #expect(json["status"] as? String == "healthy")
                let database = try #require(json["database"] as? [String: Any])
                #expect(database["engine"] as? String == "sqlite")
                #expect(database["reachable"] as? Bool == true)
                #expect((database["latency_ms"] as? Double).map { $0 >= 0 } == true)
                #expect(database["schema_version"] as? Int == Migrations.latestVersion)
                let bases = try #require(json["bases"] as? [[String: Any]])
                #expect(bases.count == 1)
                #expect(bases.first?["name"] as? String == "default")
                #expect(bases.first?["persons"] as? Int == 0)
                #expect(bases.first?["families"] as? Int == 0)
            }
        }
    }

    @Test("GET / describes the service")
    func root() async throws {
        let directory = TemporaryDirectory()
        let app = try await buildApplication(configuration: testConfiguration(directory: directory), logger: testLogger)
        try await app.test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                let json = try response.json
                #expect(json["name"] as? String == "GeneWeb API")
            }
        }
    }

    @Test("HEAD works wherever GET does")
    func head() async throws {
        let directory = TemporaryDirectory()
        let app = try await buildApplication(configuration: testConfiguration(directory: directory), logger: testLogger)
        try await app.test(.router) { client in
            try await client.execute(uri: "/health", method: .head) { response in
                #expect(response.status == .ok)
            }
        }
    }
}
