import Foundation
import GenewebTestSupport
import Hummingbird
import HummingbirdTesting
import JWTKit
import Testing

@testable import GenewebServer

/// Every kind of bad token is a 401 with the error JSON and `WWW-Authenticate`, never a 500 and
/// never a silent downgrade to anonymous.
@Suite("Tokens that must be refused")
struct TokenRejectionTests {
    /// Checks the answer to `GET /auth/me` with `token`.
    static func expectRefused(_ client: any TestClientProtocol, _ token: String, _ comment: Comment) async throws {
        let response = try await client.request(.get, "/auth/me", token: token)
        #expect(response.status == .unauthorized, comment)
        #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true, comment)
        let json = try response.json
        #expect(json["error_code"] as? String == "UNAUTHORIZED", comment)
        #expect(json["request_id"] is String, comment)
    }

    @Test("an access token expires after its lifetime (30 minutes)")
    func expired() async throws {
        let clock = TestClock()
        try await withAuthApp(clock: clock) { client in
            let tokens = try await client.loginAdmin()
            clock.advance(by: 29 * 60)
            #expect(try await client.request(.get, "/auth/me", token: tokens.access).status == .ok)
            clock.advance(by: 2 * 60)
            try await Self.expectRefused(client, tokens.access, "expired")
            // The refresh token (7 days) still gives a new pair.
            let refreshed = try await client.request(.post, "/auth/refresh", json: ["refresh_token": tokens.refresh])
            #expect(refreshed.status == .ok)
            clock.advance(by: 8 * 24 * 3600)
            let late = try await client.request(.post, "/auth/refresh", json: ["refresh_token": try refreshed.json["refresh_token"] as? String ?? ""])
            #expect(late.status == .unauthorized)
        }
    }

    @Test("tampered payload, alg none, wrong key, wrong audience, wrong issuer, refresh as access, garbage")
    func tampered() async throws {
        try await withAuthApp { client in
            let tokens = try await client.loginAdmin()
            let parts = tokens.access.split(separator: ".").map(String.init)
            #expect(parts.count == 3)

            // Payload changed (role edited), signature kept.
            var payload = try #require(try JSONSerialization.jsonObject(with: Self.base64URLDecode(parts[1])) as? [String: Any])
            payload["role"] = "admin"
            payload["sub"] = UUID().uuidString.lowercased()
            let edited = Self.base64URLEncode(try JSONSerialization.data(withJSONObject: payload))
            try await Self.expectRefused(client, [parts[0], edited, parts[2]].joined(separator: "."), "edited payload")

            // alg: none, no signature.
            let none = Self.base64URLEncode(Data(#"{"alg":"none","typ":"JWT"}"#.utf8))
            try await Self.expectRefused(client, [none, parts[1], ""].joined(separator: "."), "alg none")
            try await Self.expectRefused(client, [none, parts[1]].joined(separator: "."), "alg none, two parts")

            // Well-formed claims signed with another key, or for another audience or issuer.
            let genuine = try await Self.claims(of: tokens.access)
            try await Self.expectRefused(client, try await Self.sign(genuine, key: "another-secret-key-of-more-than-thirty-two-bytes"), "wrong key")
            var otherAudience = genuine
            otherAudience.audience = .init(value: ["some-other-api"])
            try await Self.expectRefused(client, try await Self.sign(otherAudience, key: AuthFixture.secret), "wrong audience")
            var otherIssuer = genuine
            otherIssuer.issuer = .init(value: "someone-else")
            try await Self.expectRefused(client, try await Self.sign(otherIssuer, key: AuthFixture.secret), "wrong issuer")
            // A refresh token is not an access token.
            try await Self.expectRefused(client, tokens.refresh, "refresh used as access")
            for garbage in ["", "abc", "a.b.c", String(repeating: "x", count: 5000)] {
                try await Self.expectRefused(client, garbage, "garbage")
            }
            // Not a bearer scheme at all.
            let basic = try await client.request(.get, "/auth/me", headers: [.authorization: "Basic YWRtaW46eA=="])
            #expect(basic.status == .unauthorized)
            // The untouched token still works.
            #expect(try await client.request(.get, "/auth/me", token: tokens.access).status == .ok)
        }
    }

    @Test("a token issued in the future, not valid yet, or living longer than we issue is refused")
    func timesFromTheFuture() async throws {
        try await withAuthApp { client in
            let tokens = try await client.loginAdmin()
            let genuine = try await Self.claims(of: tokens.access)
            let hour: TimeInterval = 3600
            var futureIssue = genuine
            futureIssue.issuedAt = .init(value: genuine.issuedAt.value.addingTimeInterval(hour))
            futureIssue.expiration = .init(value: genuine.expiration.value.addingTimeInterval(hour))
            try await Self.expectRefused(client, try await Self.sign(futureIssue, key: AuthFixture.secret), "iat an hour ahead")
            var notYet = genuine
            notYet.notBefore = .init(value: Date().addingTimeInterval(hour))
            try await Self.expectRefused(client, try await Self.sign(notYet, key: AuthFixture.secret), "nbf an hour ahead")
            var forever = genuine
            forever.expiration = .init(value: genuine.issuedAt.value.addingTimeInterval(365 * 24 * hour))
            try await Self.expectRefused(client, try await Self.sign(forever, key: AuthFixture.secret), "a year-long access token")
            // Within the clock skew allowed between instances, and an nbf already past, are fine.
            var skewed = genuine
            skewed.issuedAt = .init(value: genuine.issuedAt.value.addingTimeInterval(30))
            skewed.notBefore = .init(value: Date().addingTimeInterval(-10))
            let accepted = try await client.request(.get, "/auth/me", token: try await Self.sign(skewed, key: AuthFixture.secret))
            #expect(accepted.status == .ok)
        }
    }

    @Test("a bad token is refused even on an open route, rather than treated as anonymous")
    func badTokenOnOpenRoute() async throws {
        try await withAuthApp { client in
            let response = try await client.request(.get, "/auth/health", token: "not-a-token")
            #expect(response.status == .unauthorized)
            #expect(try await client.request(.get, "/auth/health").status == .ok)
        }
    }

    static func claims(of token: String) async throws -> TokenClaims {
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: AuthFixture.secret), digestAlgorithm: .sha256)
        return try await keys.verify(token, as: TokenClaims.self)
    }

    static func sign(_ claims: TokenClaims, key: String) async throws -> String {
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: key), digestAlgorithm: .sha256)
        return try await keys.sign(claims)
    }

    static func base64URLDecode(_ text: String) -> Data {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64) ?? Data()
    }

    static func base64URLEncode(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    @Test("the Authorization header's token: scheme in any case, spaces around it trimmed, nothing else taken")
    func bearerHeader() {
        #expect(AuthenticationMiddleware.bearerToken(in: "Bearer abc.def") == "abc.def")
        #expect(AuthenticationMiddleware.bearerToken(in: "bearer   abc.def \t ") == "abc.def")
        #expect(AuthenticationMiddleware.bearerToken(in: "BEARER\tabc") == nil)
        for refused in ["Bearer", "Bearer ", "Bearer  \t ", "Basic abc", "abc", ""] {
            #expect(AuthenticationMiddleware.bearerToken(in: refused) == nil, "\(refused)")
        }
    }
}
