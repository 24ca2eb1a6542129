import Foundation
import GenewebServer
import GenewebStore
import GenewebTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Health on PostgreSQL", .enabled(if: TestEnvironment.runsPostgresTests, "needs PostgreSQL: run scripts/test"))
struct PostgresHealthTests {
    @Test("/health/detailed reports PostgreSQL and the default base")
    func detailedOnPostgres() async throws {
        let url = try await TestPostgres.makeDatabase()
        defer { Task { await TestPostgres.drop(url) } }
        let directory = TemporaryDirectory()
        let app = try await buildApplication(
            configuration: testConfiguration(storage: .postgres(url: url), directory: directory, monitored: true), logger: testLogger)
        try await app.test(.router) { client in
            try await client.execute(uri: "/health/detailed", method: .get, headers: [.authorization: "Bearer \(testMonitoringToken)"]) { response in
                #expect(response.status == .ok)
                let json = try response.json
                let database = try #require(json["database"] as? [String: Any])
                #expect(database["engine"] as? String == "postgres")
                #expect(database["schema_version"] as? Int == Migrations.latestVersion)
                #expect((json["bases"] as? [[String: Any]])?.first?["name"] as? String == "default")
            }
        }
    }

    @Test("/health/ready turns 503 when PostgreSQL stops and 200 when it returns; /health/ stays 200")
    func readinessFollowsPostgres() async throws {
        let cluster = try PostgresCluster()
        let url = try cluster.start()
        let directory = TemporaryDirectory()
        let app = try await buildApplication(
            configuration: testConfiguration(storage: .postgres(url: url), directory: directory, monitored: true), logger: testLogger)
        try await app.test(.live) { client in
            try await client.execute(uri: "/health/ready", method: .get) { response in
                #expect(response.status == .ok)
            }
            try cluster.stop()
            try await client.execute(uri: "/health/ready", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                let json = try response.json
                #expect(json["status"] as? String == "not_ready")
                #expect(json["error_code"] as? String == "SERVICE_UNAVAILABLE")
                #expect((json["detail"] as? String)?.contains("database") == true)
                #expect((json["checks"] as? [String: String])?["database"] == "unreachable")
            }
            try await client.execute(uri: "/health/", method: .get) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/health/detailed", method: .get, headers: [.authorization: "Bearer \(testMonitoringToken)"]) { response in
                #expect(response.status == .ok)
                let json = try response.json
                #expect(json["status"] as? String == "degraded")
            }
            try cluster.start()
            var status: HTTPResponse.Status = .serviceUnavailable
            for _ in 0..<50 where status != .ok {
                status = try await client.execute(uri: "/health/ready", method: .get) { $0.status }
                if status != .ok { try await Task.sleep(for: .milliseconds(200)) }
            }
            #expect(status == .ok)
        }
    }
}
