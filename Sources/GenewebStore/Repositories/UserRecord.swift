import Foundation

/// What a user account may do. Anonymous callers have no role at all.
public enum UserRole: String, Sendable, Codable, CaseIterable, Comparable {
    case viewer
    case editor
    case admin

    /// The role named by a request: ours, or the Python API's `user` (which can read, like a viewer).
    public init?(requestValue: String) {
        switch requestValue.lowercased() {
        case "user": self = .viewer
        default:
            guard let role = UserRole(rawValue: requestValue.lowercased()) else { return nil }
            self = role
        }
    }

    private var rank: Int {
        switch self {
        case .viewer: 0
        case .editor: 1
        case .admin: 2
        }
    }

    public static func < (lhs: UserRole, rhs: UserRole) -> Bool { lhs.rank < rhs.rank }
}

/// One row of `users`. Instants are Unix seconds, as stored.
public struct UserRecord: Sendable, Equatable {
    public var id: UUID
    public var username: String
    public var email: String
    public var fullName: String
    public var passwordHash: String
    public var role: UserRole
    public var isActive: Bool
    public var failedLogins: Int
    public var lockedUntil: Int64?
    /// Tokens issued before this instant are refused (password changes, resets, disabling).
    public var tokensValidAfter: Int64
    public var createdAt: Int64
    public var updatedAt: Int64
    public var lastLogin: Int64?
    public var passwordChangedAt: Int64

    public init(
        id: UUID = UUID(), username: String, email: String, fullName: String, passwordHash: String,
        role: UserRole, isActive: Bool = true, failedLogins: Int = 0, lockedUntil: Int64? = nil,
        tokensValidAfter: Int64 = 0, createdAt: Int64, updatedAt: Int64, lastLogin: Int64? = nil,
        passwordChangedAt: Int64
    ) {
        self.id = id
        self.username = username
        self.email = email
        self.fullName = fullName
        self.passwordHash = passwordHash
        self.role = role
        self.isActive = isActive
        self.failedLogins = failedLogins
        self.lockedUntil = lockedUntil
        self.tokensValidAfter = tokensValidAfter
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.lastLogin = lastLogin
        self.passwordChangedAt = passwordChangedAt
    }

    /// The key usernames are unique by: case and surrounding spaces do not make a new account.
    public static func key(of username: String) -> String {
        username.trimmingCharacters(in: .whitespaces).lowercased()
    }
}
