import Foundation
import JWTKit

/// The two kinds of token we issue.
public enum TokenKind: String, Codable, Sendable {
    case access
    case refresh
}

/// The payload of our JWTs: `sub` (user id), `role`, `jti`, `iat`, `exp`, `iss`, `aud`, `type`,
/// and `sid`, the login session (refresh-token family) the token belongs to. We never write `nbf`,
/// but a token that carries one is held to it.
struct TokenClaims: JWTPayload {
    var subject: SubjectClaim
    var role: String
    var id: IDClaim
    var issuedAt: IssuedAtClaim
    var expiration: ExpirationClaim
    var notBefore: NotBeforeClaim?
    var issuer: IssuerClaim
    var audience: AudienceClaim
    var type: TokenKind
    var session: String

    enum CodingKeys: String, CodingKey {
        case subject = "sub"
        case role
        case id = "jti"
        case issuedAt = "iat"
        case expiration = "exp"
        case notBefore = "nbf"
        case issuer = "iss"
        case audience = "aud"
        case type
        case session = "sid"
    }

    /// jwt-kit calls this after the signature checked out; times, issuer and audience are
    /// checked by `TokenService` against its own clock and settings.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
