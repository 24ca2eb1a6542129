import Foundation
import GenewebStore

/// `GET /api/v1/backups`.
struct BackupListPayload: Encodable {
    let directory: String
    let status: BackupStatusPayload
    let archives: [BackupArchivePayload]
}

/// One archive of the backup folder.
struct BackupArchivePayload: Encodable {
    let name: String
    let bytes: Int64
    let createdAt: String
    let download: String

    init(_ entry: BackupFolder.Entry) {
        name = entry.name
        bytes = entry.bytes
        createdAt = entry.modified.formatted(.iso8601)
        download = "/api/v1/backups/\(entry.name)"
    }
}

/// How the last backup went (also in `/health/detailed`).
struct BackupStatusPayload: Encodable {
    let running: Bool
    let lastFinishedAt: String?
    let lastResult: String?
    let lastArchive: String?
    let lastBytes: Int64?
    let lastError: String?
    let keep: Int

    init(_ status: BackupRunner.Status, keep: Int) {
        running = status.running
        lastFinishedAt = status.lastFinishedAt?.formatted(.iso8601)
        lastResult = status.lastSucceeded.map { $0 ? "success" : "failure" }
        lastArchive = status.lastArchive
        lastBytes = status.lastBytes
        lastError = status.lastError
        self.keep = keep
    }
}
