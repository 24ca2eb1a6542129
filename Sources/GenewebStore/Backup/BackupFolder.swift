import Foundation

/// The folder of archives: names made from the time, listing newest first, retention.
public struct BackupFolder: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// An archive in the folder.
    public struct Entry: Sendable, Equatable {
        public let name: String
        public let bytes: Int64
        public let modified: Date
    }

    /// `geneweb-20261202-043508.gwbackup` (UTC), a name that sorts by time.
    public static func name(at date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return "geneweb-\(formatter.string(from: date)).\(BackupArchive.fileExtension)"
    }

    /// A name for a new archive, with a suffix when one of that second exists already.
    public func newArchivePath(at date: Date = Date()) throws -> String {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let base = Self.name(at: date)
        var candidate = (path as NSString).appendingPathComponent(base)
        var suffix = 2
        while FileManager.default.fileExists(atPath: candidate) {
            candidate = (path as NSString).appendingPathComponent(
                base.replacingOccurrences(of: ".\(BackupArchive.fileExtension)", with: "-\(suffix).\(BackupArchive.fileExtension)"))
            suffix += 1
        }
        return candidate
    }

    /// The finished archives (never `.partial` files), newest first.
    public func entries() -> [Entry] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { Self.isArchiveName($0) }.compactMap { name -> Entry? in
            let attributes = try? FileManager.default.attributesOfItem(atPath: (path as NSString).appendingPathComponent(name))
            guard let attributes, (attributes[.type] as? FileAttributeType) == .typeRegular else { return nil }
            return Entry(
                name: name, bytes: (attributes[.size] as? NSNumber)?.int64Value ?? 0,
                modified: attributes[.modificationDate] as? Date ?? .distantPast)
        }.sorted { ($0.modified, $0.name) > ($1.modified, $1.name) }
    }

    /// The path of archive `name` when it is one of the folder's (no other path is ever opened).
    public func archivePath(named name: String) -> String? {
        guard Self.isArchiveName(name), entries().contains(where: { $0.name == name }) else { return nil }
        return (path as NSString).appendingPathComponent(name)
    }

    /// Deletes all but the newest `keep` scheduled archives (`geneweb-…`); returns the names deleted.
    @discardableResult
    public func prune(keeping keep: Int) -> [String] {
        let old = entries().filter { $0.name.hasPrefix("geneweb-") }.dropFirst(max(keep, 1))
        for entry in old { try? FileManager.default.removeItem(atPath: (path as NSString).appendingPathComponent(entry.name)) }
        return old.map(\.name)
    }

    static func isArchiveName(_ name: String) -> Bool {
        name.hasSuffix(".\(BackupArchive.fileExtension)") && !name.hasPrefix(".") && !name.contains("/")
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
    }
}
