import Foundation
import SQLKit

/// What happened when a refresh token was presented.
public enum RefreshOutcome: Sendable, Equatable {
    /// First use: the token is now spent; issue its successor in the same family.
    case accepted(userID: UUID, familyID: String)
    /// Unknown jti, revoked family, or expired.
    case rejected
    /// Already spent: someone replayed it. The whole family has just been revoked.
    case reused(userID: UUID, familyID: String)
}

/// Refresh-token families (rotation with reuse detection) and revoked access tokens.
///
/// Everything is in the database, so a logout or a detected reuse holds after a restart and on
/// every instance sharing the database.
public struct TokenRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Records a newly issued refresh token.
    public func storeRefresh(jti: String, userID: UUID, familyID: String, issuedAt: Int64, expiresAt: Int64) async throws {
        try await database.withTransaction { sql in
            try await sql.raw(
                """
                INSERT INTO refresh_tokens (jti, user_id, family_id, issued_at, expires_at)
                VALUES (\(bind: jti), \(bind: userID), \(bind: familyID), \(bind: issuedAt), \(bind: expiresAt))
                """
            ).run()
        }
    }

    /// Spends a refresh token, atomically: of two concurrent uses of one token, exactly one is
    /// accepted; a use of a spent token revokes its family.
    public func spendRefresh(jti: String, now: Int64) async throws -> RefreshOutcome {
        try await database.withTransaction { sql in
            guard
                let row = try await sql.raw(
                    """
                    SELECT user_id, family_id, expires_at, used_at, revoked_at FROM refresh_tokens WHERE jti = \(bind: jti)
                    """
                ).first()
            else { return .rejected }
            let userID = try row.decode(column: "user_id", as: UUID.self)
            let family = try row.decode(column: "family_id", as: String.self)
            if try row.decode(column: "revoked_at", as: Int64?.self) != nil { return .rejected }
            if try row.decode(column: "expires_at", as: Int64.self) <= now { return .rejected }
            let spent = try await sql.raw(
                """
                UPDATE refresh_tokens SET used_at = \(bind: now) WHERE jti = \(bind: jti) AND used_at IS NULL RETURNING jti
                """
            ).first()
            guard spent != nil else {
                try await revokeFamily(family, now: now, on: sql)
                return .reused(userID: userID, familyID: family)
            }
            return .accepted(userID: userID, familyID: family)
        }
    }

    /// Revokes every refresh token of a family (a login session).
    public func revokeFamily(_ familyID: String, now: Int64) async throws {
        try await database.withTransaction { sql in try await revokeFamily(familyID, now: now, on: sql) }
    }

    private func revokeFamily(_ familyID: String, now: Int64, on sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE refresh_tokens SET revoked_at = \(bind: now) WHERE family_id = \(bind: familyID) AND revoked_at IS NULL").run()
    }

    /// Adds an access token's jti to the deny list until it would have expired anyway. Checked
    /// with the account, `UserRepository.findForAccess`; a revoked session's access tokens die
    /// with it.
    public func revokeAccess(jti: String, expiresAt: Int64, reason: String) async throws {
        try await database.withTransaction { sql in
            let conflict: SQLQueryString = "ON CONFLICT (jti) DO NOTHING"
            try await sql.raw("INSERT INTO revoked_tokens (jti, expires_at, reason) VALUES (\(bind: jti), \(bind: expiresAt), \(bind: reason)) " + conflict)
                .run()
        }
    }

    /// Deletes entries whose tokens have expired: they can no longer be presented, so keeping them
    /// buys nothing. Returns how many rows went.
    @discardableResult
    public func purgeExpired(now: Int64) async throws -> Int {
        try await database.withTransaction { sql in
            let revoked = try await sql.raw("DELETE FROM revoked_tokens WHERE expires_at < \(bind: now) RETURNING jti").all().count
            let refresh = try await sql.raw("DELETE FROM refresh_tokens WHERE expires_at < \(bind: now) RETURNING jti").all().count
            return revoked + refresh
        }
    }
}
