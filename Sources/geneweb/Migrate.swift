import ArgumentParser
import Foundation
import GenewebServer
import GenewebStore
import Logging

/// `geneweb migrate`: applies pending schema migrations (the server also does it at start).
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply pending database migrations, or show where the schema stands.",
        discussion: "Uses the same configuration as `serve` (DATABASE_URL, GENEWEB_DATA_DIR). Applying twice is a no-op."
    )

    @Flag(help: "Only print the current schema version and pending migrations.")
    var status = false

    @OptionGroup var storage: StorageOptions

    func run() async throws {
        let configuration = try loadConfiguration(
            .init(databaseURL: storage.databaseURL, dataDirectory: storage.dataDirectory)
        )
        bootstrapLogging(configuration)
        let logger = Logger(label: "geneweb.migrate")
        let database = try Database(location: configuration.storage, logger: logger, cipher: configuration.encryption)
        let runner = MigrationRunner(database: database, logger: logger)
        let report = try await database.whileRunning { () async throws -> String in
            if status {
                let current = try await runner.status()
                let pending = current.pendingVersions.map(String.init).joined(separator: ", ")
                return "schema version \(current.currentVersion) of \(Migrations.latestVersion); pending: \(pending.isEmpty ? "none" : pending)"
            }
            let applied = try await runner.migrate()
            return applied.isEmpty
                ? "schema up to date (version \(Migrations.latestVersion))"
                : "applied migrations \(applied.map(String.init).joined(separator: ", ")); schema version \(Migrations.latestVersion)"
        }
        say("\(configuration.storage): \(report)")
    }
}
