import Foundation
import SQLKit

/// A second account with the same username.
public struct DuplicateUsername: Error, Sendable {
    public let username: String
}

/// Reads and writes `users` and `password_history`.
public struct UserRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    private static let columns = """
        id, username, email, full_name, password_hash, role, is_active, failed_logins, locked_until,
        tokens_valid_after, created_at, updated_at, last_login, password_changed_at
        """

    public func count() async throws -> Int {
        try await database.withConnection { sql in
            try await sql.raw("SELECT count(*) AS n FROM users").first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    public func find(id: UUID) async throws -> UserRecord? {
        try await database.withConnection { sql in
            try await sql.raw("SELECT \(unsafeRaw: Self.columns) FROM users WHERE id = \(bind: id)")
                .first().map(decode)
        }
    }

    /// The account behind an access token with whether the token (`jti`) and its session
    /// (`family`) were revoked: what checking a token needs, in one query on one connection.
    /// While accounts and tokens are unchanged (`AccountChanges`: any write of this process,
    /// another instance's change as soon as it is heard) the answer comes from memory.
    public func findForAccess(id: UUID, jti: String, family: String) async throws -> (user: UserRecord, revoked: Bool)? {
        let key = AccessChecks.Key(userID: id, tokenID: jti, session: family)
        let generation = database.accounts.generation
        if let generation, let kept = database.accessChecks.answer(for: key, generation: generation) { return kept }
        let answer: AccessChecks.Answer = try await database.withConnection { sql in
            guard
                let row = try await sql.raw(
                    """
                    SELECT \(unsafeRaw: Self.columns),
                    CASE WHEN EXISTS (SELECT 1 FROM revoked_tokens WHERE jti = \(bind: jti))
                      OR EXISTS (SELECT 1 FROM refresh_tokens WHERE family_id = \(bind: family) AND revoked_at IS NOT NULL)
                    THEN 1 ELSE 0 END AS token_revoked
                    FROM users WHERE id = \(bind: id)
                    """
                ).first()
            else { return nil }
            return (try decode(row), try row.decode(column: "token_revoked", as: Int.self) != 0)
        }
        if let generation { database.accessChecks.keep(answer, for: key, generation: generation) }
        return answer
    }

    public func find(username: String) async throws -> UserRecord? {
        try await database.withConnection { sql in
            try await sql.raw("SELECT \(unsafeRaw: Self.columns) FROM users WHERE username_key = \(bind: UserRecord.key(of: username))")
                .first().map(decode)
        }
    }

    /// Every account, by username.
    public func all() async throws -> [UserRecord] {
        try await database.withConnection { sql in
            try await sql.raw("SELECT \(unsafeRaw: Self.columns) FROM users ORDER BY username_key").all().map(decode)
        }
    }

    /// Inserts a new account and the first entry of its password history.
    /// Throws `DuplicateUsername` when the username is taken (whatever its case).
    public func insert(_ user: UserRecord) async throws {
        try await database.withTransaction { sql in
            try await insert(user, on: sql)
        }
    }

    /// Inserts the account unless any account exists; true when it was inserted. Lets several
    /// instances starting together bootstrap one admin, not several.
    public func insertIfNoUsers(_ user: UserRecord) async throws -> Bool {
        try await database.withTransaction { sql in
            if database.engine == .postgres {
                try await sql.raw("LOCK TABLE users IN EXCLUSIVE MODE").run()
            }
            let existing = try await sql.raw("SELECT count(*) AS n FROM users").first()?.decode(column: "n", as: Int.self) ?? 0
            guard existing == 0 else { return false }
            try await insert(user, on: sql)
            return true
        }
    }

    private func insert(_ user: UserRecord, on sql: any SQLDatabase) async throws {
        let key = UserRecord.key(of: user.username)
        if try await sql.raw("SELECT 1 AS one FROM users WHERE username_key = \(bind: key)").first() != nil {
            throw DuplicateUsername(username: user.username)
        }
        let id = user.id
        try await sql.raw(
            """
            INSERT INTO users (\(unsafeRaw: Self.columns), username_key)
            VALUES (\(bind: id), \(bind: user.username), \(bind: try sealedEmail(user.email)), \(bind: user.fullName),
                    \(bind: user.passwordHash), \(bind: user.role.rawValue), \(bind: user.isActive), \(bind: user.failedLogins),
                    \(bind: user.lockedUntil), \(bind: user.tokensValidAfter), \(bind: user.createdAt), \(bind: user.updatedAt),
                    \(bind: user.lastLogin), \(bind: user.passwordChangedAt), \(bind: key))
            """
        ).run()
        try await sql.raw(
            """
            INSERT INTO password_history (user_id, password_hash, created_at)
            VALUES (\(bind: id), \(bind: user.passwordHash), \(bind: user.passwordChangedAt))
            """
        ).run()
    }

    /// Writes the mutable fields of an account (everything but id, username and creation time).
    public func update(_ user: UserRecord) async throws {
        try await database.withTransaction { sql in
            try await update(user, on: sql)
        }
    }

    func update(_ user: UserRecord, on sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            UPDATE users SET email = \(bind: try sealedEmail(user.email)), full_name = \(bind: user.fullName),
                password_hash = \(bind: user.passwordHash), role = \(bind: user.role.rawValue),
                is_active = \(bind: user.isActive), failed_logins = \(bind: user.failedLogins),
                locked_until = \(bind: user.lockedUntil), tokens_valid_after = \(bind: user.tokensValidAfter),
                updated_at = \(bind: user.updatedAt), last_login = \(bind: user.lastLogin),
                password_changed_at = \(bind: user.passwordChangedAt)
            WHERE id = \(bind: user.id)
            """
        ).run()
    }

    /// Sets a new password hash, records it in the history (keeping the newest `keep` entries),
    /// and invalidates every token issued before `now`.
    public func changePassword(of user: UserRecord, to hash: String, now: Int64, keep: Int) async throws {
        var changed = user
        changed.passwordHash = hash
        changed.passwordChangedAt = now
        changed.tokensValidAfter = now
        changed.updatedAt = now
        changed.failedLogins = 0
        changed.lockedUntil = nil
        try await database.withTransaction { [changed] sql in
            try await update(changed, on: sql)
            let id = user.id
            try await sql.raw("INSERT INTO password_history (user_id, password_hash, created_at) VALUES (\(bind: id), \(bind: hash), \(bind: now))").run()
            let kept = try await sql.raw(
                """
                SELECT created_at FROM password_history WHERE user_id = \(bind: id)
                ORDER BY created_at DESC LIMIT 1 OFFSET \(bind: max(keep - 1, 0))
                """
            ).first()?.decode(column: "created_at", as: Int64.self)
            if let kept {
                try await sql.raw("DELETE FROM password_history WHERE user_id = \(bind: id) AND created_at < \(bind: kept)").run()
            }
            try await sql.raw("UPDATE refresh_tokens SET revoked_at = \(bind: now) WHERE user_id = \(bind: id) AND revoked_at IS NULL").run()
        }
    }

    /// The hashes of the account's recent passwords, newest first (the current one included).
    public func passwordHistory(of id: UUID, limit: Int) async throws -> [String] {
        try await database.withConnection { sql in
            try await sql.raw(
                """
                SELECT password_hash FROM password_history WHERE user_id = \(bind: id)
                ORDER BY created_at DESC LIMIT \(bind: limit)
                """
            ).all().map { try $0.decode(column: "password_hash", as: String.self) }
        }
    }

    /// Emails are personal data: sealed when a cipher is configured (empty stays empty).
    func sealedEmail(_ email: String) throws -> String {
        email.isEmpty ? "" : try FieldCipher.seal(email, with: database.cipher)
    }

    func decode(_ row: any SQLRow) throws -> UserRecord {
        UserRecord(
            id: try row.decode(column: "id", as: UUID.self),
            username: try row.decode(column: "username", as: String.self),
            email: try FieldCipher.open(try row.decode(column: "email", as: String.self), with: database.cipher),
            fullName: try row.decode(column: "full_name", as: String.self),
            passwordHash: try row.decode(column: "password_hash", as: String.self),
            role: UserRole(rawValue: try row.decode(column: "role", as: String.self)) ?? .viewer,
            isActive: try row.decode(column: "is_active", as: Bool.self),
            failedLogins: try row.decode(column: "failed_logins", as: Int.self),
            lockedUntil: try row.decode(column: "locked_until", as: Int64?.self),
            tokensValidAfter: try row.decode(column: "tokens_valid_after", as: Int64.self),
            createdAt: try row.decode(column: "created_at", as: Int64.self),
            updatedAt: try row.decode(column: "updated_at", as: Int64.self),
            lastLogin: try row.decode(column: "last_login", as: Int64?.self),
            passwordChangedAt: try row.decode(column: "password_changed_at", as: Int64.self)
        )
    }
}

extension UserRepository {
    /// Re-seals every email with the current key; returns how many changed.
    public func reseal() async throws -> Int {
        guard let cipher = database.cipher else { return 0 }
        return try await database.withTransaction { sql in
            var changed = 0
            for row in try await sql.raw("SELECT id, email FROM users").all() {
                let stored = try row.decode(column: "email", as: String.self)
                guard !stored.isEmpty, cipher.needsResealing(stored) else { continue }
                let sealed = try cipher.seal(try cipher.open(stored))
                try await sql.raw("UPDATE users SET email = \(bind: sealed) WHERE id = \(bind: try row.decode(column: "id", as: UUID.self))").run()
                changed += 1
            }
            return changed
        }
    }
}
