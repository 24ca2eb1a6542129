import Foundation
import GenewebServer
import GenewebTestSupport
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing

/// Passwords, their hashes and tokens never reach a log line or a response other than the one
/// that hands a token out.
@Suite("No secrets in logs or error bodies")
struct SecretsInLogsTests {
    final class Sink: Sendable {
        let lines = Mutex<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
        var text: String { lines.withLock { $0.joined(separator: "\n") } }
    }

    @Test("a whole session at trace level leaks nothing")
    func traceLevelSession() async throws {
        let sink = Sink()
        let logger = Logger(label: "geneweb") { label in JSONLogHandler(label: label, level: .trace) { sink.append($0) } }
        let bodies = Sink()
        let wrongPassword = "Wrong-Passphrase-7781"
        let newPassword = "Brand-New-Passphrase-5512"
        let tokenSink = Sink()
        try await withAuthApp(registration: true, logger: logger) { client in
            func record(_ response: TestResponse) -> TestResponse {
                bodies.append(String(buffer: response.body))
                return response
            }
            _ = record(try await client.request(.post, "/auth/login", json: ["username": "admin", "password": wrongPassword]))
            _ = record(try await client.request(.post, "/auth/login", json: ["username": "ghost", "password": wrongPassword]))
            _ = record(
                try await client.request(
                    .post, "/auth/register", json: ["username": "weak", "password": wrongPassword.prefix(6), "email": "w@example.org", "full_name": "W"]))
            let tokens = try await client.loginAdmin()
            tokenSink.append(tokens.access)
            tokenSink.append(tokens.refresh)
            let refreshed = try await client.request(.post, "/auth/refresh", json: ["refresh_token": tokens.refresh])
            let newRefresh = try refreshed.json["refresh_token"] as? String ?? ""
            tokenSink.append(newRefresh)
            _ = record(try await client.request(.post, "/auth/refresh", json: ["refresh_token": tokens.refresh]))
            _ = record(try await client.request(.get, "/auth/me", token: tokens.access + "x"))
            let fresh = try await client.loginAdmin()
            tokenSink.append(fresh.access)
            tokenSink.append(fresh.refresh)
            _ = record(
                try await client.request(
                    .post, "/auth/change-password",
                    json: [
                        "current_password": wrongPassword, "new_password": newPassword, "confirm_password": newPassword,
                    ], token: fresh.access))
            _ = record(
                try await client.request(
                    .post, "/auth/change-password",
                    json: [
                        "current_password": AuthFixture.adminPassword, "new_password": newPassword, "confirm_password": newPassword,
                    ], token: fresh.access))
            _ = record(try await client.request(.get, "/api/v1/audit?limit=1000", token: try await client.login("admin", newPassword).access))
        }
        let secrets = [AuthFixture.adminPassword, wrongPassword, newPassword, AuthFixture.secret] + tokenSink.lines.withLock { $0 }
        let logs = sink.text
        #expect(!logs.isEmpty)
        #expect(logs.contains("security event"))
        for secret in secrets where !secret.isEmpty {
            #expect(!logs.contains(secret), "a secret appears in the logs")
            #expect(!bodies.text.contains(secret), "a secret appears in a response body")
        }
        // No bcrypt hash either ($2a$/$2b$/$2y$ followed by the cost).
        for text in [logs, bodies.text] {
            #expect(text.range(of: #"\$2[aby]\$\d\d\$"#, options: .regularExpression) == nil)
        }
    }
}
