import Foundation
import GenewebStore

/// `POST /auth/login`.
struct LoginRequest: Decodable {
    let username: String
    let password: String
}

/// `POST /auth/login/oauth2` (form fields of the OAuth2 password grant).
struct OAuth2PasswordForm: Decodable {
    let grantType: String?
    let username: String
    let password: String

    enum CodingKeys: String, CodingKey {
        case grantType = "grant_type"
        case username, password
    }
}

/// `POST /auth/register` and `POST /api/v1/users` (the Python API's `UserCreate`).
struct UserCreateRequest: Decodable {
    let username: String
    let password: String
    let email: String?
    let fullName: String?
    /// Honoured for admins only; open registration always makes viewers.
    let role: String?

    enum CodingKeys: String, CodingKey {
        case username, password, email, role
        case fullName = "full_name"
    }
}

/// `POST /auth/refresh`.
struct RefreshRequest: Decodable {
    let refreshToken: String

    enum CodingKeys: String, CodingKey {
        case refreshToken = "refresh_token"
    }
}

/// `POST /auth/change-password`.
struct ChangePasswordRequest: Decodable {
    let currentPassword: String
    let newPassword: String
    let confirmPassword: String

    enum CodingKeys: String, CodingKey {
        case currentPassword = "current_password"
        case newPassword = "new_password"
        case confirmPassword = "confirm_password"
    }
}

/// `PATCH /api/v1/users/{id}`.
struct UserUpdateRequest: Decodable {
    let role: String?
    let isActive: Bool?

    enum CodingKeys: String, CodingKey {
        case role
        case isActive = "is_active"
    }
}

/// The Python API's `Token`.
struct TokenResponse: Encodable {
    let accessToken: String
    let refreshToken: String
    let tokenType = "bearer"
    let expiresIn: Int

    init(_ session: AccountService.Session) {
        accessToken = session.accessToken
        refreshToken = session.refreshToken
        expiresIn = session.expiresIn
    }
}

/// The Python API's `LoginResponse`: the tokens and who signed in.
struct LoginResponse: Encodable {
    let accessToken: String
    let refreshToken: String
    let tokenType = "bearer"
    let expiresIn: Int
    let user: UserResponse

    init(_ session: AccountService.Session) {
        accessToken = session.accessToken
        refreshToken = session.refreshToken
        expiresIn = session.expiresIn
        user = UserResponse(session.user)
    }
}

/// The Python API's `UserResponse`: an account without anything secret.
struct UserResponse: Encodable {
    let id: String
    let username: String
    let email: String
    let fullName: String
    let role: String
    let isActive: Bool
    let createdAt: String
    let lastLogin: String?

    init(_ user: UserRecord) {
        id = user.id.uuidString.lowercased()
        username = user.username
        email = user.email
        fullName = user.fullName
        role = user.role.rawValue
        isActive = user.isActive
        createdAt = Self.timestamp(user.createdAt)
        lastLogin = user.lastLogin.map(Self.timestamp)
    }

    static func timestamp(_ seconds: Int64) -> String {
        Date(timeIntervalSince1970: TimeInterval(seconds)).formatted(.iso8601)
    }
}

/// A one-line answer (`{"message": "..."}`).
struct MessageResponse: Encodable {
    let message: String
}

/// `GET /auth/health`.
struct AuthHealthResponse: Encodable {
    let status = "healthy"
    let service = "authentication"
    let registrationOpen: Bool
    let publicRead: Bool
    let tokenAlgorithm = "HS256"
    let accessTokenMinutes: Int
    let refreshTokenDays: Int

    enum CodingKeys: String, CodingKey {
        case status, service
        case registrationOpen = "registration_open"
        case publicRead = "public_read"
        case tokenAlgorithm = "token_algorithm"
        case accessTokenMinutes = "access_token_expire_minutes"
        case refreshTokenDays = "refresh_token_expire_days"
    }
}
