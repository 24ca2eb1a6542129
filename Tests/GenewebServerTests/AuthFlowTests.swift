import Foundation
import GenewebServer
import GenewebStore
import GenewebTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Sign-in, refresh rotation, reuse detection, logout")
struct AuthFlowTests {
    @Test("login → me → refresh → replayed refresh revokes the whole session", arguments: serverEngines)
    func rotationAndReuse(engine: DatabaseEngine) async throws {
        try await withAuthApp(engine) { client in
            let first = try await client.loginAdmin()
            let me = try await client.request(.get, "/auth/me", token: first.access)
            #expect(me.status == .ok)
            let meJSON = try me.json
            #expect(meJSON["username"] as? String == "admin")
            #expect(meJSON["role"] as? String == "admin")
            #expect(meJSON["password_hash"] == nil && meJSON["password"] == nil)

            // Rotation: a new pair, and the old access token keeps working until it expires.
            let rotated = try await client.request(.post, "/api/v1/auth/refresh", json: ["refresh_token": first.refresh])
            #expect(rotated.status == .ok)
            let rotatedJSON = try rotated.json
            let second = Tokens(access: rotatedJSON["access_token"] as? String ?? "", refresh: rotatedJSON["refresh_token"] as? String ?? "")
            #expect(rotatedJSON["token_type"] as? String == "bearer")
            #expect(rotatedJSON["expires_in"] as? Int == 1800)
            #expect(second.refresh != first.refresh)
            #expect(try await client.request(.get, "/auth/me", token: second.access).status == .ok)

            // The first refresh token again: reuse. The family dies: the newest refresh token and
            // the session's access tokens are refused too.
            let replay = try await client.request(.post, "/auth/refresh", json: ["refresh_token": first.refresh])
            #expect(replay.status == .unauthorized)
            #expect(replay.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            let replayJSON = try replay.json
            #expect(replayJSON["error_code"] as? String == "UNAUTHORIZED")
            #expect((replayJSON["detail"] as? String)?.contains("revoked") == true)
            #expect(try await client.request(.post, "/auth/refresh", json: ["refresh_token": second.refresh]).status == .unauthorized)
            #expect(try await client.request(.get, "/auth/me", token: second.access).status == .unauthorized)
            #expect(try await client.request(.get, "/auth/me", token: first.access).status == .unauthorized)

            // Another session of the same account is not affected, and the event is audited.
            let other = try await client.loginAdmin()
            let audit = try await client.request(.get, "/api/v1/audit?action=security.token_reuse", token: other.access)
            #expect(audit.status == .ok)
            let auditJSON = try audit.json
            #expect(auditJSON["total"] as? Int == 1)
        }
    }

    @Test("logout revokes the access token and the session's refresh token", arguments: serverEngines)
    func logout(engine: DatabaseEngine) async throws {
        try await withAuthApp(engine) { client in
            let tokens = try await client.loginAdmin()
            let other = try await client.loginAdmin()
            let response = try await client.request(.post, "/auth/logout", token: tokens.access)
            #expect(response.status == .ok)
            #expect(try await client.request(.get, "/auth/me", token: tokens.access).status == .unauthorized)
            #expect(try await client.request(.post, "/auth/refresh", json: ["refresh_token": tokens.refresh]).status == .unauthorized)
            // Only that session ends.
            #expect(try await client.request(.get, "/auth/me", token: other.access).status == .ok)
        }
    }

    @Test("OAuth2 password form gives a token pair; a wrong grant type is a 422")
    func oauth2Form() async throws {
        try await withAuthApp { client in
            let form = "grant_type=password&username=admin&password=admin+passphrase+for+tests"
            let ok = try await client.execute(
                uri: "/api/v1/auth/login/oauth2", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: form)
            )
            #expect(ok.status == .ok)
            let json = try ok.json
            #expect((json["access_token"] as? String)?.split(separator: ".").count == 3)
            #expect(ok.headers[.cacheControl] == "no-store")
            let wrong = try await client.execute(
                uri: "/auth/login/oauth2", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "grant_type=client_credentials&username=admin&password=x")
            )
            #expect(wrong.status == .unprocessableContent)
        }
    }

    @Test("wrong password and unknown user get the same 401")
    func wrongCredentials() async throws {
        try await withAuthApp { client in
            let wrong = try await client.request(.post, "/auth/login", json: ["username": "admin", "password": "not the right passphrase"])
            let unknown = try await client.request(.post, "/auth/login", json: ["username": "nobody", "password": "not the right passphrase"])
            #expect(wrong.status == .unauthorized && unknown.status == .unauthorized)
            let wrongDetail = try wrong.json["detail"] as? String
            let unknownDetail = try unknown.json["detail"] as? String
            #expect(wrongDetail == unknownDetail)
            let missing = try await client.request(.post, "/auth/login", json: ["username": "admin"])
            #expect(missing.status == .unprocessableContent)
            let fields = try missing.json["validation_errors"] as? [[String: Any]]
            #expect(fields?.first?["field"] as? String == "password")
        }
    }

    @Test("registration: closed by default, open makes viewers whatever role is asked, duplicates are 409")
    func registration() async throws {
        try await withAuthApp(registration: false) { client in
            let closed = try await client.request(
                .post, "/auth/register", json: ["username": "eve", "password": "eve has a long passphrase", "email": "eve@example.org", "full_name": "Eve"])
            #expect(closed.status == .forbidden)
            // Admins may still register accounts, with a role.
            let admin = try await client.loginAdmin()
            let byAdmin = try await client.request(
                .post, "/auth/register",
                json: ["username": "eddie", "password": "eddie has a long passphrase", "email": "ed@example.org", "full_name": "Ed", "role": "editor"],
                token: admin.access)
            #expect(byAdmin.status == .created)
            #expect(try byAdmin.json["role"] as? String == "editor")
        }
        try await withAuthApp(registration: true) { client in
            let created = try await client.request(
                .post, "/api/v1/auth/register",
                json: [
                    "username": "eve", "password": "eve has a long passphrase", "email": "eve@example.org", "full_name": "Eve", "role": "admin",
                ])
            #expect(created.status == .created)
            let json = try created.json
            #expect(json["role"] as? String == "viewer")
            #expect(json["is_active"] as? Bool == true)
            #expect(created.headers[.location] != nil)
            let again = try await client.request(
                .post, "/auth/register", json: ["username": "EVE", "password": "another long passphrase", "email": "e@example.org", "full_name": "E"])
            #expect(again.status == .conflict)
            let badEmail = try await client.request(
                .post, "/auth/register", json: ["username": "fred", "password": "fred has a long passphrase", "email": "not-an-email", "full_name": "F"])
            #expect(badEmail.status == .unprocessableContent)
            let tokens = try await client.login("eve", "eve has a long passphrase")
            #expect(try await client.request(.get, "/api/v1/users", token: tokens.access).status == .forbidden)
        }
    }

    @Test("/auth/health answers without a token")
    func authHealth() async throws {
        try await withAuthApp { client in
            for path in ["/auth/health", "/api/v1/auth/health"] {
                let response = try await client.request(.get, path)
                #expect(response.status == .ok)
                #expect(try response.json["status"] as? String == "healthy")
            }
        }
    }

    @Test("admin changes to an account: demotion takes effect at once, disabling ends its sessions")
    func adminUserManagement() async throws {
        try await withAuthApp { client in
            let admin = try await client.loginAdmin()
            let editor = try await client.makeUser("carol", role: .editor, admin: admin)
            let list = try await client.request(.get, "/api/v1/users", token: admin.access)
            let items = try list.json["items"] as? [[String: Any]]
            #expect(items?.count == 2)
            let carolID = try #require(items?.first { $0["username"] as? String == "carol" }?["id"] as? String)
            #expect(try await client.request(.get, "/api/v1/audit", token: editor.access).status == .forbidden)
            let demoted = try await client.request(.patch, "/api/v1/users/\(carolID)", json: ["role": "viewer"], token: admin.access)
            #expect(try demoted.json["role"] as? String == "viewer")
            let me = try await client.request(.get, "/auth/me", token: editor.access)
            #expect(try me.json["role"] as? String == "viewer")
            _ = try await client.request(.patch, "/api/v1/users/\(carolID)", json: ["is_active": false], token: admin.access)
            #expect(try await client.request(.get, "/auth/me", token: editor.access).status == .unauthorized)
            let login = try await client.request(.post, "/auth/login", json: ["username": "carol", "password": "carol has a long passphrase"])
            #expect(login.status == .forbidden)
            let selfDemotion = try await client.request(
                .patch, "/api/v1/users/\(try #require(try client.request(.get, "/auth/me", token: admin.access).json["id"] as? String))",
                json: ["role": "viewer"], token: admin.access)
            #expect(selfDemotion.status == .conflict)
        }
    }
}
