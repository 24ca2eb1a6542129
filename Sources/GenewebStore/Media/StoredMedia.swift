import Foundation
import GenewebCore

/// A media as stored: its record, what is known of its file, the records it is attached to and
/// the bookkeeping the API shows (version for `ETag`, times).
public struct StoredMedia: Sendable {
    public var media: Media
    /// Set for uploaded files (and files restored from an archive); nil for a GEDCOM `OBJE` that
    /// names a path only.
    public var file: MediaFile?
    public var createdBy: String?
    public var links: [MediaLink]
    public var version: Int
    public var createdAt: String
    public var updatedAt: String
}

/// The bytes of a media as kept in the media folder (`MediaFileStore`).
public struct MediaFile: Sendable, Equatable {
    /// The SHA-256 of the bytes, lowercase hex: the file's name in the store and its `ETag`.
    public var sha256: String
    public var byteSize: Int
    /// The type read from the bytes (`MediaSniffer`).
    public var type: MediaFileType
    /// The file name the client gave, for downloads.
    public var originalName: String?

    public init(sha256: String, byteSize: Int, type: MediaFileType, originalName: String?) {
        self.sha256 = sha256
        self.byteSize = byteSize
        self.type = type
        self.originalName = originalName
    }
}
