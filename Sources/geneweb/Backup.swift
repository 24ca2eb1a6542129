import ArgumentParser
import Foundation
import GenewebServer
import GenewebStore
import Logging

/// `geneweb backup`: a consistent archive of everything the server holds, taken while it serves.
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a backup archive of every base, account, audit line, consent and setting.",
        discussion: """
            The archive is read from one snapshot of the database while the server keeps serving, and is \
            the same whichever engine wrote it: `geneweb restore` reads it into SQLite or PostgreSQL.
            Sealed fields stay sealed: restoring needs the same GENEWEB_SECURITY_ENCRYPTION_KEY.
            """
    )

    @Option(help: "File to write (default: a new file named after the time in GENEWEB_BACKUP_DIR, i.e. <data dir>/backups).")
    var output: String?

    @OptionGroup var storage: StorageOptions

    func run() async throws {
        let configuration = try loadConfiguration(.init(databaseURL: storage.databaseURL, dataDirectory: storage.dataDirectory))
        bootstrapLogging(configuration)
        let logger = Logger(label: "geneweb.backup")
        let database = try Database(location: configuration.storage, logger: logger, cipher: configuration.encryption)
        let path = try output ?? BackupFolder(path: configuration.backups.folder(dataDirectory: configuration.dataDirectory)).newArchivePath()
        do {
            let result = try await database.whileRunning {
                try await BackupWriter(database: database).write(to: path)
            }
            say("backup \(result.path): \(result.bytes) bytes, schema version \(result.header.schemaVersion), from \(result.header.engine)")
            for table in result.manifest.tables { say("  \(table.name): \(table.rows)") }
        } catch let error as BackupArchiveError {
            JSONLogHandler.writeToStandardError("geneweb: backup failed: \(error.description)")
            throw ExitCode(1)
        } catch let error as BackupFileError {
            JSONLogHandler.writeToStandardError("geneweb: backup failed: \(error.description)")
            throw ExitCode(1)
        }
    }
}
