import Foundation

/// How many exports and imports the server runs at once (`GENEWEB_EXPORT_*`, `GENEWEB_IMPORT_*`).
/// Each export streams with flat memory, but still holds a database connection and a core for
/// its length; each import holds its file and a write transaction. Past these bounds a request
/// is answered 429 with `Retry-After` instead of slowing everyone down.
public struct TransferSettings: Sendable {
    /// GEDCOM and `.gw` exports running at once, all clients together.
    public var exportsInTotal = 4
    /// Exports running at once for one client address (as the rate limit sees it).
    public var exportsPerClient = 2
    /// `.gw` exports running at once: a `.gw` file is written from the whole base in memory
    /// (its blocks refer back and forth), so these are bounded apart and more tightly.
    public var wholeBaseExportsInTotal = 1
    /// Imports running at once (each holds its file, up to `GENEWEB_IMPORT_MAX_BYTES`, and a
    /// write transaction).
    public var importsInTotal = 1
    /// Whether each HTTP upload is first read in a child process (`GENEWEB_IMPORT_ISOLATION`:
    /// `process`, the default, or `none`), so that a reader fault ends the child, not the server.
    public var readsUploadsInChild = true
    /// The `geneweb` executable that reads uploads in a child process: set by `geneweb serve`
    /// (its own path). Nil (a server built in-process, as by tests): uploads are read in-process only.
    public var readerExecutable: URL?

    public init() {}

    mutating func load(from env: EnvironmentReader) throws(ConfigurationError) {
        exportsInTotal = try env.integer("GENEWEB_EXPORT_MAX_CONCURRENT", in: 1...10_000) ?? exportsInTotal
        exportsPerClient = try env.integer("GENEWEB_EXPORT_MAX_PER_CLIENT", in: 1...10_000) ?? exportsPerClient
        wholeBaseExportsInTotal = try env.integer("GENEWEB_EXPORT_MAX_CONCURRENT_GW", in: 1...10_000) ?? wholeBaseExportsInTotal
        importsInTotal = try env.integer("GENEWEB_IMPORT_MAX_CONCURRENT", in: 1...10_000) ?? importsInTotal
        readsUploadsInChild = try env.choice("GENEWEB_IMPORT_ISOLATION", from: ["process", "none"]).map { $0 == "process" } ?? true
    }
}
