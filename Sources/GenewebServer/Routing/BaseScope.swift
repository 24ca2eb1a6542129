import Foundation
import GenewebStore
import Hummingbird
import Synchronization

/// The base a request works on: `/api/v1/bases/{base}/...`, or the default base for the same
/// route without the prefix (the activated base, else `GENEWEB_DEFAULT_BASE`, else `default`, else the first).
///
/// Base names, ids and the active base are cached for two seconds per instance: every request
/// resolves its base, and two queries per request would cost more than the request itself. This
/// instance's own base changes clear the cache at once; another instance's show within two seconds.
struct BaseScope: Sendable {
    let bases: BaseRepository
    let defaultBase: String?
    let cache = BaseCache()

    /// Registers `path` under `/api/v1` and `/api/v1/bases/:base`.
    static func paths(_ path: String) -> [String] {
        ["/api/v1\(path)", "/api/v1/bases/:base\(path)"]
    }

    /// Whether a route pattern reads a base (and so takes `?database=` when not under `/bases/{base}`).
    static func isScoped(_ path: String) -> Bool {
        [
            "/persons", "/families", "/sources", "/notes", "/places", "/media", "/genealogy", "/search/persons", "/search/surnames",
            "/search/first_names", "/search/privacy-info", "/import", "/export",
        ].contains { path.hasPrefix("/api/v1\($0)") || path.hasPrefix("/api/v1/bases/:base\($0)") }
    }

    /// The base's id and name; 404 for an unknown base, 422 for a name that is not one.
    /// Without `/bases/{base}` in the path, the Python API's `?database=NAME` also names it.
    func resolve(_ request: Request, _ context: AppRequestContext) async throws -> ResolvedBase {
        let snapshot = try await cache.snapshot { try await load() }
        let requested = context.parameters.get("base") ?? request.uri.queryParameters["database"].map(String.init) ?? snapshot.defaultName
        do {
            _ = try BaseName(requested)
        } catch {
            throw APIError.validation([FieldError(field: "base", message: error.description)])
        }
        guard let id = snapshot.ids[requested] else { throw APIError.notFound("Base \(requested) not found") }
        return ResolvedBase(id: id, name: requested, publicNames: snapshot.publicNames.contains(id))
    }

    private func load() async throws -> BaseCache.Snapshot {
        var ids: [String: Int] = [:]
        for summary in try await bases.summaryIDs() { ids[summary.name] = summary.id }
        return BaseCache.Snapshot(
            ids: ids, defaultName: try await bases.defaultName(configured: defaultBase),
            publicNames: try await bases.basesWithPublicNames(), loadedAt: .now)
    }
}

/// The base a request works on, with its privacy policy.
struct ResolvedBase: Sendable {
    let id: Int
    let name: String
    /// The base lets anonymous callers and viewers see living persons' names (nothing else).
    let publicNames: Bool
}

/// The bases as last read, shared by the requests of this instance.
final class BaseCache: Sendable {
    struct Snapshot: Sendable {
        let ids: [String: Int]
        let defaultName: String
        /// Bases whose policy shows living persons' names.
        let publicNames: Set<Int>
        let loadedAt: ContinuousClock.Instant
    }

    static let lifetime: Duration = .seconds(2)
    private let current = Mutex<Snapshot?>(nil)

    func snapshot(load: () async throws -> Snapshot) async throws -> Snapshot {
        if let cached = current.withLock({ $0 }), ContinuousClock.now - cached.loadedAt < Self.lifetime { return cached }
        let fresh = try await load()
        current.withLock { $0 = fresh }
        return fresh
    }

    /// Forgets the snapshot after this instance changed the bases.
    func invalidate() {
        current.withLock { $0 = nil }
    }
}

/// `ETag` and `If-Match` for optimistic concurrency on persons and families.
enum EntityTag {
    static func header(version: Int) -> HTTPFields {
        var fields = HTTPFields()
        fields[.eTag] = "\"\(version)\""
        return fields
    }

    /// The version an `If-Match` names; nil when absent or `*`. A malformed header is a 400.
    static func expectedVersion(_ request: Request) throws -> Int? {
        guard let raw = request.headers[.ifMatch]?.trimmingCharacters(in: .whitespaces), raw != "*" else { return nil }
        var text = raw
        if text.hasPrefix("W/") { text.removeFirst(2) }
        text = text.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        guard let version = Int(text) else { throw APIError.badRequest("If-Match must be an ETag this server gave, like \"3\"") }
        return version
    }
}
