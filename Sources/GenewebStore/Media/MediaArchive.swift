import Foundation
import GenewebCore
import GenewebFormats
import SQLKit

/// A base with its media files as one zip archive: the GEDCOM 5.5.1 file at the root, each
/// file once under `media/<sha256>.<ext>`, and every `OBJE` whose media has a file pointing to
/// it (`FILE media/….jpg`), so the archive reads in other programs and comes back whole here.
public struct MediaArchive: Sendable {
    let database: Database
    let files: MediaFileStore

    public init(database: Database, files: MediaFileStore) {
        self.database = database
        self.files = files
    }

    /// A file to pack: its path in the archive and its content's name in the store.
    public struct PackedFile: Sendable, Equatable {
        public let path: String
        public let sha256: String
    }

    /// Points the export's media that have a file (and that `audience` may see) at their path in
    /// the archive; returns the files to pack, each once.
    public func prepare(_ export: inout GenealogyExporter.Export, audience: GenealogyExporter.Audience) async throws -> [PackedFile] {
        let base = export.baseID
        let stored = try await database.withConnection { sql in
            try await sql.raw(
                "SELECT id, content_sha256, mime_type FROM media WHERE base_id = \(bind: base) AND content_sha256 IS NOT NULL"
            ).all().map { row in
                (
                    try row.decode(column: "id", as: UUID.self), try row.decode(column: "content_sha256", as: String.self),
                    try row.decode(column: "mime_type", as: String.self)
                )
            }
        }
        guard !stored.isEmpty else { return [] }
        var hidden = Set<UUID>()
        if case .publicTree(let rule) = audience { hidden = try await MediaVisibility(database: database, rule: rule).hiddenMedia(among: nil, base: base) }
        var byID: [UUID: (sha: String, type: MediaFileType)] = [:]
        for (id, sha, mime) in stored where !hidden.contains(id) {
            // A file the folder lost is left as the path it had: the archive holds no dangling link.
            if let type = MediaFileType(rawValue: mime), files.contains(sha) { byID[id] = (sha, type) }
        }
        var packed: [PackedFile] = []
        var seen = Set<String>()
        for index in export.document.media.indices {
            guard let file = byID[export.document.media[index].id.uuid] else { continue }
            let path = "media/\(file.sha).\(file.type.fileExtension)"
            export.document.media[index].file = path
            export.document.media[index].format = file.type.gedcomForm
            if seen.insert(path).inserted { packed.append(PackedFile(path: path, sha256: file.sha)) }
        }
        return packed
    }

    /// The bytes of a packed file; nil when the media folder lost it.
    public func contents(of file: PackedFile) throws -> [UInt8]? {
        try files.read(file.sha256)
    }

    // MARK: Import

    /// An archive read for import: its genealogy file and the media files it carried, already
    /// kept in the media folder, by their path in the archive.
    public struct Unpacked: Sendable {
        public let genealogy: [UInt8]
        public let genealogyName: String
        public let mediaFiles: [String: MediaFile]
    }

    /// Reads `bytes` as an archive: exactly one `.ged` or `.gw` file, and media files whose
    /// type their bytes show (`MediaSniffer`); anything else is refused.
    public func unpack(_ bytes: [UInt8]) throws -> Unpacked {
        let reader = try ZipReader(bytes)
        let genealogyEntries = reader.entries.filter { ["ged", "gw"].contains($0.name.split(separator: ".").last.map { $0.lowercased() } ?? "") }
        guard genealogyEntries.count == 1, let genealogyEntry = genealogyEntries.first else {
            throw MediaArchiveError.genealogyFile(found: genealogyEntries.count)
        }
        var media: [String: MediaFile] = [:]
        for entry in reader.entries where entry != genealogyEntry {
            let content = try reader.contents(of: entry)
            guard let type = MediaSniffer.type(of: content) else { throw MediaArchiveError.unsupportedFile(entry.name) }
            let sha = try files.store(content)
            let name = entry.name.split(separator: "/").last.map(String.init)
            media[entry.name] = MediaFile(sha256: sha, byteSize: content.count, type: type, originalName: name)
        }
        return Unpacked(genealogy: try reader.contents(of: genealogyEntry), genealogyName: genealogyEntry.name, mediaFiles: media)
    }

    /// Removes the files `unpack` kept that no media row names (an import that failed).
    public func discard(_ unpacked: Unpacked) async throws {
        let repository = MediaRepository(database: database)
        for file in Set(unpacked.mediaFiles.values.map(\.sha256)) where try await !repository.isContentUsed(file) {
            try files.remove(file)
        }
    }
}

/// Why an archive was refused for import.
public enum MediaArchiveError: Error, Equatable, CustomStringConvertible {
    case genealogyFile(found: Int)
    case unsupportedFile(String)

    public var description: String {
        switch self {
        case .genealogyFile(let found): "the archive must hold exactly one .ged or .gw file (it holds \(found))"
        case .unsupportedFile(let name): "\(name.prefix(200)) is not a JPEG, PNG, WebP, GIF or PDF file"
        }
    }
}
