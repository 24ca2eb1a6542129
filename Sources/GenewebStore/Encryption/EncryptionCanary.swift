import Foundation
import SQLKit

/// A known value sealed with the current key, kept in `server_settings`, so a server started with
/// the wrong key (or none) stops at once with a clear message instead of failing on the first
/// sealed field a user asks for.
public enum EncryptionCanary {
    static let settingKey = "encryption_canary"
    static let plaintext = "geneweb field encryption canary"

    public enum Problem: Error, CustomStringConvertible, Equatable {
        /// Data is sealed but no key is configured.
        case keyMissing
        /// The configured keys cannot open the data; it was sealed with key `id`.
        case wrongKey(sealedWith: String)

        public var description: String {
            switch self {
            case .keyMissing:
                "this database holds fields sealed at rest, but GENEWEB_SECURITY_ENCRYPTION_KEY is not set"
            case .wrongKey(let id):
                "GENEWEB_SECURITY_ENCRYPTION_KEY cannot open this database's sealed fields (sealed with key id \(id)); "
                    + "set the key they were sealed with, or keep it in GENEWEB_SECURITY_ENCRYPTION_OLD_KEYS and run `geneweb reencrypt`"
            }
        }
    }

    /// Whether `cipher` opens the data that `stored` (a canary, nil when none) was sealed with:
    /// used at start and before a restore writes anything.
    public static func check(stored: String?, cipher: FieldCipher?) throws(Problem) {
        guard let cipher else {
            if stored != nil { throw Problem.keyMissing }
            return
        }
        if let stored {
            let keyID = String(stored.dropFirst(FieldCipher.prefix.count).prefix { $0 != ":" })
            guard (try? cipher.open(stored)) == plaintext else { throw Problem.wrongKey(sealedWith: keyID) }
        }
    }

    /// Checks the configured cipher against the stored canary, writing one when there is none
    /// (or re-sealing it with the current key, after `geneweb reencrypt`).
    public static func verify(_ database: Database, reseal: Bool = false) async throws {
        let stored = try await database.withConnection { sql in
            try await sql.raw("SELECT value FROM server_settings WHERE key = \(bind: settingKey)").first()?.decode(column: "value", as: String.self)
        }
        try check(stored: stored, cipher: database.cipher)
        guard let cipher = database.cipher else { return }
        if let stored {
            guard reseal, cipher.needsResealing(stored) else { return }
        }
        let sealed = try cipher.seal(plaintext)
        try await database.withTransaction { sql in
            try await sql.raw("DELETE FROM server_settings WHERE key = \(bind: settingKey)").run()
            try await sql.raw("INSERT INTO server_settings (key, value) VALUES (\(bind: settingKey), \(bind: sealed))").run()
        }
    }
}
