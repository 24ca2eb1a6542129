import Foundation
import GenewebStore
import Synchronization

/// Imports started from the administration pages. Each runs in the background, in its own
/// transaction as every import does, while its page follows it: records written out of the
/// total, warnings as the reader finds them, then the report or the reason nothing was written.
///
/// Jobs live in this process's memory: the page that follows one must be served by the server
/// that runs it (one instance, or sticky sessions). The last `kept` jobs are remembered.
final class ImportJobs: Sendable {
    static let kept = 20

    struct Job: Sendable {
        enum State: Sendable {
            case reading
            case writing
            case done(ImportReport)
            case failed(String)
        }

        let id: UUID
        let base: String
        let fileName: String
        let startedBy: String
        let startedAt: Date
        var state: State = .reading
        var progress: ImportProgress?
        var finishedAt: Date?

        var isRunning: Bool {
            switch state {
            case .reading, .writing: true
            case .done, .failed: false
            }
        }
    }

    private let jobs = Mutex<[Job]>([])

    /// A new job, reading its file.
    func start(base: String, fileName: String, startedBy: String) -> UUID {
        let job = Job(id: UUID(), base: base, fileName: fileName, startedBy: startedBy, startedAt: Date())
        jobs.withLock { jobs in
            jobs.append(job)
            // Forget the oldest finished jobs beyond the bound; running ones stay.
            while jobs.count > Self.kept, let index = jobs.firstIndex(where: { !$0.isRunning }) { jobs.remove(at: index) }
        }
        return job.id
    }

    func progress(_ id: UUID, _ progress: ImportProgress) {
        update(id) { job in
            job.state = .writing
            job.progress = progress
        }
    }

    func finish(_ id: UUID, _ state: Job.State) {
        update(id) { job in
            job.state = state
            job.finishedAt = Date()
        }
    }

    func job(_ id: UUID) -> Job? {
        jobs.withLock { jobs in jobs.first { $0.id == id } }
    }

    /// The jobs, newest first.
    var all: [Job] { jobs.withLock { $0.reversed() } }

    private func update(_ id: UUID, _ change: (inout Job) -> Void) {
        jobs.withLock { jobs in
            if let index = jobs.firstIndex(where: { $0.id == id }) { change(&jobs[index]) }
        }
    }
}
