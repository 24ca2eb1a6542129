/// The types of file the server keeps as media, told from their first bytes only.
///
/// The name and the `Content-Type` a client gives are never believed: a page of HTML named
/// `portrait.jpg` would otherwise be served back as the server's own content. Formats that can
/// carry script (SVG, HTML) are not on the list at all.
public enum MediaFileType: String, Sendable, CaseIterable, Codable {
    case jpeg = "image/jpeg"
    case png = "image/png"
    case webp = "image/webp"
    case gif = "image/gif"
    case pdf = "application/pdf"

    /// The MIME type, as served in `Content-Type`.
    public var mimeType: String { rawValue }

    /// The usual file name extension, for files written into archives.
    public var fileExtension: String {
        switch self {
        case .jpeg: "jpg"
        case .png: "png"
        case .webp: "webp"
        case .gif: "gif"
        case .pdf: "pdf"
        }
    }

    /// Pictures are shown in the page; other documents are downloaded.
    public var isImage: Bool { self != .pdf }

    /// GEDCOM 5.5.1's `FORM` word for the type.
    public var gedcomForm: String {
        switch self {
        case .jpeg: "jpeg"
        case .png: "png"
        case .webp: "webp"
        case .gif: "gif"
        case .pdf: "pdf"
        }
    }
}

/// Reads a file's type from its magic bytes.
public enum MediaSniffer {
    /// The type of `bytes`, nil when it is none the server keeps.
    public static func type(of bytes: some Collection<UInt8>) -> MediaFileType? {
        let head = Array(bytes.prefix(16))
        func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + magic.count && Array(head[offset..<(offset + magic.count)]) == magic
        }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        // RIFF, a 4-byte size, then WEBP.
        if starts(Array("RIFF".utf8)), starts(Array("WEBP".utf8), at: 8) { return .webp }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return .gif }
        if starts(Array("%PDF-".utf8)) { return .pdf }
        return nil
    }
}
