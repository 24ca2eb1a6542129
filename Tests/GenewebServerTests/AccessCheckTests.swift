import Foundation
import Testing

@testable import GenewebStore

@Suite("Access checks answered from memory while accounts and tokens stay unchanged")
struct AccessCheckTests {
    static func account() -> UserRecord {
        UserRecord(
            username: "reader-\(UUID().uuidString.prefix(8))", email: "", fullName: "", passwordHash: "x", role: .viewer,
            createdAt: 1, updatedAt: 1, passwordChangedAt: 1)
    }

    @Test(
        "an answer is kept; this process's writes drop it before they return; another process's changes once heard",
        arguments: serverEngines)
    func keptUntilChanged(engine: DatabaseEngine) async throws {
        try await GraphCacheTests.withBase(engine) { database, _, location in
            let users = UserRepository(database: database)
            let tokens = TokenRepository(database: database)
            let user = Self.account()
            try await users.insert(user)
            try await GraphCacheTests.waitUntil { database.accounts.generation != nil }

            let first = try #require(try await users.findForAccess(id: user.id, jti: "access-1", family: "session-1"))
            #expect(first.user == user && !first.revoked)
            // Kept. This process's own insert above is also heard a moment later, through the
            // trigger (the poll on SQLite, the notification on PostgreSQL), which drops what is
            // kept once more: check again until that has passed.
            let key = AccessChecks.Key(userID: user.id, tokenID: "access-1", session: "session-1")
            try await GraphCacheTests.waitUntil {
                _ = try await users.findForAccess(id: user.id, jti: "access-1", family: "session-1")
                guard let generation = database.accounts.generation else { return false }
                return database.accessChecks.answer(for: key, generation: generation) != nil
            }

            // This process's logout: refused by the very next check, no wait.
            try await tokens.revokeAccess(jti: "access-1", expiresAt: 4_000_000_000, reason: "logout")
            #expect(try await users.findForAccess(id: user.id, jti: "access-1", family: "session-1")?.revoked == true)
            try await tokens.storeRefresh(jti: "refresh-2", userID: user.id, familyID: "session-2", issuedAt: 1, expiresAt: 4_000_000_000)
            #expect(try await users.findForAccess(id: user.id, jti: "access-2", family: "session-2")?.revoked == false)
            try await tokens.revokeFamily("session-2", now: 2)
            #expect(try await users.findForAccess(id: user.id, jti: "access-2", family: "session-2")?.revoked == true)

            // Another process disables the account (`geneweb user` beside a running server, or
            // another instance): heard through the triggers of migration 16.
            #expect(try await users.findForAccess(id: user.id, jti: "access-3", family: "session-3")?.user.isActive == true)
            let elsewhere = try Database(location: location, logger: testLogger)
            try await elsewhere.whileRunning {
                var disabled = user
                disabled.isActive = false
                try await UserRepository(database: elsewhere).update(disabled)
            }
            try await GraphCacheTests.waitUntil {
                try await users.findForAccess(id: user.id, jti: "access-3", family: "session-3")?.user.isActive == false
            }
            // A change made outside any transaction of this process (plain statement) is heard the same way.
            try await database.withConnection { sql in
                try await sql.raw("INSERT INTO revoked_tokens (jti, expires_at, reason) VALUES ('access-3', 4000000000, 'test')").run()
            }
            try await GraphCacheTests.waitUntil {
                try await users.findForAccess(id: user.id, jti: "access-3", family: "session-3")?.revoked == true
            }
        }
    }

    @Test("an answer read while a change committed is never used; the kept answers are bounded")
    func staleAnswersAndCapacity() throws {
        let checks = AccessChecks()
        let key = AccessChecks.Key(userID: UUID(), tokenID: "t", session: "s")
        let answer: AccessChecks.Answer = (Self.account(), false)
        checks.keep(answer, for: key, generation: 5)
        #expect(checks.answer(for: key, generation: 5) != nil)
        #expect(checks.answer(for: key, generation: 6) == nil)
        // Read under 5 but kept after 6 began: not found under 6, and it does not evict 6's answers.
        checks.keep(answer, for: AccessChecks.Key(userID: UUID(), tokenID: "u", session: "s"), generation: 6)
        checks.keep(answer, for: key, generation: 5)
        #expect(checks.answer(for: key, generation: 6) == nil)
        for index in 0..<(AccessChecks.capacity + 10) {
            checks.keep(answer, for: AccessChecks.Key(userID: UUID(), tokenID: "\(index)", session: "s"), generation: 6)
        }
        #expect(checks.count <= AccessChecks.capacity)
    }
}
