/// Why an account operation was refused; the controllers turn each into its HTTP answer.
public enum AuthFailure: Error, Equatable, Sendable {
    /// Unknown user or wrong password: the caller is never told which.
    case invalidCredentials
    /// Too many failures; try again after `retryAfter` seconds.
    case locked(retryAfter: Int)
    case inactive
    /// An access or refresh token that is malformed, tampered, expired, revoked or for someone else.
    case invalidToken
    /// A refresh token presented a second time: its whole session was revoked.
    case tokenReused
    case usernameTaken
    /// The new password breaks the policy; one message per problem.
    case weakPassword([String])
    case passwordReused
    case passwordMismatch
    case invalidField(field: String, message: String)
}

extension AuthFailure {
    /// One line for logs and start-up errors; never contains the password.
    public var summary: String {
        switch self {
        case .weakPassword(let problems): "a password that " + problems.joined(separator: "; ")
        case .passwordReused: "a password not used recently"
        case .invalidField(let field, let message): "\(field): \(message)"
        default: "\(self)"
        }
    }
}
