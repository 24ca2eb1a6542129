import ArgumentParser
import Foundation
import GenewebFormats
import GenewebServer
import GenewebStore
import Logging
import Synchronization

/// `geneweb import FILE`: reads a GEDCOM file into a base, all or nothing.
struct Import: AsyncParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case auto
        case gedcom
        case gw
    }

    static let configuration = CommandConfiguration(
        abstract: "Import a GEDCOM file (5.5, 5.5.1 or 7, any common charset) or a GeneWeb .gw file into a base.",
        discussion: """
            The import runs in one transaction: if anything fails, the base is left as it was.
            A base that already holds persons is refused unless --replace is given.
            Files over GENEWEB_IMPORT_MAX_BYTES (default 100 MB) are refused.
            """
    )

    @Argument(help: "The file to import.")
    var file: String

    @Option(help: "Base to import into (created when missing).")
    var base = "default"

    @Flag(help: "Replace the base's current contents.")
    var replace = false

    @Option(help: "auto (by extension, then content), gedcom or gw.")
    var format: Format = .auto

    @OptionGroup var storage: StorageOptions

    func run() async throws {
        let configuration = try loadConfiguration(.init(databaseURL: storage.databaseURL, dataDirectory: storage.dataDirectory))
        bootstrapLogging(configuration)
        let baseName = try commandLineValue { () throws(BaseNameError) in try BaseName(base) }
        let bytes = try commandLineValue { try Self.readFile(file, limit: configuration.importMaxBytes) }
        say("reading \(file) (\(bytes.count) bytes)")
        let opened = try commandLineValue { try Self.open(bytes, path: file, format: format) }
        say("\(opened.formatName) file of about \(opened.recordCount) records; reading and writing to base \(baseName)")
        let database = try Database(location: configuration.storage, logger: Logger(label: "geneweb.import"), cipher: configuration.encryption)
        let report = try await database.whileRunning {
            try await MigrationRunner(database: database, logger: Logger(label: "geneweb.import")).migrate()
            return try await GenealogyImporter(database: database).importFile(
                opened, into: baseName, replace: replace, progress: ImportProgressDisplay.make()
            )
        }
        say(ImportReportText.render(report))
    }

    /// Checks the bytes as GEDCOM or `.gw`; `auto` goes by the extension, then by the content.
    static func open(_ bytes: [UInt8], path: String, format: Format) throws -> OpenedGenealogyFile {
        try GenealogyFile.open(bytes, fileName: path, format: GenealogyFile.Format(rawValue: format.rawValue) ?? .auto)
    }

    static func readFile(_ path: String, limit: Int) throws -> [UInt8] {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw ImportError.unreadable("cannot read \(path): no such file, or not readable")
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        if size > limit { throw ImportError.tooLarge(bytes: size, limit: limit) }
        // Read straight into the array the reader keeps: the file is held once, not twice.
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ImportError.unreadable("cannot read \(path): no such file, or not readable")
        }
        defer { try? handle.close() }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size)
        while let chunk = try handle.read(upToCount: 1 << 22), !chunk.isEmpty {
            if bytes.count + chunk.count > limit { throw ImportError.tooLarge(bytes: bytes.count + chunk.count, limit: limit) }
            bytes.append(contentsOf: chunk)
        }
        return bytes
    }
}

/// The report as people read it.
enum ImportReportText {
    static func render(_ report: ImportReport) -> String {
        var lines = [
            "imported into base \(report.base) (\(report.format)) in \(String(format: "%.2f", report.elapsedSeconds)) s:",
            "  persons: \(report.persons)", "  families: \(report.families)", "  sources: \(report.sources)",
            "  repositories: \(report.repositories)", "  notes: \(report.notes)", "  media: \(report.media)",
            "  warnings: \(report.warnings.count)",
        ]
        lines += report.warnings.prefix(50).map { "    " + $0 }
        if report.warnings.count > 50 { lines.append("    … and \(report.warnings.count - 50) more") }
        return lines.joined(separator: "\n")
    }
}

/// Runs `body`; an error becomes one line on standard error and exit code 1.
func commandLineValue<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch {
        JSONLogHandler.writeToStandardError("geneweb: \(error)")
        throw ExitCode(1)
    }
}

/// Import progress: a bar redrawn in place when standard error is a terminal, a line every 10%
/// on standard output otherwise (logs, CI).
enum ImportProgressDisplay {
    static func make() -> @Sendable (ImportProgress) -> Void {
        let interactive = isatty(STDERR_FILENO) == 1
        let lastDecile = Mutex(-1)
        return { progress in
            guard progress.total > 0 else { return }
            let fraction = Double(progress.written) / Double(progress.total)
            if interactive {
                let width = 40
                let filled = Int(fraction * Double(width))
                let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
                let line = "\r[\(bar)] \(progress.written)/\(progress.total)" + (progress.written >= progress.total ? "\n" : "")
                _ = line.utf8CString.withUnsafeBufferPointer { write(STDERR_FILENO, $0.baseAddress, $0.count - 1) }
            } else {
                let decile = Int(fraction * 10)
                let isNew = lastDecile.withLock { last in
                    defer { last = max(last, decile) }
                    return decile > last
                }
                if isNew { say("written \(progress.written) of \(progress.total) records (\(decile * 10)%)") }
            }
        }
    }
}
