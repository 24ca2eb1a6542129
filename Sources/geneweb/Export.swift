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
        let format = self.format
        let output = self.output
        let found = try await database.whileRunning {
            try await MigrationRunner(database: database, logger: Logger(label: "geneweb.export")).migrate()
            let exporter = GenealogyExporter(database: database)
            if format == .gw {
                // A .gw file refers back and forth between its blocks: written from the whole base.
                guard let document = try await exporter.load(baseName) else { return false }
                let (text, warnings) = GenewebWriter.write(document)
                for warning in warnings { JSONLogHandler.writeToStandardError("geneweb: warning: \(warning)") }
                try OutputFile(path: output).write(text)
                return true
            }
            // GEDCOM: an index first (ids, xrefs, family members, sources and notes), then the
            // persons and the families a page at a time, each page written before the next is read.
            guard let export = try await exporter.open(baseName) else { return false }
            let file = try OutputFile(path: output)
            try await exporter.writeGedcom(export, version: format == .gedcom7 ? .v7 : .v551) { try file.write($0) }
            return true
        }
        guard found else {
            JSONLogHandler.writeToStandardError("geneweb: no base named \(baseName)")
            throw ExitCode(1)
        }
    }
}

/// Where an export goes: a file (created or truncated) or standard output.
final class OutputFile: Sendable {
    private let handle: FileHandle

    init(path: String?) throws {
        guard let path else {
            handle = FileHandle.standardOutput
            return
        }
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else {
            JSONLogHandler.writeToStandardError("geneweb: cannot write \(path)")
            throw ExitCode(1)
        }
        self.handle = handle
    }

    func write(_ text: String) throws {
        try handle.write(contentsOf: Data(text.utf8))
    }

    deinit {
        if handle !== FileHandle.standardOutput { try? handle.close() }
    }
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
        let handle = FileHandle(forWritingAtPath: path)
    else {
        JSONLogHandler.writeToStandardError("geneweb: cannot write \(path)")
        throw ExitCode(1)
    }
    defer { try? handle.close() }
    produce { try? handle.write(contentsOf: Data($0.utf8)) }
}
