import ArgumentParser
import Foundation
import GenewebFormats
import GenewebServer

/// `geneweb check FILE`: reads a file as an import would, writes nothing, reports what it found.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read a GEDCOM or .gw file without importing it: counts, warnings, reading speed.",
        discussion: """
            Runs the import's reader over the file (charset detection, every record into the \
            model, dangling pointers, ancestry loops) and prints what an import would report, \
            with the time it took. Nothing is written. Files over GENEWEB_IMPORT_MAX_BYTES \
            (default 100 MB) are refused, as by import.
            """
    )

    @Argument(help: "The file to read.")
    var file: String

    @Option(help: "auto (by extension, then content), gedcom or gw.")
    var format: Import.Format = .auto

    func run() throws {
        let configuration = try loadConfiguration(.init(databaseURL: nil, dataDirectory: nil))
        let bytes = try commandLineValue { try Import.readFile(file, limit: configuration.importMaxBytes) }
        let clock = ContinuousClock()
        let start = clock.now
        let opened = try commandLineValue { try Import.open(bytes, path: file, format: format) }
        // Persons are counted and let go, as the import does: memory holds a batch, not the file's persons.
        var stream = opened.stream()
        var persons = 0
        while case let batch = stream.nextPersons(upTo: 2000), !batch.isEmpty { persons += batch.count }
        let rest = stream.finish()
        let seconds = (clock.now - start) / .seconds(1)
        let megabytes = Double(bytes.count) / 1_048_576
        var lines = [
            "\(file): \(opened.formatName), \(bytes.count) bytes, read in \(String(format: "%.2f", seconds)) s (\(String(format: "%.1f", megabytes / max(seconds, 1e-9))) MB/s)",
            "  persons: \(persons)", "  families: \(rest.families.count)", "  sources: \(rest.sources.count)",
            "  repositories: \(rest.repositories.count)", "  notes: \(rest.notes.count)", "  media: \(rest.media.count)",
            "  warnings: \(rest.warnings.count)",
        ]
        lines += rest.warnings.prefix(50).map { "    \($0)" }
        if rest.warnings.count > 50 { lines.append("    … and \(rest.warnings.count - 50) more") }
        say(lines.joined(separator: "\n"))
    }
}
