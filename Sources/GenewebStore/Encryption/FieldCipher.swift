import Crypto
import Foundation

/// Encryption of personal fields at rest: AES-256-GCM with a key derived by HKDF-SHA256 from
/// `GENEWEB_SECURITY_ENCRYPTION_KEY`. Each value carries the id of its key
/// (`enc:v1:<key id>:<base64 nonce+ciphertext+tag>`), so after a key change the old key, kept in
/// `GENEWEB_SECURITY_ENCRYPTION_OLD_KEYS`, still opens old values until `geneweb reencrypt` has
/// rewritten them with the new one. Values without the prefix are read as they are (data written
/// before encryption was turned on).
public struct FieldCipher: Sendable {
    public struct Key: Sendable {
        public let id: String
        let key: SymmetricKey

        /// Derives the AES key from a secret of any length (at least 32 bytes, checked by the configuration).
        public init(secret: String) {
            key = HKDF<SHA256>.deriveKey(
                inputKeyMaterial: SymmetricKey(data: Data(secret.utf8)),
                salt: Data("geneweb-field-encryption".utf8), info: Data("aes-256-gcm v1".utf8), outputByteCount: 32
            )
            // The id names the key without revealing it: a hash of the derived key, 8 hex digits.
            id = key.withUnsafeBytes { bytes in SHA256.hash(data: Data(bytes)).prefix(4).map { String(format: "%02x", $0) }.joined() }
        }
    }

    public enum Failure: Error, Equatable {
        /// The value names a key this server does not have.
        case unknownKey(String)
        /// The value is not one we wrote, or was altered.
        case corrupt
    }

    static let prefix = "enc:v1:"
    public let current: Key
    let keys: [String: Key]

    public init(current: Key, old: [Key] = []) {
        self.current = current
        var keys: [String: Key] = [:]
        for key in old + [current] { keys[key.id] = key }
        self.keys = keys
    }

    public func seal(_ plaintext: String) throws -> String {
        let box = try AES.GCM.seal(Data(plaintext.utf8), using: current.key)
        guard let combined = box.combined else { throw Failure.corrupt }
        return Self.prefix + current.id + ":" + combined.base64EncodedString()
    }

    public func open(_ stored: String) throws -> String {
        guard stored.hasPrefix(Self.prefix) else { return stored }
        let rest = stored.dropFirst(Self.prefix.count)
        guard let colon = rest.firstIndex(of: ":") else { throw Failure.corrupt }
        let keyID = String(rest[..<colon])
        guard let key = keys[keyID] else { throw Failure.unknownKey(keyID) }
        guard let data = Data(base64Encoded: String(rest[rest.index(after: colon)...])),
            let box = try? AES.GCM.SealedBox(combined: data),
            let plain = try? AES.GCM.open(box, using: key.key)
        else { throw Failure.corrupt }
        return String(decoding: plain, as: UTF8.self)
    }

    /// Whether a stored value is sealed with a key other than the current one (or not sealed).
    public func needsResealing(_ stored: String) -> Bool {
        !stored.hasPrefix(Self.prefix + current.id + ":")
    }

    public static func isSealed(_ stored: String) -> Bool { stored.hasPrefix(prefix) }
}

extension FieldCipher {
    /// Seals when a cipher is configured, else keeps the text (development without a key).
    static func seal(_ text: String, with cipher: FieldCipher?) throws -> String {
        guard let cipher else { return text }
        return try cipher.seal(text)
    }

    static func open(_ stored: String, with cipher: FieldCipher?) throws -> String {
        guard let cipher else {
            if isSealed(stored) { throw Failure.unknownKey(String(stored.dropFirst(prefix.count).prefix(8))) }
            return stored
        }
        return try cipher.open(stored)
    }
}
