import Foundation
import GenewebStore
import Logging
import Metrics
import Synchronization

/// Takes backups for the server, one at a time, into the backup folder, and remembers how the
/// last one went for `/health/detailed` and `/metrics`.
public final class BackupRunner: Sendable {
    let database: Database
    let folder: BackupFolder
    let keep: Int
    let logger: Logger
    private let state = Mutex(State())

    /// How the last backup went, and whether one runs now.
    public struct Status: Sendable, Equatable {
        public var running = false
        public var lastFinishedAt: Date?
        public var lastSucceeded: Bool?
        public var lastArchive: String?
        public var lastBytes: Int64?
        public var lastError: String?
    }

    private struct State {
        var status = Status()
    }

    init(database: Database, folder: String, keep: Int, logger: Logger) {
        self.database = database
        self.folder = BackupFolder(path: folder)
        self.keep = keep
        self.logger = logger
    }

    public var status: Status { state.withLock { $0.status } }

    /// Starts a backup unless one runs; false when one was already running.
    func startIfIdle() -> Bool {
        state.withLock { state in
            guard !state.status.running else { return false }
            state.status.running = true
            return true
        }
    }

    /// Runs a backup that `startIfIdle()` admitted; scheduled ones also prune old archives.
    /// Never throws: a failure is logged as an error and kept in the status.
    func run(scheduled: Bool) async {
        let started = ContinuousClock.now
        var outcome = Status()
        do {
            let path = try folder.newArchivePath()
            let result = try await BackupWriter(database: database).write(to: path)
            if scheduled {
                let pruned = folder.prune(keeping: keep)
                if !pruned.isEmpty { logger.info("old backups deleted", metadata: ["archives": .string(pruned.joined(separator: ","))]) }
            }
            outcome = Status(
                running: false, lastFinishedAt: Date(), lastSucceeded: true,
                lastArchive: (result.path as NSString).lastPathComponent, lastBytes: result.bytes, lastError: nil)
            logger.info(
                "backup written",
                metadata: [
                    "archive": .string(result.path), "bytes": .stringConvertible(result.bytes),
                    "seconds": .stringConvertible((ContinuousClock.now - started).milliseconds / 1000),
                ])
            Gauge(label: "geneweb_backup_last_success_timestamp_seconds").record(Date().timeIntervalSince1970)
            Gauge(label: "geneweb_backup_last_size_bytes").record(Double(result.bytes))
        } catch {
            outcome = Status(
                running: false, lastFinishedAt: Date(), lastSucceeded: false, lastArchive: nil, lastBytes: nil,
                lastError: String(describing: error))
            logger.error("backup failed", metadata: ["error": .string(String(reflecting: error))])
        }
        Gauge(label: "geneweb_backup_last_result").record(outcome.lastSucceeded == true ? 1 : 0)
        Counter(label: "geneweb_backups_total", dimensions: [("result", outcome.lastSucceeded == true ? "success" : "failure")]).increment()
        state.withLock { $0.status = outcome }
    }
}
