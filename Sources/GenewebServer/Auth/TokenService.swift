import Foundation
import JWTKit
import Synchronization

/// Why a token was refused. The client only ever learns "invalid or expired token".
enum TokenRejection: Error, Equatable {
    case malformedOrBadSignature
    case expired
    /// Issued in the future, not valid yet (`nbf`), or living longer than we ever issue.
    case badTimes
    case wrongIssuerOrAudience
    case wrongKind
}

/// A freshly issued pair.
struct IssuedTokens: Sendable {
    let accessToken: String
    let refreshToken: String
    let accessExpiresIn: Int
    let refreshTokenID: String
    let refreshExpiresAt: Int64
    let issuedAt: Int64
}

/// Signs and verifies our HS256 tokens with jwt-kit.
///
/// Only HS256 with our key is accepted: the key collection has that one key, so `alg: none` or a
/// token signed with any other algorithm or key fails verification.
struct TokenService: Sendable {
    let keys: JWTKeyCollection
    let settings: AuthSettings
    let clock: AuthClock
    /// Tokens whose signature was already checked, so a client's next requests skip decoding it.
    let signed = SignedTokens()

    init(secret: String, settings: AuthSettings, clock: AuthClock) async {
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        self.keys = keys
        self.settings = settings
        self.clock = clock
    }

    func issue(userID: UUID, role: String, session: String) async throws -> IssuedTokens {
        let now = clock.now()
        let issued = Int64(now.timeIntervalSince1970)
        let accessLifetime = Double(settings.accessTokenLifetime.components.seconds)
        let refreshLifetime = Double(settings.refreshTokenLifetime.components.seconds)
        let access = claims(userID: userID, role: role, session: session, kind: .access, now: now, lifetime: accessLifetime)
        let refresh = claims(userID: userID, role: role, session: session, kind: .refresh, now: now, lifetime: refreshLifetime)
        return IssuedTokens(
            accessToken: try await keys.sign(access),
            refreshToken: try await keys.sign(refresh),
            accessExpiresIn: Int(accessLifetime),
            refreshTokenID: refresh.id.value,
            refreshExpiresAt: Int64(refresh.expiration.value.timeIntervalSince1970),
            issuedAt: issued
        )
    }

    private func claims(userID: UUID, role: String, session: String, kind: TokenKind, now: Date, lifetime: Double) -> TokenClaims {
        TokenClaims(
            subject: .init(value: userID.uuidString.lowercased()),
            role: role,
            id: .init(value: UUID().uuidString.lowercased()),
            issuedAt: .init(value: Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))),
            expiration: .init(value: Date(timeIntervalSince1970: (now.timeIntervalSince1970 + lifetime).rounded(.down))),
            notBefore: nil,
            issuer: .init(value: settings.issuer),
            audience: .init(value: [settings.audience]),
            type: kind,
            session: session
        )
    }

    /// The claims of a token of `kind` that is signed by us, for us, and not expired.
    func verify(_ token: String, kind: TokenKind) async throws(TokenRejection) -> TokenClaims {
        let claims: TokenClaims
        if let known = signed.claims(of: token) {
            claims = known
        } else {
            do {
                claims = try await keys.verify(token, as: TokenClaims.self)
            } catch {
                throw .malformedOrBadSignature
            }
            signed.keep(claims, of: token)
        }
        // Every check but the signature's runs again each time: time moves, the token may expire.
        guard claims.issuer.value == settings.issuer, claims.audience.value.contains(settings.audience) else {
            throw .wrongIssuerOrAudience
        }
        let now = clock.now()
        guard claims.expiration.value > now else { throw .expired }
        guard claims.type == kind else { throw .wrongKind }
        guard timesAreSound(claims, now: now) else { throw .badTimes }
        return claims
    }

    /// Clocks of several instances may differ a little; beyond that, a token from the future was
    /// not made by this server's clock.
    static let clockSkew: TimeInterval = 60

    /// `iat` and `nbf` not in the future, and a lifetime no longer than we issue for that kind.
    private func timesAreSound(_ claims: TokenClaims, now: Date) -> Bool {
        let latest = now.addingTimeInterval(Self.clockSkew)
        guard claims.issuedAt.value <= latest else { return false }
        if let notBefore = claims.notBefore, notBefore.value > latest { return false }
        let lifetime = claims.type == .access ? settings.accessTokenLifetime : settings.refreshTokenLifetime
        return claims.expiration.value.timeIntervalSince(claims.issuedAt.value) <= Double(lifetime.components.seconds) + Self.clockSkew
    }
}

/// The time as the auth code sees it; tests move it forward to expire tokens and lock-outs.
public struct AuthClock: Sendable {
    public let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    var seconds: Int64 { Int64(now().timeIntervalSince1970) }
}

/// The claims of tokens whose signature this process has verified, by the token's exact text:
/// the same text has the same valid signature with the one key we have, so checking it again
/// would only repeat the work (base64, HMAC, JSON: a twentieth of a signed-in read). What the
/// claims mean (expiry, kind, issuer, the account and revocations) is still checked on every
/// request. Bounded: when `capacity` tokens are kept, all are dropped.
final class SignedTokens: Sendable {
    static let capacity = 10_000
    private let known = Mutex([String: TokenClaims]())

    func claims(of token: String) -> TokenClaims? {
        known.withLock { $0[token] }
    }

    func keep(_ claims: TokenClaims, of token: String) {
        known.withLock { known in
            if known.count >= Self.capacity { known = [:] }
            known[token] = claims
        }
    }
}
