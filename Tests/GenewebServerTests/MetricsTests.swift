import Foundation
import GenewebServer
import GenewebStore
import GenewebTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Prometheus metrics")
struct MetricsTests {
    @Test("/metrics counts requests by route pattern and status, times them, and counts security events")
    func exposition() async throws {
        try await withAuthApp { client in
            let admin = try await client.loginAdmin().access
            let person = try await PersonsAPITests.create(client, ["first_name": "Metric", "surname": "Person"], token: admin)
            let id = try #require(person["id"] as? String)
            _ = try await client.request(.get, "/api/v1/persons/\(id)")
            _ = try await client.request(.get, "/no/such/route")
            _ = try await client.request(.post, "/auth/login", json: ["username": "admin", "password": "wrong passphrase here"])
            let response = try await client.request(.get, "/metrics")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
            let text = String(buffer: response.body)
            let lines = text.split(separator: "\n")
            #expect(
                lines.contains {
                    $0.hasPrefix("geneweb_http_requests_total{") && $0.contains("endpoint=\"/api/v1/persons/{person_id}\"")
                        && $0.contains("status_code=\"200\"") && $0.contains("method=\"GET\"")
                })
            #expect(!text.contains(id), "raw paths must not become labels")
            #expect(
                lines.contains { $0.hasPrefix("geneweb_http_requests_total{") && $0.contains("endpoint=\"unmatched\"") && $0.contains("status_code=\"404\"") })
            #expect(lines.contains { $0.hasPrefix("geneweb_http_request_duration_seconds_bucket{") })
            #expect(lines.contains { $0.hasPrefix("geneweb_security_events_total{") && $0.contains("type=\"failed_login\"") })
            #expect(lines.contains { $0.hasPrefix("geneweb_application_info{") })
            #expect(lines.contains { $0.hasPrefix("geneweb_database_operations_total{") })
            #expect(lines.contains { $0.hasPrefix("geneweb_active_connections") })
        }
    }

    @Test("with GENEWEB_MONITORING_METRICS_TOKEN, /metrics needs that bearer token")
    func protected() async throws {
        let directory = TemporaryDirectory()
        var configuration = AuthFixture.configuration(directory: directory)
        configuration.metricsToken = "monitoring-token-123"
        let app = try await buildApplication(configuration: configuration, logger: testLogger)
        try await app.test(.router) { client in
            let anonymous = try await client.request(.get, "/metrics")
            let wrong = try await client.request(.get, "/metrics", token: "wrong")
            let right = try await client.request(.get, "/metrics", token: "monitoring-token-123")
            #expect(anonymous.status == .unauthorized)
            #expect(wrong.status == .unauthorized)
            #expect(right.status == .ok)
        }
    }
}
