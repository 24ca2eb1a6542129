import Foundation
import Hummingbird
import Synchronization

/// Encoded answers of `GET /persons/{id}`, kept while the base's version and the day stay the
/// same: a person is read far more often than the base changes, and an answer kept skips the
/// read of the person and of what their families say about their age, the privacy decision and
/// the JSON encoding (three quarters of such a request's time in `perf`).
///
/// An answer depends on the person and their families (any write moves the base's version,
/// `BaseVersions`, in memory), on the day (the living rule), and on who asks: whether the caller
/// sees everyone (editors and admins) and whether the base shows living persons' names. Those
/// make the key; nothing else of the caller goes into an answer. Answers are kept under the
/// version read before the person was: a write committed meanwhile makes them unused. The
/// memory is bounded (`byteBudget`); when it is full everything goes and filling starts again.
final class PersonAnswerCache: Sendable {
    struct Key: Hashable, Sendable {
        let base: Int
        let person: UUID
        let seesEverything: Bool
        let publicNames: Bool
    }

    struct Stamp: Equatable, Sendable {
        let version: Int
        let day: Int
    }

    struct Answer: Sendable {
        let stamp: Stamp
        let body: ByteBuffer
        /// The person's version, for `ETag` (absent when the caller sees a restricted person).
        let entityVersion: Int?

        var response: Response {
            var headers = entityVersion.map { EntityTag.header(version: $0) } ?? HTTPFields()
            headers[.contentType] = "application/json; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
        }
    }

    static let byteBudget = 32 << 20

    private struct State {
        var answers: [Key: Answer] = [:]
        var bytes = 0
    }

    private let state = Mutex(State())

    /// The kept answer for `key` at `stamp`.
    func answer(for key: Key, at stamp: Stamp) -> Answer? {
        state.withLock { state in
            guard let answer = state.answers[key], answer.stamp == stamp else { return nil }
            return answer
        }
    }

    func keep(_ answer: Answer, for key: Key) {
        state.withLock { state in
            if let old = state.answers[key] {
                // An answer of an older version or day may be replaced, a newer one is kept.
                guard old.stamp.version <= answer.stamp.version && old.stamp.day <= answer.stamp.day else { return }
                state.bytes -= old.body.readableBytes
            }
            if state.bytes + answer.body.readableBytes > Self.byteBudget {
                state.answers = [:]
                state.bytes = 0
            }
            state.answers[key] = answer
            state.bytes += answer.body.readableBytes
        }
    }

    /// Drops every answer about the base.
    func forget(base: Int) {
        state.withLock { state in
            state.answers = state.answers.filter { $0.key.base != base }
            state.bytes = state.answers.values.reduce(0) { $0 + $1.body.readableBytes }
        }
    }

    /// How many answers are kept (tests).
    var count: Int { state.withLock { $0.answers.count } }
}
