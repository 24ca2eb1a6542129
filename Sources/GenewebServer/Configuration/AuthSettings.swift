import Foundation

/// Accounts, tokens and who may read what, from `GENEWEB_SECURITY_*`, `GENEWEB_JWT_*` and
/// `GENEWEB_AUTH_*`.
public struct AuthSettings: Sendable {
    /// The HS256 key of every token (`GENEWEB_SECURITY_SECRET_KEY`, at least 32 bytes). Nil means
    /// "not configured": allowed in debug mode or on a loopback address only, where the server makes
    /// an ephemeral one (tokens then die with the process) and warns.
    public var secretKey: String?
    public var accessTokenLifetime: Duration = .seconds(30 * 60)
    public var refreshTokenLifetime: Duration = .seconds(7 * 24 * 3600)
    /// Anyone may create a viewer account with `POST /auth/register` (default: only in debug mode).
    public var allowRegistration: Bool = false
    /// Anonymous callers may read public data (default true; living persons stay restricted).
    public var publicRead: Bool = true
    /// bcrypt work factor; 12 in production. Tests lower it to keep the suite fast.
    public var bcryptCost: Int = 12
    /// Consecutive failed logins that lock an account.
    public var maxFailedLogins: Int = 5
    /// First lock-out; each further series of failures doubles it, up to a day.
    public var lockoutDuration: Duration = .seconds(15 * 60)
    /// The first admin, created at start when no account exists (`GENEWEB_ADMIN_USERNAME`/`_PASSWORD`).
    public var bootstrapAdmin: (username: String, password: String)?
    /// `iss` and `aud` of our tokens; a token for another service is refused.
    public var issuer: String = "geneweb-server"
    public var audience: String = "geneweb-api"

    public init() {}

    static let minimumSecretBytes = 32

    mutating func load(from env: EnvironmentReader, debug: Bool) throws(ConfigurationError) {
        if let secret = env.string("GENEWEB_SECURITY_SECRET_KEY") {
            guard secret.utf8.count >= Self.minimumSecretBytes else {
                throw ConfigurationError(
                    variable: "GENEWEB_SECURITY_SECRET_KEY", value: "<\(secret.utf8.count) bytes>",
                    expected: "at least \(Self.minimumSecretBytes) bytes (generate one with `geneweb secrets`)"
                )
            }
            secretKey = secret
        }
        if let minutes = try env.integer("GENEWEB_JWT_ACCESS_TOKEN_EXPIRE_MINUTES", in: 1...(24 * 60)) {
            accessTokenLifetime = .seconds(minutes * 60)
        }
        if let days = try env.integer("GENEWEB_JWT_REFRESH_TOKEN_EXPIRE_DAYS", in: 1...365) {
            refreshTokenLifetime = .seconds(days * 24 * 3600)
        }
        allowRegistration = try env.bool("GENEWEB_AUTH_ALLOW_REGISTRATION") ?? debug
        publicRead = try env.bool("GENEWEB_AUTH_PUBLIC_READ") ?? true
        if let cost = try env.integer("GENEWEB_AUTH_BCRYPT_COST", in: 4...16) {
            guard cost >= 10 || debug else {
                throw ConfigurationError(variable: "GENEWEB_AUTH_BCRYPT_COST", value: String(cost), expected: "at least 10 outside debug mode")
            }
            bcryptCost = cost
        }
        if let failures = try env.integer("GENEWEB_AUTH_MAX_FAILED_LOGINS", in: 1...100) {
            maxFailedLogins = failures
        }
        if let seconds = try env.integer("GENEWEB_AUTH_LOCKOUT_SECONDS", in: 1...86400) {
            lockoutDuration = .seconds(seconds)
        }
        switch (env.string("GENEWEB_ADMIN_USERNAME"), env.string("GENEWEB_ADMIN_PASSWORD")) {
        case (let name?, let password?):
            // Checked here, so a bad value stops the server before it opens anything, naming the
            // variable that is wrong (the password itself is never printed).
            guard UsernameRule.normalized(name) != nil else {
                throw ConfigurationError(variable: "GENEWEB_ADMIN_USERNAME", value: name, expected: UsernameRule.summary)
            }
            let problems = PasswordPolicy().problems(password: password, username: name)
            guard problems.isEmpty else {
                throw ConfigurationError(variable: "GENEWEB_ADMIN_PASSWORD", value: "<hidden>", expected: "a password that " + problems.joined(separator: "; "))
            }
            bootstrapAdmin = (name, password)
        case (nil, nil): break
        case (nil, _?): throw ConfigurationError(variable: "GENEWEB_ADMIN_USERNAME", value: "", expected: "set together with GENEWEB_ADMIN_PASSWORD")
        case (_?, nil): throw ConfigurationError(variable: "GENEWEB_ADMIN_PASSWORD", value: "", expected: "set together with GENEWEB_ADMIN_USERNAME")
        }
    }
}

/// Printing settings (logs, error dumps) never shows the key or the bootstrap password.
extension AuthSettings: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String {
        "AuthSettings(secretKey: \(secretKey == nil ? "none" : "<redacted>"), access: \(accessTokenLifetime), refresh: \(refreshTokenLifetime), "
            + "registration: \(allowRegistration), publicRead: \(publicRead), bcryptCost: \(bcryptCost), "
            + "bootstrapAdmin: \(bootstrapAdmin.map { "\($0.username) (password <redacted>)" } ?? "none"))"
    }
    public var debugDescription: String { description }
}
