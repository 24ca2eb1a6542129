import Foundation
import GenewebServer
import GenewebStore
import GenewebTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Passwords: lock-out, policy, history")
struct PasswordTests {
    static func attempt(_ client: any TestClientProtocol, _ password: String) async throws -> TestResponse {
        try await client.request(.post, "/auth/login", json: ["username": AuthFixture.adminName, "password": password])
    }

    @Test("five failures lock the account; the lock expires; the next series locks twice as long", arguments: serverEngines)
    func lockout(engine: DatabaseEngine) async throws {
        let clock = TestClock()
        try await withAuthApp(engine, clock: clock) { client in
            for _ in 1...4 {
                #expect(try await Self.attempt(client, "wrong passphrase here").status == .unauthorized)
            }
            let fifth = try await Self.attempt(client, "wrong passphrase here")
            #expect(fifth.status == .unauthorized)
            // Locked for 15 minutes: even the right password is refused.
            clock.advance(by: 600)
            #expect(try await Self.attempt(client, AuthFixture.adminPassword).status == .unauthorized)
            // The lock expires.
            clock.advance(by: 301)
            // Another series of five failures: 30 minutes this time.
            for _ in 1...5 { _ = try await Self.attempt(client, "wrong passphrase here") }
            clock.advance(by: 1000)
            #expect(try await Self.attempt(client, AuthFixture.adminPassword).status == .unauthorized)
            clock.advance(by: 801)
            #expect(try await Self.attempt(client, AuthFixture.adminPassword).status == .ok)
            // Success resets the counter: four more failures do not lock.
            for _ in 1...4 { _ = try await Self.attempt(client, "wrong passphrase here") }
            #expect(try await Self.attempt(client, AuthFixture.adminPassword).status == .ok)
            let admin = try await client.loginAdmin()
            let audit = try await client.request(.get, "/api/v1/audit?action=security.lockout", token: admin.access)
            #expect(try audit.json["total"] as? Int == 2)
        }
    }

    @Test("a locked account answers exactly as an unknown username does: the answer never tells that a name exists")
    func lockedLooksUnknown() async throws {
        try await withAuthApp { client in
            func answer(_ username: String, _ password: String) async throws -> (HTTPResponse.Status, String?, String?) {
                let response = try await client.request(.post, "/auth/login", json: ["username": username, "password": password])
                return (response.status, try response.json["detail"] as? String, response.headers[.retryAfter])
            }
            let unknown = try await answer("nobody-here", "wrong passphrase here")
            #expect(unknown.0 == .unauthorized)
            #expect(unknown.2 == nil)
            for _ in 1...4 { #expect(try await answer(AuthFixture.adminName, "wrong passphrase here") == unknown) }
            // The failure that locks, then a locked account with a wrong and with the right password.
            #expect(try await answer(AuthFixture.adminName, "wrong passphrase here") == unknown)
            #expect(try await answer(AuthFixture.adminName, "wrong passphrase here") == unknown)
            #expect(try await answer(AuthFixture.adminName, AuthFixture.adminPassword) == unknown)
            // Unknown names never lock into a different answer either.
            for _ in 1...6 { #expect(try await answer("nobody-here", "wrong passphrase here") == unknown) }
        }
    }

    @Test("change-password: policy, confirmation, current password, history of five; old sessions end")
    func changePassword() async throws {
        try await withAuthApp { client in
            let admin = try await client.loginAdmin()
            func change(_ current: String, _ new: String, confirm: String? = nil, token: String) async throws -> TestResponse {
                try await client.request(
                    .post, "/auth/change-password",
                    json: [
                        "current_password": current, "new_password": new, "confirm_password": confirm ?? new,
                    ], token: token)
            }
            func field(_ response: TestResponse) throws -> String? {
                (try response.json["validation_errors"] as? [[String: Any]])?.first?["field"] as? String
            }
            let short = try await change(AuthFixture.adminPassword, "short pw", token: admin.access)
            #expect(short.status == .unprocessableContent)
            #expect(try field(short) == "new_password")
            #expect(try await change(AuthFixture.adminPassword, "aaaaaaaaaaaaaaaa", token: admin.access).status == .unprocessableContent)
            #expect(try await change(AuthFixture.adminPassword, "password1234", token: admin.access).status == .unprocessableContent)
            let mismatch = try await change(AuthFixture.adminPassword, "a good new passphrase", confirm: "another one entirely", token: admin.access)
            #expect(try field(mismatch) == "confirm_password")
            let wrongCurrent = try await change("not my password at all", "a good new passphrase", token: admin.access)
            #expect(wrongCurrent.status == .unprocessableContent)
            #expect(try field(wrongCurrent) == "current_password")
            let same = try await change(AuthFixture.adminPassword, AuthFixture.adminPassword, token: admin.access)
            #expect(same.status == .unprocessableContent)

            // Five changes in a row; each ends the previous sessions.
            var current = AuthFixture.adminPassword
            var token = admin.access
            var refresh = admin.refresh
            let passwords = (1...5).map { "passphrase number \($0) is long" }
            for next in passwords {
                let response = try await change(current, next, token: token)
                #expect(response.status == .ok)
                #expect(try await client.request(.get, "/auth/me", token: token).status == .unauthorized)
                #expect(try await client.request(.post, "/auth/refresh", json: ["refresh_token": refresh]).status == .unauthorized)
                #expect(try await client.request(.post, "/auth/login", json: ["username": "admin", "password": current]).status == .unauthorized)
                current = next
                let tokens = try await client.login("admin", current)
                token = tokens.access
                refresh = tokens.refresh
            }
            // The last five (passwords 1 to 5) are refused; the original one has left the history.
            #expect(try await change(current, passwords[0], token: token).status == .unprocessableContent)
            #expect(try await change(current, passwords[3], token: token).status == .unprocessableContent)
            #expect(try await change(current, AuthFixture.adminPassword, token: token).status == .ok)
        }
    }

    @Test(
        "policy rules",
        arguments: [
            ("short", false), ("twelve chars", true), ("aaaaaaaaaaaaaaaaaa", false), ("ababababababababab", false),
            ("Password1234", false), ("correct horse battery staple", true), ("mariemariemarie", false),
            (String(repeating: "long passphrase ", count: 20), false), ("été à la plage 1999", true),
        ])
    func policy(password: String, acceptable: Bool) {
        let problems = PasswordPolicy().problems(password: password, username: "marie")
        #expect(problems.isEmpty == acceptable, "\(problems)")
    }

    @Test("the password is never equal to the username, in any case")
    func notTheUsername() {
        #expect(!PasswordPolicy().problems(password: "GenealogyFan1", username: "genealogyfan1").isEmpty)
    }
}
