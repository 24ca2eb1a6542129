import ArgumentParser
import Foundation
import GenewebCore
import GenewebServer
import GenewebStore
import Logging

/// `geneweb reencrypt`: after a key change, re-seals every encrypted field with the current key
/// (and seals what was stored before encryption was turned on), so old keys can be retired.
struct Reencrypt: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Re-seal personal fields with the current GENEWEB_SECURITY_ENCRYPTION_KEY.",
        discussion: """
            Rotation: set the new key in GENEWEB_SECURITY_ENCRYPTION_KEY and the previous one in \
            GENEWEB_SECURITY_ENCRYPTION_OLD_KEYS, restart, run `geneweb reencrypt`, then remove the old key.
            Each kind of field is rewritten in one transaction.
            """
    )

    @OptionGroup var storage: StorageOptions

    func run() async throws {
        let configuration = try loadConfiguration(.init(databaseURL: storage.databaseURL, dataDirectory: storage.dataDirectory))
        bootstrapLogging(configuration)
        guard configuration.encryption != nil else {
            JSONLogHandler.writeToStandardError("geneweb: GENEWEB_SECURITY_ENCRYPTION_KEY is not set: nothing to re-seal with")
            throw ExitCode(2)
        }
        let logger = Logger(label: "geneweb.reencrypt")
        let database = try Database(location: configuration.storage, logger: logger, cipher: configuration.encryption)
        let counts = try await database.whileRunning { () async throws -> (Int, Int, Int) in
            try await MigrationRunner(database: database, logger: logger).migrate()
            do {
                try await EncryptionCanary.verify(database)
            } catch let problem as EncryptionCanary.Problem {
                JSONLogHandler.writeToStandardError("geneweb: \(problem.description)")
                throw ExitCode(2)
            }
            let counts = (
                try await UserRepository(database: database).reseal(),
                try await ConsentRepository(database: database).reseal(),
                try await RecordRepository<Note>(database: database).reseal()
            )
            try await EncryptionCanary.verify(database, reseal: true)
            return counts
        }
        say("re-sealed: \(counts.0) user emails, \(counts.1) consent records, \(counts.2) private notes")
    }
}
