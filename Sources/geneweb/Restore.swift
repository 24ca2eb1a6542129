import ArgumentParser
import Foundation
import GenewebServer
import GenewebStore
import Logging

/// `geneweb restore FILE`: an archive back into an empty database, all or nothing.
struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Restore a backup archive into an empty database (SQLite or PostgreSQL), or check one with --verify.",
        discussion: """
            The archive is checked whole first (format, checksums, counts, and that the configured \
            GENEWEB_SECURITY_ENCRYPTION_KEY opens its sealed fields); then everything is written in one \
            transaction, and the counts are compared with the archive's manifest before it commits.
            Stop the server while restoring. Moving from the embedded SQLite file to PostgreSQL is a \
            backup taken on SQLite restored with --database-url.
            """
    )

    @Argument(help: "The archive (.gwbackup).")
    var file: String

    @Flag(help: "Only check the archive: nothing is written.")
    var verify = false

    @Flag(help: "Replace everything the database holds instead of refusing a database that has data.")
    var replace = false

    @OptionGroup var storage: StorageOptions

    func run() async throws {
        let configuration = try loadConfiguration(.init(databaseURL: storage.databaseURL, dataDirectory: storage.dataDirectory))
        bootstrapLogging(configuration)
        let logger = Logger(label: "geneweb.restore")
        do {
            if verify {
                let checked = try await BackupReader(path: file).verify()
                try EncryptionCanary.check(stored: checked.encryptionCanary, cipher: configuration.encryption)
                say(
                    "\(file): sound archive of \(checked.bytes) bytes, schema version \(checked.header.schemaVersion), written by \(checked.header.engine) at \(checked.header.createdAt)"
                )
                for table in checked.manifest.tables { say("  \(table.name): \(table.rows)") }
                return
            }
            let database = try Database(location: configuration.storage, logger: logger, cipher: configuration.encryption)
            let report = try await database.whileRunning {
                try await BackupRestorer(database: database, logger: logger).restore(from: file, replace: replace)
            }
            say("restored \(file) into \(configuration.storage) (schema version \(report.header.schemaVersion) from \(report.header.engine))")
            for (table, rows) in report.rows.sorted(by: { $0.key < $1.key }) { say("  \(table): \(rows)") }
            if !report.droppedColumns.isEmpty { say("columns this version no longer has, left out: \(report.droppedColumns.joined(separator: ", "))") }
        } catch let error as BackupArchiveError {
            JSONLogHandler.writeToStandardError("geneweb: \(file): \(error.description)")
            throw ExitCode(1)
        } catch let error as BackupFileError {
            JSONLogHandler.writeToStandardError("geneweb: \(error.description)")
            throw ExitCode(1)
        } catch let error as RestoreError {
            JSONLogHandler.writeToStandardError("geneweb: \(error.description)")
            throw ExitCode(1)
        } catch let error as EncryptionCanary.Problem {
            JSONLogHandler.writeToStandardError("geneweb: \(error.description)")
            throw ExitCode(1)
        }
    }
}
