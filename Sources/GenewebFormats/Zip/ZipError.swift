/// Why an archive could not be written or read.
public enum ZipError: Error, Equatable, CustomStringConvertible {
    /// Over 4 GB or 65,535 entries (no zip64), or over the reader's bounds.
    case tooLarge
    /// Not a zip archive, or one whose directory does not hold together.
    case malformed(String)
    /// An entry compressed with a method other than "stored".
    case compressed(String)
    /// An entry's bytes do not match their CRC-32.
    case checksum(String)
    /// A name that could write outside the folder it is unpacked into.
    case unsafeName(String)
    /// Two entries of the same name.
    case duplicate(String)
    /// Entries begun and not ended, or the like: a programming error.
    case misuse

    public var description: String {
        switch self {
        case .tooLarge: "the archive is too large (at most 4 GB and 65,535 entries, no zip64)"
        case .malformed(let reason): "not a readable zip archive: \(reason)"
        case .compressed(let name): "\(name) is compressed; only stored (uncompressed) entries are read, as `export?format=zip` writes them"
        case .checksum(let name): "\(name) is damaged (its CRC-32 does not match)"
        case .unsafeName(let name): "the entry name \"\(name.prefix(100))\" points outside the archive"
        case .duplicate(let name): "\(name.prefix(100)) is in the archive twice"
        case .misuse: "zip entries written out of order"
        }
    }
}
