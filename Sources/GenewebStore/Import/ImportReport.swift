import GenewebFormats

/// What an import did: counts per record type and the reader's warnings.
public struct ImportReport: Sendable, Codable, Equatable {
    public var base: String
    public var format: String
    public var persons = 0
    public var families = 0
    public var sources = 0
    public var repositories = 0
    public var notes = 0
    public var media = 0
    /// Warnings with their line numbers ("line 12: date \"31 FEB 1850\" kept as text").
    public var warnings: [String] = []
    public var elapsedSeconds: Double = 0

    public init(base: String, format: String) {
        self.base = base
        self.format = format
    }

    enum CodingKeys: String, CodingKey {
        case base, format, persons, families, sources, repositories, notes, media, warnings
        case elapsedSeconds = "elapsed_seconds"
    }
}

/// Why an import wrote nothing.
public enum ImportError: Error, Equatable, CustomStringConvertible {
    case baseNotEmpty(base: String, persons: Int)
    case tooLarge(bytes: Int, limit: Int)
    case unreadable(String)
    /// A record breaks a constraint of the base (e.g. two persons with one key).
    case rejected(String)

    public var description: String {
        switch self {
        case .baseNotEmpty(let base, let persons):
            "base \(base) already holds \(persons) persons; import with --replace to replace them"
        case .tooLarge(let bytes, let limit):
            "the file is \(bytes) bytes, over the import limit of \(limit) bytes (GENEWEB_IMPORT_MAX_BYTES)"
        case .unreadable(let reason), .rejected(let reason):
            reason
        }
    }
}
