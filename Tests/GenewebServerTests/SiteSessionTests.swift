import Foundation
import GenewebStore
import GenewebTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GenewebServer

/// Signing in to the web site: a form with an anti-forgery token, the API's accounts, lock-out
/// and tokens held in HttpOnly cookies that only the site's pages read.
@Suite("Web site sign-in")
struct SiteSessionTests {
    /// A browser: keeps cookies between requests, as a jar of name → value.
    final class Browser: @unchecked Sendable {
        var jar: [String: String] = [:]
        var setCookies: [String] = []
        let client: any TestClientProtocol
        let host: String
        let forwardedHTTPS: Bool

        init(_ client: any TestClientProtocol, host: String = "localhost", forwardedHTTPS: Bool = false) {
            self.client = client
            self.host = host
            self.forwardedHTTPS = forwardedHTTPS
        }

        func send(_ method: HTTPRequest.Method, _ path: String, form: [(String, String)]? = nil) async throws -> TestResponse {
            var headers = HTTPFields()
            headers[HTTPField.Name("Host")!] = host
            if forwardedHTTPS { headers[HTTPField.Name("X-Forwarded-Proto")!] = "https" }
            if !jar.isEmpty { headers[.cookie] = jar.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
            var body: ByteBuffer?
            if let form {
                headers[.contentType] = "application/x-www-form-urlencoded"
                body = ByteBuffer(
                    string: form.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&"))
            }
            let response = try await client.execute(uri: path, method: method, headers: headers, body: body)
            setCookies = response.headers[values: .setCookie]
            for cookie in setCookies {
                let pair = cookie.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
                if cookie.contains("Max-Age=0") { jar[pair[0]] = nil } else { jar[pair[0]] = pair.count > 1 ? pair[1] : "" }
            }
            return response
        }

        /// A form posted as `multipart/form-data` (an upload form): text fields, then one file.
        func upload(_ path: String, fields: [(String, String)], file: (name: String, fileName: String, bytes: [UInt8])) async throws -> TestResponse {
            let boundary = "test-boundary-\(UUID().uuidString)"
            var body = ""
            for (name, value) in fields {
                body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
            }
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.fileName)\"\r\n"
            body += "Content-Type: application/octet-stream\r\n\r\n"
            var bytes = Array(body.utf8) + file.bytes
            bytes += Array("\r\n--\(boundary)--\r\n".utf8)
            var headers = HTTPFields()
            headers[HTTPField.Name("Host")!] = host
            headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
            if !jar.isEmpty { headers[.cookie] = jar.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
            return try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(bytes: bytes))
        }

        /// The form token of the last page.
        static func token(in html: String) -> String? {
            html.components(separatedBy: "name=\"csrf\" value=\"").dropFirst().first?.components(separatedBy: "\"").first
        }

        func signIn(_ username: String, _ password: String, next: String = "/b/default") async throws -> TestResponse {
            let form = String(buffer: try await send(.get, "/sign-in?next=\(next)").body)
            let token = try #require(Self.token(in: form))
            return try await send(.post, "/sign-in", form: [("username", username), ("password", password), ("csrf", token), ("next", next)])
        }
    }

    static func withLivingBase(_ body: @escaping @Sendable (any TestClientProtocol, Tokens) async throws -> Void) async throws {
        try await withAuthApp { client in
            let admin = try await client.loginAdmin()
            let imported = try await client.execute(
                uri: "/api/v1/import", method: .post, headers: [.authorization: "Bearer \(admin.access)"],
                body: ByteBuffer(string: LivingPersonPrivacyTests.gedcom))
            #expect(imported.status == .created)
            _ = try await client.makeUser("eddie", role: .editor, admin: admin)
            try await body(client, admin)
        }
    }

    @Test("an editor signs in with the form and sees the living person the anonymous visitor does not; signing out ends the session")
    func signInAndOut() async throws {
        try await Self.withLivingBase { client, _ in
            let browser = Browser(client)
            #expect(try await browser.send(.get, "/b/default/p/zephyrine.0.vivantelle").status == .notFound)
            let signedIn = try await browser.signIn("eddie", "eddie has a long passphrase", next: "/b/default/p/zephyrine.0.vivantelle")
            #expect(signedIn.status == .seeOther && signedIn.headers[.location] == "/b/default/p/zephyrine.0.vivantelle")
            // Loopback over plain HTTP: no Secure, no __Host- prefix (browsers would refuse them).
            let access = try #require(browser.setCookies.first { $0.hasPrefix("gw_access=") })
            #expect(access.contains("HttpOnly") && access.contains("SameSite=Lax") && !access.contains("Secure"))
            let page = try await browser.send(.get, "/b/default/p/zephyrine.0.vivantelle")
            let html = String(buffer: page.body)
            #expect(page.status == .ok && html.contains("Vivantelle") && html.contains("Secretville"))
            #expect(html.contains("<span class=\"user\">eddie</span>"))
            // The JSON API does not read the cookies: only bearer tokens sign its callers in.
            let api = try await browser.send(.get, "/api/v1/persons?surname=vivantelle")
            #expect(!String(buffer: api.body).contains("Secretville"))

            let token = try #require(Browser.token(in: html))
            let out = try await browser.send(.post, "/sign-out", form: [("csrf", token), ("next", "/b/default")])
            #expect(out.status == .seeOther && browser.jar["gw_access"] == nil && browser.jar["gw_refresh"] == nil)
            #expect(try await browser.send(.get, "/b/default/p/zephyrine.0.vivantelle").status == .notFound)
        }
    }

    @Test("the revoked tokens of a signed-out session do not sign anyone in again")
    func revokedOnSignOut() async throws {
        try await Self.withLivingBase { client, _ in
            let browser = Browser(client)
            _ = try await browser.signIn("eddie", "eddie has a long passphrase")
            let stolen = browser.jar
            let html = String(buffer: try await browser.send(.get, "/b/default").body)
            _ = try await browser.send(.post, "/sign-out", form: [("csrf", try #require(Browser.token(in: html)))])
            let thief = Browser(client)
            thief.jar = stolen
            #expect(try await thief.send(.get, "/b/default/p/zephyrine.0.vivantelle").status == .notFound)
        }
    }

    @Test("behind HTTPS the cookies are Secure with the __Host- prefix")
    func secureCookies() async throws {
        try await Self.withLivingBase { client, _ in
            let browser = Browser(client, host: "genealogy.example.org", forwardedHTTPS: true)
            let form = try await browser.send(.get, "/sign-in")
            let nonce = try #require(browser.setCookies.first { $0.hasPrefix("__Host-gw_form=") })
            #expect(nonce.contains("Secure") && nonce.contains("HttpOnly") && nonce.contains("SameSite=Strict") && nonce.contains("Path=/"))
            let token = try #require(Browser.token(in: String(buffer: form.body)))
            let signedIn = try await browser.send(
                .post, "/sign-in", form: [("username", "eddie"), ("password", "eddie has a long passphrase"), ("csrf", token), ("next", "/b")])
            #expect(signedIn.status == .seeOther)
            #expect(browser.setCookies.contains { $0.hasPrefix("__Host-gw_access=") && $0.contains("; Secure") })
        }
    }

    @Test("an anonymous reading page sets no form cookie and carries no token; the sign-in form does, and a signed-in page too")
    func formNonceOnlyWhereFormsPost() async throws {
        try await Self.withLivingBase { client, _ in
            let browser = Browser(client)
            let home = try await browser.send(.get, "/b/default")
            #expect(home.status == .ok && browser.setCookies.isEmpty && Browser.token(in: String(buffer: home.body)) == nil)
            _ = try await browser.send(.get, "/sign-in")
            #expect(browser.setCookies.contains { $0.hasPrefix("gw_form=") })
            _ = try await browser.signIn("eddie", "eddie has a long passphrase")
            #expect(Browser.token(in: String(buffer: try await browser.send(.get, "/b/default").body)) != nil)
        }
    }

    @Test("a form without the page's token, or with another browser's, is refused before the password is checked")
    func forgedForms() async throws {
        try await Self.withLivingBase { client, _ in
            let browser = Browser(client)
            _ = try await browser.send(.get, "/sign-in")
            let missing = try await browser.send(.post, "/sign-in", form: [("username", "eddie"), ("password", "eddie has a long passphrase")])
            #expect(missing.status == .badRequest && String(buffer: missing.body).contains("<html"))
            let other = Browser(client)
            let otherToken = try #require(Browser.token(in: String(buffer: try await other.send(.get, "/sign-in").body)))
            let forged = try await browser.send(
                .post, "/sign-in", form: [("username", "eddie"), ("password", "eddie has a long passphrase"), ("csrf", otherToken)])
            #expect(forged.status == .badRequest && browser.jar["gw_access"] == nil)
            // No nonce cookie at all (a post from another site carries none: SameSite=Strict).
            let stranger = Browser(client)
            let blind = try await stranger.send(.post, "/sign-out", form: [("csrf", otherToken)])
            #expect(blind.status == .badRequest)
        }
    }

    @Test("a wrong password says so in the page's language; repeated failures lock the account as the API does")
    func failuresAndLockOut() async throws {
        try await Self.withLivingBase { client, _ in
            let browser = Browser(client)
            var failed = try await browser.signIn("eddie", "wrong")
            #expect(failed.status == .unauthorized && String(buffer: failed.body).contains("is not right"))
            for _ in 0..<10 where failed.status != .tooManyRequests {
                failed = try await browser.signIn("eddie", "wrong")
            }
            #expect(failed.status == .tooManyRequests && failed.headers[.retryAfter] != nil)
            #expect(String(buffer: failed.body).contains("Too many failed attempts"))
            // Locked: even the right password waits.
            #expect(try await browser.signIn("eddie", "eddie has a long passphrase").status == .tooManyRequests)
        }
    }

    @Test("an expired access cookie is renewed from the refresh cookie; a spent refresh token signs nobody in")
    func renewal() async throws {
        let clock = TestClock()
        try await withAuthApp(clock: clock) { client in
            _ = try await client.makeUser("eddie", role: .editor, admin: try await client.loginAdmin())
            let browser = Browser(client)
            _ = try await browser.signIn("eddie", "eddie has a long passphrase")
            let first = try #require(browser.jar["gw_refresh"])
            clock.advance(by: 2 * 3600)
            let page = String(buffer: try await browser.send(.get, "/b/default").body)
            #expect(page.contains("<span class=\"user\">eddie</span>"), "renewed")
            #expect(browser.jar["gw_refresh"] != first)
            // The spent refresh token again (a copy someone kept): refused, and that session ends.
            let copy = Browser(client)
            copy.jar = ["gw_refresh": first]
            let refused = String(buffer: try await copy.send(.get, "/b/default").body)
            #expect(!refused.contains("class=\"user\"") && copy.jar["gw_refresh"] == nil)
        }
    }

    @Test(
        "after signing in, the site goes to one of its own pages only",
        arguments: ["//evil.example/x", "https://evil.example", "/\\evil", "/api/v1/users", "/b/../x\n"])
    func nextStaysHere(next: String) {
        #expect(SiteController.safeNext(next) == "/b")
        #expect(SiteController.safeNext("/b/default/p/a.0.b?lang=fr") == "/b/default/p/a.0.b?lang=fr")
    }
}
