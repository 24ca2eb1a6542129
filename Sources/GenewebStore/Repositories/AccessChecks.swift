import Foundation
import Synchronization

/// Answers of the access check (`UserRepository.findForAccess`: the account behind a token and
/// whether the token or its session was revoked) kept in memory while accounts and tokens stay
/// unchanged (`AccountChanges.generation`), so that a signed-in request reads no table.
///
/// Answers are kept under the generation read before their query: a change committed while the
/// query ran moves the generation, and the answer is never used. Every answer goes when the
/// generation moves (any write, a login included), and all of them when `capacity` is reached.
final class AccessChecks: Sendable {
    struct Key: Hashable, Sendable {
        let userID: UUID
        let tokenID: String
        let session: String
    }

    typealias Answer = (user: UserRecord, revoked: Bool)?

    static let capacity = 10_000

    private struct State {
        var generation = Int.min
        var answers: [Key: Answer] = [:]
    }

    private let state = Mutex(State())

    /// The kept answer for `key` under `generation` (the outer optional: whether one is kept).
    func answer(for key: Key, generation: Int) -> Answer? {
        state.withLock { state in
            state.generation == generation ? state.answers[key] : nil
        }
    }

    /// How many answers are kept (tests).
    var count: Int { state.withLock { $0.answers.count } }

    /// Keeps `answer`, read from the database after `generation` was current.
    func keep(_ answer: Answer, for key: Key, generation: Int) {
        state.withLock { state in
            if generation > state.generation {
                state.generation = generation
                state.answers = [:]
            }
            guard generation == state.generation else { return }
            if state.answers.count >= Self.capacity { state.answers = [:] }
            state.answers[key] = answer
        }
    }
}
