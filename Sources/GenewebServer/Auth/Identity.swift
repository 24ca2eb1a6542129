import Foundation
import GenewebStore

/// The authenticated caller of a request, from a verified access token.
public struct Identity: Sendable, Equatable {
    public let userID: UUID
    public let username: String
    /// The role stored on the account now (not the one in the token), so a demotion takes effect at once.
    public let role: UserRole
    /// The access token's id, for logout.
    public let tokenID: String
    /// The login session (refresh-token family) the token belongs to.
    public let sessionID: String
    public let tokenExpiresAt: Int64
}

/// What a route requires of its caller; every route declares one when it is registered.
public enum Access: Sendable, Hashable {
    /// Anyone, always (health, login, documentation).
    case open
    /// Reading the trees: anyone while `GENEWEB_AUTH_PUBLIC_READ` is true, else a signed-in viewer.
    case publicRead
    /// Any signed-in account.
    case signedIn
    /// At least this role.
    case role(UserRole)
    /// Operators' details: admins, or a monitoring client presenting
    /// `GENEWEB_MONITORING_METRICS_TOKEN` (a scraper has no account).
    case monitoring

    public static let editor = Access.role(.editor)
    public static let admin = Access.role(.admin)

    /// The least role a caller needs, nil when anonymous callers pass.
    public func minimumRole(publicRead: Bool) -> UserRole? {
        switch self {
        case .open: nil
        case .publicRead: publicRead ? nil : .viewer
        case .signedIn: .viewer
        case .role(let role): role
        case .monitoring: .admin
        }
    }
}
