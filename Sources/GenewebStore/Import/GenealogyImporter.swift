import Foundation
import GenewebCore
import GenewebFormats
import SQLKit
import Synchronization

/// Writes a read file into a base, all or nothing.
///
/// Everything happens in one transaction: a failure at any row rolls back every row, so the base
/// is exactly as it was. Rows go in by batches through the engine's bulk path (`BulkRowSink`:
/// multi-row `INSERT`s with plain binds on SQLite, `COPY` on PostgreSQL), the next batch made
/// while the database writes the current one.
public struct GenealogyImporter: Sendable {
    let database: Database
    /// Records per batch: large enough that per-statement costs vanish, small enough that a
    /// batch's rows (documents included) stay a few megabytes.
    let batchSize = 2000

    public init(database: Database) {
        self.database = database
    }

    /// Imports `document` into the base `base` (created when missing). Without `replace`, a base
    /// that already holds persons is refused. `progress` hears of every batch written.
    public func importDocument(
        _ document: GedcomDocument, into base: BaseName, format: String, replace: Bool,
        progress: (@Sendable (ImportProgress) -> Void)? = nil
    ) async throws -> ImportReport {
        try await importFile(.document(document, format: format), into: base, replace: replace, progress: progress)
    }

    /// Imports a file opened by `GenealogyFile.open`. GEDCOM files are read while they are
    /// written: each batch of persons goes to the database as soon as it is read, so the file's
    /// persons are never all in memory and reading overlaps writing.
    ///
    /// A constraint of the base that a record breaks is `ImportError.rejected` (nothing written),
    /// never a database error; the task's cancellation (an HTTP client that went away) stops the
    /// import at its next batch and rolls it back.
    ///
    /// `mediaFiles` gives, by the path a media record names (`FILE`), the bytes already kept in
    /// the media folder for it: a zip archive's files (`MediaArchive`).
    public func importFile(
        _ file: OpenedGenealogyFile, into base: BaseName, replace: Bool, mediaFiles: [String: MediaFile] = [:],
        progress: (@Sendable (ImportProgress) -> Void)? = nil
    ) async throws -> ImportReport {
        do {
            return try await write(Self.repaired(file), into: base, replace: replace, mediaFiles: mediaFiles, progress: progress)
        } catch {
            guard let violation = ConstraintViolation(error) else { throw error }
            throw ImportError.rejected("a record breaks a rule of the base, nothing was imported: \(violation)")
        }
    }

    /// A file read whole with its own occurrence numbers, renumbered where two persons would
    /// share a key of the base (see `OccurrenceRepair`). GEDCOM files are numbered by their
    /// reader, one number per name: they cannot clash.
    static func repaired(_ file: OpenedGenealogyFile) -> OpenedGenealogyFile {
        guard case .document(var document, let format) = file else { return file }
        document.warnings += OccurrenceRepair.renumber(&document.persons)
        return .document(document, format: format)
    }

    private func write(
        _ file: OpenedGenealogyFile, into base: BaseName, replace: Bool, mediaFiles: [String: MediaFile],
        progress: (@Sendable (ImportProgress) -> Void)?
    ) async throws -> ImportReport {
        let clock = ContinuousClock()
        let start = clock.now
        let batchSize = self.batchSize
        let counter = ProgressCounter(total: file.recordCount)
        let batchWritten = progress.map { report -> @Sendable (Int) -> Void in { count in report(counter.add(count)) } }
        var report = try await database.withBulkTransaction { sql, sink in
            guard let baseID = try await BaseRepository(database: database).id(of: base, create: true, on: sql) else {
                throw ImportError.unreadable("could not create base \(base)")
            }
            let existing =
                try await sql.raw("SELECT count(*) AS n FROM persons WHERE base_id = \(bind: baseID)").first()?.decode(column: "n", as: Int.self) ?? 0
            if existing > 0 {
                guard replace else { throw ImportError.baseNotEmpty(base: base.rawValue, persons: existing) }
            }
            if replace { try await BaseContents.deleteAll(of: baseID, on: sql) }
            try await BaseVersion.bump(baseID, on: sql)
            var rows = RowWriter(sink: sink, baseID: baseID, batchSize: batchSize, progress: batchWritten)
            rows.cipher = database.cipher
            var stream = file.stream()
            var mark = GedcomStream.WarningMark()
            var mediaLinks: [MediaLink] = []
            let persons = try await rows.insertPersons {
                let batch = stream.nextPersons(upTo: batchSize)
                for person in batch { mediaLinks += person.mediaIDs.map { MediaLink(mediaID: $0.uuid, kind: .person, recordID: person.id.uuid) } }
                // Heard with the batch's progress report, before it is written.
                if progress != nil {
                    let (found, next) = stream.warnings(since: mark)
                    mark = next
                    counter.found(found)
                }
                return batch
            }
            let document = stream.finish()
            try await rows.insertFamilies(document.families)
            try await rows.insertRecords("sources", label: "title", document.sources.map { ($0.id.uuid, $0.title, $0.gedcomXref, $0) })
            try await rows.insertRecords("repositories", label: "name", document.repositories.map { ($0.id.uuid, $0.name, $0.gedcomXref, $0) })
            try await rows.insertRecords("notes", label: "title", document.notes.map { ($0.id.uuid, $0.title ?? "", $0.gedcomXref, $0) })
            try await rows.insertRecords("media", label: "file", document.media.map { ($0.id.uuid, $0.file, $0.gedcomXref, $0) })
            try await MediaImport.complete(
                document, personLinks: mediaLinks, files: mediaFiles, base: baseID, on: sql)
            try await rows.insertBaseRecords(header: document.header, others: document.otherRecords)
            try await BaseVersion.bump(baseID, on: sql)
            var report = ImportReport(base: base.rawValue, format: file.formatName)
            report.persons = persons
            report.families = document.families.count
            report.sources = document.sources.count
            report.repositories = document.repositories.count
            report.notes = document.notes.count
            report.media = document.media.count
            report.warnings = document.warnings.map(\.description)
            return report
        }
        // The total was counted from the file's lines (header and other records included): end at 100%.
        progress?(counter.complete(warnings: report.warnings))
        let elapsed = clock.now - start
        report.elapsedSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return report
    }
}

/// How far an import has got: records written out of the total.
public struct ImportProgress: Sendable {
    public let written: Int
    public let total: Int
    /// Warnings found so far, and the first `ProgressCounter.warningsShown` of them.
    public let warningCount: Int
    public let warnings: [String]
}

/// Adds up batches written and warnings found, for progress reports.
final class ProgressCounter: Sendable {
    /// Enough for a page to show while the import goes on; the report has them all.
    static let warningsShown = 100
    private let total: Int
    private let written = Mutex<Int>(0)
    private let warnings = Mutex<(count: Int, first: [String])>((0, []))

    init(total: Int) {
        self.total = total
    }

    /// Everything written: the last report says 100% whatever the first count was, with the
    /// whole file's warnings.
    func complete(warnings all: [String]) -> ImportProgress {
        let now = written.withLock { $0 }
        return ImportProgress(
            written: max(total, now), total: max(total, now), warningCount: all.count, warnings: Array(all.prefix(Self.warningsShown)))
    }

    func found(_ new: [ImportWarning]) {
        guard !new.isEmpty else { return }
        warnings.withLock { warnings in
            warnings.count += new.count
            let room = Self.warningsShown - warnings.first.count
            if room > 0 { warnings.first += new.prefix(room).map(\.description) }
        }
    }

    func add(_ count: Int) -> ImportProgress {
        let now = written.withLock {
            $0 += count
            return $0
        }
        let (found, first) = warnings.withLock { ($0.count, $0.first) }
        // The total is counted from the file's lines before reading: never show more than 100%.
        return ImportProgress(written: now, total: max(total, now), warningCount: found, warnings: first)
    }
}

/// Deleting a base's genealogical rows, children tables first.
enum BaseContents {
    static func deleteAll(of baseID: Int, on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM family_members WHERE family_id IN (SELECT id FROM families WHERE base_id = \(bind: baseID))").run()
        for table in [
            "families", "person_words", "person_places", "persons", "sources", "repositories", "notes", "media", "places", "base_records", "record_versions",
        ] {
            try await sql.raw("DELETE FROM \(ident: table) WHERE base_id = \(bind: baseID)").run()
        }
    }
}
