import Foundation

/// Encoded answers of whole-base computations (statistics, name-index pages), kept while the
/// base's version and the day stay the same: each is a scan of the whole base, and the base
/// changes far less often than it is looked at. A query says who asked (the privacy view) and
/// with which parameters. Computed once per version and day (`OncePerVersion`: callers at the
/// same time await one computation, and one who cannot wait `wait` long is told to come back).
struct ResponseCache: Sendable {
    /// What an answer was computed at: the base's version, and the day (ages and the living
    /// rule move with it).
    struct Stamp: Equatable, Sendable {
        let version: Int
        let day: Int
    }

    struct Key: Hashable, Sendable {
        let base: Int
        let query: String
    }

    private let answers: OncePerVersion<Key, Stamp, Data>

    init(wait: Duration = .seconds(10), clock: any Clock<Duration> = ContinuousClock()) {
        answers = OncePerVersion(wait: wait, clock: clock)
    }

    /// The kept answer for `key` of `base` at this version and day, else the answer of `compute`
    /// if it comes within `wait`, else nil (it is still computing).
    func answer(for key: String, base: Int, version: Int, day: Int, compute: @escaping @Sendable () async throws -> Data) async throws -> Data? {
        try await answers.value(for: Key(base: base, query: key), version: Stamp(version: version, day: day), compute: compute)
    }

    /// The kept answer, if any; never computes.
    func body(for key: String, base: Int, version: Int, day: Int) -> Data? {
        answers.kept(for: Key(base: base, query: key), version: Stamp(version: version, day: day))
    }

    /// Drops every answer about the base.
    func forget(base: Int) {
        answers.forget { $0.base == base }
    }
}
