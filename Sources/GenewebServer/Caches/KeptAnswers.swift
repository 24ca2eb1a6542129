import Foundation
import Hummingbird
import Synchronization

/// Encoded answers kept while the base's version and the day stay the same: persons are read
/// far more often than a base changes. A kept answer skips reading the records, the privacy
/// decision and the encoding or rendering.
///
/// Whoever keeps an answer names in its key everything of the caller that the answer depends
/// on. Answers are kept under the version read before the records were: a write committed
/// meanwhile leaves them under an old version, unused. The memory is bounded (`byteBudget`):
/// when it is full everything goes and filling starts again.
final class KeptAnswers<Key: KeptAnswerKey>: Sendable {
    struct Stamp: Equatable, Sendable {
        let version: Int
        /// The day (Julian day number): the living rule and ages move with it.
        let day: Int
    }

    struct Answer: Sendable {
        let stamp: Stamp
        let body: ByteBuffer
        /// The record's version, for `ETag` (JSON answers showing a record in full).
        let entityVersion: Int?
    }

    let byteBudget: Int

    private struct State {
        var answers: [Key: Answer] = [:]
        var bytes = 0
    }

    private let state = Mutex(State())

    init(byteBudget: Int) {
        self.byteBudget = byteBudget
    }

    /// The kept answer for `key` at `stamp`.
    func answer(for key: Key, at stamp: Stamp) -> Answer? {
        state.withLock { state in
            guard let answer = state.answers[key], answer.stamp == stamp else { return nil }
            return answer
        }
    }

    func keep(_ answer: Answer, for key: Key) {
        state.withLock { state in
            let size = key.bytes + answer.body.readableBytes
            if let old = state.answers[key] {
                // An answer of a newer version stays.
                guard old.stamp.version <= answer.stamp.version else { return }
                state.bytes -= key.bytes + old.body.readableBytes
            }
            if state.bytes + size > byteBudget {
                state.answers = [:]
                state.bytes = 0
            }
            state.answers[key] = answer
            state.bytes += size
        }
    }

    /// Drops every answer about the base.
    func forget(base: Int) {
        state.withLock { state in
            state.answers = state.answers.filter { $0.key.base != base }
            state.bytes = state.answers.reduce(0) { $0 + $1.key.bytes + $1.value.body.readableBytes }
        }
    }

    /// How many answers are kept (tests).
    var count: Int { state.withLock { $0.answers.count } }
}

protocol KeptAnswerKey: Hashable, Sendable {
    var base: Int { get }
    /// About how much memory the key holds, counted in the budget with the answer (a page's
    /// address and query come from the request).
    var bytes: Int { get }
}

/// `GET /persons/{id}`: besides the person, an answer depends on whether the caller sees
/// everyone (editors and admins) and whether the base shows living persons' names.
struct PersonAnswerKey: KeptAnswerKey {
    let base: Int
    let person: UUID
    let seesEverything: Bool
    let publicNames: Bool

    var bytes: Int { 32 }
}

/// A site page as anonymous readers get it: the path and query (the page and the language
/// links) and the language it is in. Signed-in readers' pages carry their name and a form
/// token, and are never kept.
struct AnonymousPageKey: KeptAnswerKey {
    let base: Int
    let path: String
    let query: String
    let language: String
    /// The base shows living persons' names.
    let publicNames: Bool

    var bytes: Int { 48 + path.utf8.count + query.utf8.count }
}

/// A genealogy route's answer about persons (ancestors, descendants, trees, Sosa, relationship,
/// consanguinity, implex): the path and query say what was asked, and the privacy of the
/// persons shown depends on the caller as a person's answer does.
struct GenealogyAnswerKey: KeptAnswerKey {
    let base: Int
    let path: String
    let query: String
    let seesEverything: Bool
    let publicNames: Bool

    var bytes: Int { 48 + path.utf8.count + query.utf8.count }
}

typealias PersonAnswerCache = KeptAnswers<PersonAnswerKey>
typealias GenealogyAnswerCache = KeptAnswers<GenealogyAnswerKey>
typealias AnonymousPageCache = KeptAnswers<AnonymousPageKey>

extension KeptAnswers.Answer {
    /// A JSON answer as `GET /persons/{id}` gives it.
    var jsonResponse: Response {
        var headers = entityVersion.map { EntityTag.header(version: $0) } ?? HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }
}
