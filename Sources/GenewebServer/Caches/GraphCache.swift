import Foundation
import GenewebCore
import GenewebStore
import HTTPTypes
import Metrics

/// The `GenealogyGraph` of each base, kept in memory at the base's version (raised by every write
/// of persons or families, on any instance). A write this process commits changes the kept graph
/// in place (`BaseChange`, a few milliseconds at most); one made elsewhere (another instance, an
/// import, a merge it cannot follow) leaves the kept graph behind the base's version, and the next
/// request reads the whole base again. The version is known from memory (`BaseVersions`,
/// following other instances through PostgreSQL notifications); building is
/// done once per version however many requests ask at the same time (`OncePerVersion`: the
/// others await it).
final class GraphCache: Sendable {
    struct Entry: Sendable {
        let version: Int
        let graph: GenealogyGraph
        let buildSeconds: Double
        /// Writes applied in place since the build.
        var updates = 0
    }

    let repository: GraphRepository
    private let builds: OncePerVersion<Int, Int, Entry>

    /// `wait`: how long a request waits for a build before it is told to come back (503).
    init(repository: GraphRepository, wait: Duration = .seconds(120), clock: any Clock<Duration> = ContinuousClock()) {
        self.repository = repository
        builds = OncePerVersion(wait: wait, clock: clock)
        repository.database.changes.listen { [weak self] change in self?.apply(change) }
    }

    /// Applies a committed write to the kept graph if it holds the version the write started
    /// from; otherwise leaves it (the next request sees the version moved and builds).
    func apply(_ change: BaseChange) {
        // A write that did not record its edits (an import): the next request reads the base.
        guard let edits = change.graphEdits else { return }
        let start = ContinuousClock.now
        let applied = builds.advance(change.base, from: change.from, to: change.to) { entry in
            // A build that read the base after a later write (its version is newer than the one
            // it was asked for) already holds this write: leave it, the next request rebuilds.
            guard entry.version == change.from else { return nil }
            var updated = Entry(version: change.to, graph: entry.graph.applying(edits), buildSeconds: entry.buildSeconds)
            updated.updates = entry.updates + 1
            return updated
        }
        guard applied else { return }
        Counter(label: "geneweb_graph_cache_total", dimensions: [("result", "update")]).increment()
        Metrics.Timer(label: "geneweb_graph_update_seconds").recordSeconds(Self.seconds(ContinuousClock.now - start))
    }

    private static func seconds(_ elapsed: Duration) -> Double {
        Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// The base's version now (in memory while the database follows the versions).
    func currentVersion(of base: Int) async throws -> Int {
        try await repository.version(of: base)
    }

    func graph(for base: Int) async throws -> GenealogyGraph {
        try await entry(for: base).graph
    }

    /// The graph with the base version it was read at, for caches of results computed on it.
    func entry(for base: Int) async throws -> Entry {
        let version = try await repository.version(of: base)
        if let kept = builds.kept(for: base, version: version) {
            Counter(label: "geneweb_graph_cache_total", dimensions: [("result", "hit")]).increment()
            return kept
        }
        let repository = self.repository
        let entry = try await builds.value(for: base, version: version) {
            Counter(label: "geneweb_graph_cache_total", dimensions: [("result", "build")]).increment()
            let start = ContinuousClock.now
            let (loadedVersion, graph) = try await repository.load(base: base)
            let seconds = Self.seconds(ContinuousClock.now - start)
            Metrics.Timer(label: "geneweb_graph_build_seconds").recordSeconds(seconds)
            Self.returnFreedMemory()
            return Entry(version: loadedVersion, graph: graph, buildSeconds: seconds)
        }
        guard let entry else {
            var headers = HTTPFields()
            headers[.retryAfter] = "10"
            throw APIError(
                .serviceUnavailable, detail: "The family tree of this base is being read into memory; try again in a moment", headers: headers,
                retryAfter: 10)
        }
        return entry
    }

    /// Drops the base's graph; the next request builds it again.
    func forget(base: Int) {
        builds.forget { $0 == base }
        Self.returnFreedMemory()
    }

    /// Loading a large graph goes through a few hundred megabytes of temporary text and arrays;
    /// glibc keeps freed memory for reuse, so the process would stay that large. Hand it back.
    static func returnFreedMemory() {
        #if os(Linux)
            _ = glibcMallocTrim(0)
        #endif
    }

    /// Size and build time of each cached graph, for `/health/detailed`.
    var summary: [Int: (persons: Int, bytes: Int, buildSeconds: Double)] {
        builds.keptValues.mapValues { ($0.graph.personCount, $0.graph.approximateBytes, $0.buildSeconds) }
    }
}

#if os(Linux)
    /// glibc's `malloc_trim` (declared in `malloc.h`, which Swift's Glibc module does not export).
    @_silgen_name("malloc_trim")
    private func glibcMallocTrim(_ pad: Int) -> Int32
#endif
