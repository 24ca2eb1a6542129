import ArgumentParser
import Foundation
import GenewebServer
import Logging

/// Flags shared by commands that open the storage; each overrides its environment variable.
struct StorageOptions: ParsableArguments {
    @Option(
        name: .customLong("database-url"),
        help: "PostgreSQL URL (overrides GENEWEB_DB_DATABASE_URL and DATABASE_URL). Unset: SQLite file in the data directory.")
    var databaseURL: String?

    @Option(name: .customLong("data-dir"), help: "Data directory holding geneweb.sqlite (overrides GENEWEB_DATA_DIR; default ./data).")
    var dataDirectory: String?
}

/// Reads the configuration or stops the process with one clear line and exit code 2.
func loadConfiguration(_ overrides: AppConfiguration.Overrides, forServer: Bool = false) throws -> AppConfiguration {
    do {
        return try AppConfiguration.load(overrides: overrides, forServer: forServer)
    } catch {
        JSONLogHandler.writeToStandardError("geneweb: \(error.description)")
        throw ExitCode(2)
    }
}

/// Installs the log handler chosen by the configuration, once per process.
func bootstrapLogging(_ configuration: AppConfiguration) {
    let level = configuration.logLevel
    switch configuration.logFormat {
    case .json:
        LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: level) }
    case .text:
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
