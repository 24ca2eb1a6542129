import Foundation
import GenewebStore
import Logging

/// Accounts and sessions: creating users, logging in with lock-out, rotating refresh tokens with
/// reuse detection, logging out, changing passwords. The HTTP controllers and the `geneweb user`
/// command both go through here, so the rules are the same everywhere.
public struct AccountService: Sendable {
    public let settings: AuthSettings
    let users: UserRepository
    let tokens: TokenRepository
    let tokenService: TokenService
    let hasher: PasswordHasher
    let policy = PasswordPolicy()
    let clock: AuthClock
    let events: SecurityEvents
    let audit: AuditRepository
    /// Anti-forgery tokens of the web site's forms, keyed from the same secret.
    public let formTokens: FormTokens

    /// A signed-in session: the pair of tokens and the account.
    public struct Session: Sendable {
        public let accessToken: String
        public let refreshToken: String
        public let expiresIn: Int
        public let user: UserRecord
    }

    public init(database: Database, settings: AuthSettings, secret: String, clock: AuthClock = AuthClock(), logger: Logger) async {
        self.settings = settings
        self.users = UserRepository(database: database)
        self.tokens = TokenRepository(database: database)
        self.tokenService = await TokenService(secret: secret, settings: settings, clock: clock)
        self.hasher = PasswordHasher(cost: settings.bcryptCost)
        self.clock = clock
        self.audit = AuditRepository(database: database)
        self.events = SecurityEvents(audit: audit, logger: logger, clock: clock)
        self.formTokens = FormTokens(secret: secret)
    }

    // MARK: Accounts

    /// Checks the fields of a new account and hashes its password; nothing is written.
    public func makeUser(username: String, password: String, email: String, fullName: String, role: UserRole) async throws -> UserRecord {
        guard let name = UsernameRule.normalized(username) else {
            throw AuthFailure.invalidField(field: "username", message: UsernameRule.summary)
        }
        let trimmedEmail = email.trimmingCharacters(in: .whitespaces)
        if !trimmedEmail.isEmpty {
            let parts = trimmedEmail.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), trimmedEmail.count <= 254, !trimmedEmail.contains(" ") else {
                throw AuthFailure.invalidField(field: "email", message: "not an email address")
            }
        }
        guard fullName.count <= 200 else { throw AuthFailure.invalidField(field: "full_name", message: "at most 200 characters") }
        let problems = policy.problems(password: password, username: name)
        guard problems.isEmpty else { throw AuthFailure.weakPassword(problems) }
        let now = clock.seconds
        return UserRecord(
            username: name, email: trimmedEmail, fullName: fullName, passwordHash: try await hasher.hash(password),
            role: role, createdAt: now, updatedAt: now, passwordChangedAt: now
        )
    }

    /// Creates an account; `AuthFailure.usernameTaken` when the name exists in any case.
    public func createUser(username: String, password: String, email: String = "", fullName: String = "", role: UserRole) async throws -> UserRecord {
        let user = try await makeUser(username: username, password: password, email: email, fullName: fullName, role: role)
        do {
            try await users.insert(user)
        } catch is DuplicateUsername {
            throw AuthFailure.usernameTaken
        }
        return user
    }

    /// Creates the configured first admin when the database has no account at all.
    /// Returns the account when it was created.
    public func bootstrapAdminIfNeeded() async throws -> UserRecord? {
        guard let admin = settings.bootstrapAdmin, try await users.count() == 0 else { return nil }
        let user = try await makeUser(username: admin.username, password: admin.password, email: "", fullName: "", role: .admin)
        return try await users.insertIfNoUsers(user) ? user : nil
    }

    public func user(id: UUID) async throws -> UserRecord? { try await users.find(id: id) }
    public func user(named username: String) async throws -> UserRecord? { try await users.find(username: username) }
    public func allUsers() async throws -> [UserRecord] { try await users.all() }

    /// Changes role or active flag. Disabling an account ends its sessions.
    public func update(_ user: UserRecord, role: UserRole? = nil, isActive: Bool? = nil) async throws -> UserRecord {
        var changed = user
        let now = clock.seconds
        if let role { changed.role = role }
        if let isActive {
            changed.isActive = isActive
            if !isActive { changed.tokensValidAfter = now }
        }
        changed.updatedAt = now
        try await users.update(changed)
        return changed
    }

    /// Sets a password without knowing the old one (admins, `geneweb user reset-password`).
    /// History and policy still apply; every session of the account ends.
    public func resetPassword(of user: UserRecord, to password: String) async throws {
        try await setPassword(of: user, to: password)
    }

    /// Changes the caller's own password after checking the current one; every session ends.
    public func changePassword(of user: UserRecord, current: String, new: String, confirmation: String) async throws {
        guard new == confirmation else { throw AuthFailure.passwordMismatch }
        guard try await hasher.verify(current, against: user.passwordHash) else { throw AuthFailure.invalidCredentials }
        try await setPassword(of: user, to: new)
    }

    private func setPassword(of user: UserRecord, to password: String) async throws {
        let problems = policy.problems(password: password, username: user.username)
        guard problems.isEmpty else { throw AuthFailure.weakPassword(problems) }
        for old in try await users.passwordHistory(of: user.id, limit: PasswordPolicy.historyDepth) {
            if try await hasher.verify(password, against: old) { throw AuthFailure.passwordReused }
        }
        try await users.changePassword(of: user, to: try await hasher.hash(password), now: clock.seconds, keep: PasswordPolicy.historyDepth)
    }

    // MARK: Sessions

    /// Checks the credentials, with lock-out after `maxFailedLogins` failures in a row; each
    /// further series doubles the lock, up to a day.
    public func login(username: String, password: String, context: SecurityEvents.Context) async throws -> Session {
        guard let user = try await users.find(username: username) else {
            try await hasher.verifyDummy(password)
            await events.record(.failedLogin, actor: nil, name: username, context: context)
            throw AuthFailure.invalidCredentials
        }
        let now = clock.seconds
        if let until = user.lockedUntil, until > now {
            // As slow as a real check, so the time taken does not tell a locked account either.
            try await hasher.verifyDummy(password)
            await events.record(.lockedLogin, actor: user, context: context)
            throw AuthFailure.locked(retryAfter: Int(until - now))
        }
        guard try await hasher.verify(password, against: user.passwordHash) else {
            var failed = user
            failed.failedLogins += 1
            failed.updatedAt = now
            let limit = settings.maxFailedLogins
            if failed.failedLogins % limit == 0 {
                let series = min(failed.failedLogins / limit - 1, 10)
                let seconds = min(Int64(settings.lockoutDuration.components.seconds) << series, 86_400)
                failed.lockedUntil = now + seconds
                try await users.update(failed)
                await events.record(.lockout, actor: user, context: context, details: ["locked_seconds": String(seconds)])
                throw AuthFailure.locked(retryAfter: Int(seconds))
            }
            try await users.update(failed)
            await events.record(.failedLogin, actor: user, context: context)
            throw AuthFailure.invalidCredentials
        }
        guard user.isActive else {
            await events.record(.inactiveLogin, actor: user, context: context)
            throw AuthFailure.inactive
        }
        var signedIn = user
        signedIn.failedLogins = 0
        signedIn.lockedUntil = nil
        signedIn.lastLogin = now
        signedIn.updatedAt = now
        try await users.update(signedIn)
        await events.record(.login, actor: user, context: context)
        return try await startSession(for: signedIn, session: UUID().uuidString.lowercased())
    }

    private func startSession(for user: UserRecord, session: String) async throws -> Session {
        let issued = try await tokenService.issue(userID: user.id, role: user.role.rawValue, session: session)
        try await tokens.storeRefresh(
            jti: issued.refreshTokenID, userID: user.id, familyID: session,
            issuedAt: issued.issuedAt, expiresAt: issued.refreshExpiresAt
        )
        return Session(accessToken: issued.accessToken, refreshToken: issued.refreshToken, expiresIn: issued.accessExpiresIn, user: user)
    }

    /// Exchanges a refresh token for a new pair; the old refresh token is spent. Presenting a
    /// spent one again revokes the whole session (someone else may hold a copy).
    public func refresh(_ refreshToken: String, context: SecurityEvents.Context) async throws -> Session {
        let claims: TokenClaims
        do {
            claims = try await tokenService.verify(refreshToken, kind: .refresh)
        } catch {
            await events.record(.invalidToken, actor: nil, context: context, details: ["reason": "\(error)", "kind": "refresh"])
            throw AuthFailure.invalidToken
        }
        switch try await tokens.spendRefresh(jti: claims.id.value, now: clock.seconds) {
        case .rejected:
            await events.record(.invalidToken, actor: nil, context: context, details: ["reason": "revoked", "kind": "refresh"])
            throw AuthFailure.invalidToken
        case .reused(let userID, let family):
            let user = try await users.find(id: userID)
            await events.record(.tokenReuse, actor: user, context: context, details: ["session": family])
            throw AuthFailure.tokenReused
        case .accepted(let userID, let family):
            guard let user = try await users.find(id: userID), user.isActive,
                claims.issuedAt.value.timeIntervalSince1970 >= Double(user.tokensValidAfter)
            else {
                try await tokens.revokeFamily(family, now: clock.seconds)
                throw AuthFailure.invalidToken
            }
            return try await startSession(for: user, session: family)
        }
    }

    /// The caller behind an access token, or `invalidToken`: bad signature, expired, another
    /// kind, revoked by logout, its session revoked, issued before a password change, account gone or disabled.
    public func authenticate(accessToken: String) async throws -> Identity {
        let claims: TokenClaims
        do {
            claims = try await tokenService.verify(accessToken, kind: .access)
        } catch {
            throw AuthFailure.invalidToken
        }
        guard let userID = UUID(uuidString: claims.subject.value),
            let (user, revoked) = try await users.findForAccess(id: userID, jti: claims.id.value, family: claims.session),
            user.isActive, !revoked,
            claims.issuedAt.value.timeIntervalSince1970 >= Double(user.tokensValidAfter)
        else { throw AuthFailure.invalidToken }
        return Identity(
            userID: user.id, username: user.username, role: user.role, tokenID: claims.id.value,
            sessionID: claims.session, tokenExpiresAt: Int64(claims.expiration.value.timeIntervalSince1970)
        )
    }

    /// Ends the session of `identity`: its access token and its refresh-token family.
    public func logout(_ identity: Identity) async throws {
        try await tokens.revokeAccess(jti: identity.tokenID, expiresAt: identity.tokenExpiresAt, reason: "logout")
        try await tokens.revokeFamily(identity.sessionID, now: clock.seconds)
    }

    /// Removes deny-list and refresh entries whose tokens have expired.
    @discardableResult
    public func purgeExpiredTokens() async throws -> Int {
        try await tokens.purgeExpired(now: clock.seconds)
    }
}

/// Never print the key material this service holds.
extension AccountService: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String { "AccountService(\(settings))" }
    public var debugDescription: String { description }
}
