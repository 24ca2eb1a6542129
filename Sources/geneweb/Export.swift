import ArgumentParser
import Foundation
import GenewebFormats
import GenewebServer
import GenewebStore
import Logging

/// `geneweb export`: writes a base as GEDCOM 5.5.1 or 7.
struct Export: AsyncParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case gedcom551
        case gedcom7
        case gw
    }

    static let configuration = CommandConfiguration(abstract: "Export a base as GEDCOM 5.5.1 (UTF-8), GEDCOM 7 or GeneWeb .gw (gwplus, UTF-8).")

    @Option(help: "Base to export.")
    var base = "default"

    @Option(help: "gedcom551, gedcom7 or gw.")
    var format: Format = .gedcom551

    @Option(help: "File to write (default: standard output).")
    var output: String?

    @OptionGroup var storage: StorageOptions

    func run() async throws {
        let configuration = try loadConfiguration(.init(databaseURL: storage.databaseURL, dataDirectory: storage.dataDirectory))
        bootstrapLogging(configuration)
        let baseName = try commandLineValue { () throws(BaseNameError) in try BaseName(base) }
        let database = try Database(location: configuration.storage, logger: Logger(label: "geneweb.export"), cipher: configuration.encryption)
        let document = try await database.whileRunning {
            try await MigrationRunner(database: database, logger: Logger(label: "geneweb.export")).migrate()
            return try await GenealogyExporter(database: database).load(baseName)
        }
        guard let document else {
            JSONLogHandler.writeToStandardError("geneweb: no base named \(baseName)")
            throw ExitCode(1)
        }
        if format == .gw {
            let (text, warnings) = GenewebWriter.write(document)
            for warning in warnings { JSONLogHandler.writeToStandardError("geneweb: warning: \(warning)") }
            try writeText(text, to: output)
            return
        }
        try writeGedcom(GedcomWriter(document: document, version: format == .gedcom7 ? .v7 : .v551), to: output)
    }
}

/// Writes a whole text to `path`, or to standard output when there is none.
func writeText(_ text: String, to path: String?) throws {
    try write(to: path) { sink in sink(text) }
}

/// Streams a GEDCOM file to `path`, or to standard output when there is none.
func writeGedcom(_ writer: GedcomWriter, to path: String?) throws {
    try write(to: path) { sink in writer.emit(sink) }
}

private func write(to path: String?, _ produce: ((String) -> Void) -> Void) throws {
    guard let path else {
        produce { FileHandle.standardOutput.write(Data($0.utf8)) }
        return
    }
    guard FileManager.default.createFile(atPath: path, contents: nil),
          let handle = FileHandle(forWritingAtPath: path) else {
        JSONLogHandler.writeToStandardError("geneweb: cannot write \(path)")
        throw ExitCode(1)
    }
    defer { try? handle.close() }
    produce { try? handle.write(contentsOf: Data($0.utf8)) }
}
