import Crypto
import Foundation

/// The bytes of uploaded media, one file per content under `<data dir>/media/<2 hex>/<sha256>`.
///
/// Files are named by their content: the same picture uploaded twice is stored once, and a name
/// read from the database can never point outside the folder (it must be 64 hex digits). A file
/// is first written under a temporary name in its final folder, then renamed, so a reader never
/// sees half a file and a crash leaves at most a temporary file behind.
public struct MediaFileStore: Sendable {
    public let root: URL

    public init(dataDirectory: String) {
        root = URL(fileURLWithPath: dataDirectory, isDirectory: true).appendingPathComponent("media", isDirectory: true)
    }

    /// The SHA-256 of `bytes`, in lowercase hex.
    public static func digest(of bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `digest` is a content name this store makes.
    public static func isDigest(_ digest: String) -> Bool {
        digest.utf8.count == 64 && digest.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    /// Keeps `bytes`; returns their digest. Nothing is written when the content is already there.
    @discardableResult
    public func store(_ bytes: [UInt8]) throws -> String {
        let digest = Self.digest(of: bytes)
        let file = try path(of: digest)
        let manager = FileManager.default
        if manager.fileExists(atPath: file.path) { return digest }
        let folder = file.deletingLastPathComponent()
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".upload-\(UUID().uuidString)")
        guard manager.createFile(atPath: temporary.path, contents: Data(bytes), attributes: [.posixPermissions: 0o640]) else {
            throw MediaFileError.unwritable(folder.path)
        }
        // rename(2) replaces atomically: two uploads of the same content both end with one whole file.
        guard rename(temporary.path, file.path) == 0 else {
            try? manager.removeItem(at: temporary)
            throw MediaFileError.unwritable(folder.path)
        }
        return digest
    }

    /// The bytes of the content `digest`, nil when the file is missing.
    public func read(_ digest: String) throws -> [UInt8]? {
        let file = try path(of: digest)
        guard let data = FileManager.default.contents(atPath: file.path) else { return nil }
        return Array(data)
    }

    /// The file of the content `digest`, for a server that streams it.
    public func filePath(of digest: String) throws -> String {
        try path(of: digest).path
    }

    /// Whether the content `digest` is in the folder.
    public func contains(_ digest: String) -> Bool {
        (try? path(of: digest)).map { FileManager.default.fileExists(atPath: $0.path) } ?? false
    }

    /// Removes the content `digest` (no error when it is already gone).
    public func remove(_ digest: String) throws {
        let file = try path(of: digest)
        if FileManager.default.fileExists(atPath: file.path) { try FileManager.default.removeItem(at: file) }
    }

    func path(of digest: String) throws -> URL {
        guard Self.isDigest(digest) else { throw MediaFileError.badDigest }
        return root.appendingPathComponent(String(digest.prefix(2)), isDirectory: true).appendingPathComponent(digest)
    }
}

/// Why the media folder could not be used.
public enum MediaFileError: Error, CustomStringConvertible, Equatable {
    case unwritable(String)
    case badDigest

    public var description: String {
        switch self {
        case .unwritable(let folder): "cannot write media files in \(folder)"
        case .badDigest: "a media content name must be 64 lowercase hex digits"
        }
    }
}
