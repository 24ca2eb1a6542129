import Crypto
import Foundation
import HummingbirdBcrypt
import NIOPosix

/// bcrypt, off the event loops.
///
/// bcrypt reads at most 72 bytes, so long passphrases would silently lose their end; we hash the
/// SHA-256 of the password (base64, 44 bytes) instead, which keeps every byte significant.
/// Hashing at cost 12 takes a few hundred milliseconds by design: it runs on a thread pool so
/// other requests never wait behind a login.
public struct PasswordHasher: Sendable {
    public let cost: Int
    let threadPool: NIOThreadPool

    public init(cost: Int, threadPool: NIOThreadPool = .singleton) {
        self.cost = cost
        self.threadPool = threadPool
    }

    public func hash(_ password: String) async throws -> String {
        let input = Self.prehash(password)
        let cost = UInt8(cost)
        return try await threadPool.runIfActive { Bcrypt.hash(input, cost: cost) }
    }

    public func verify(_ password: String, against hash: String) async throws -> Bool {
        let input = Self.prehash(password)
        return try await threadPool.runIfActive { Bcrypt.verify(input, hash: hash) }
    }

    /// Spends the time of one verification for nothing, so that a login for an unknown username
    /// takes as long as one with a wrong password and does not reveal which names exist.
    public func verifyDummy(_ password: String) async throws {
        _ = try await verify(password, against: Self.dummyHash)
    }

    private static let dummyHash = Bcrypt.hash("geneweb-dummy-password", cost: 12)

    static func prehash(_ password: String) -> String {
        Data(SHA256.hash(data: Data(password.utf8))).base64EncodedString()
    }
}
