import Crypto
import Foundation

/// Anti-forgery tokens for the web site's forms (signed double submit): the browser holds a
/// random nonce in a cookie only this site can read back, each form carries HMAC(key, nonce),
/// and a post is accepted only when the two agree. A page on another site can neither read the
/// cookie nor compute the token, and a cookie planted from elsewhere has no matching token
/// without the server's key. The key is derived from the token-signing secret, so the tokens
/// survive restarts and hold across instances.
public struct FormTokens: Sendable {
    private let key: SymmetricKey

    public init(secret: String) {
        key = SymmetricKey(data: SHA256.hash(data: Data("geneweb site forms|\(secret)".utf8)))
    }

    /// A new nonce for the cookie: 32 random bytes, base64url.
    public static func newNonce() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Self.base64URL(Data(bytes))
    }

    /// The token the forms of a page carry for `nonce`.
    public func token(for nonce: String) -> String {
        Self.base64URL(Data(HMAC<SHA256>.authenticationCode(for: Data(nonce.utf8), using: key)))
    }

    /// Whether `token` was made for `nonce` by this server (constant time).
    public func verify(_ token: String, nonce: String) -> Bool {
        guard !nonce.isEmpty, nonce.utf8.count <= 100, token.utf8.count <= 100 else { return false }
        return MetricsController.constantTimeEqual(token, self.token(for: nonce))
    }

    private static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
