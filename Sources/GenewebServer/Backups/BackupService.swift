import Logging
import ServiceLifecycle

/// Scheduled backups while the server runs (`GENEWEB_BACKUP_INTERVAL`): the first one an interval
/// after start, then one every interval; a backup already running (started by an admin) skips
/// that turn.
struct BackupService: Service, CustomStringConvertible {
    let runner: BackupRunner
    let interval: Duration

    var description: String { "BackupService" }

    func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
            if runner.startIfIdle() { await runner.run(scheduled: true) }
        }
    }
}
