import Foundation
import GenewebStore
import Hummingbird

/// `/api/v1/database/*`: the Python API's base management ("databases" there, bases here).
/// Reads need a signed-in account (as there); changes need an admin and are audited.
struct DatabaseController {
    let bases: BaseRepository
    let database: Database
    let migrations: MigrationRunner
    let audit: AuditRepository
    let configuredDefault: String?
    /// Cleared after each change of the bases, so this instance sees it at once.
    let cache: BaseCache
    /// What this process keeps about each base; a reload drops the active base's.
    let caches: BaseCaches

    func addRoutes(to router: Router<AppRequestContext>, catalog: RouteCatalog) {
        let prefix = "/api/v1/database"
        router.route(.get, "\(prefix)/stats", access: .signedIn, in: catalog, use: stats)
        router.route(.get, "\(prefix)/health", access: .signedIn, in: catalog, use: health)
        router.route(.get, "\(prefix)/info", access: .signedIn, in: catalog, use: info)
        router.route(.post, "\(prefix)/reload", access: .admin, in: catalog, use: reload)
        router.route(.post, "\(prefix)/commit", access: .admin, in: catalog, use: commit)
        router.route(.get, "\(prefix)/databases", access: .signedIn, in: catalog, use: list)
        router.route(.post, "\(prefix)/databases", access: .admin, in: catalog, use: create)
        router.route(.get, "\(prefix)/databases/active", access: .signedIn, in: catalog, use: active)
        router.route(.post, "\(prefix)/databases/:name/activate", access: .admin, in: catalog, use: activate)
        router.route(.put, "\(prefix)/databases/:name/rename", access: .admin, in: catalog, use: rename)
        router.route(.delete, "\(prefix)/databases/:name", access: .admin, in: catalog, use: delete)
        router.route(.patch, "\(prefix)/databases/:name", access: .admin, in: catalog, use: setPolicy)
    }

    private func infos() async throws -> (infos: [BaseInfoPayload], active: String) {
        let activeName = try await bases.defaultName(configured: configuredDefault)
        let publicNames = try await bases.basesWithPublicNames()
        let ids = Dictionary(try await bases.summaryIDs().map { ($0.name, $0.id) }) { first, _ in first }
        let infos = try await bases.summaries().map { summary in
            BaseInfoPayload(
                name: summary.name, title: summary.title, path: "\(database.location)#\(summary.name)",
                active: summary.name == activeName, personCount: summary.persons, familyCount: summary.families,
                livingNames: ids[summary.name].map(publicNames.contains) == true ? "public" : "hidden")
        }
        return (infos, activeName)
    }

    private func currentStats() async throws -> BaseStatsPayload {
        let (infos, activeName) = try await infos()
        guard let info = infos.first(where: { $0.name == activeName }) else { throw APIError.notFound("No active base") }
        let shapes = try await bases.familyShapes(of: try BaseName(activeName))
        return BaseStatsPayload(
            name: info.name, dbPath: info.path, personCount: info.personCount, familyCount: info.familyCount,
            unionCount: info.familyCount, coupleCount: shapes.couples, descendCount: shapes.withChildren)
    }

    @Sendable func stats(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSONResponse.encode(try await currentStats())
    }

    @Sendable func health(_ request: Request, context: AppRequestContext) async throws -> Response {
        let latency = try await database.ping()
        let stats = try await currentStats()
        return try JSONResponse.encode(
            BaseHealthPayload(status: "healthy", message: "\(database.engine.rawValue) answered in \(latency.milliseconds) ms", stats: stats))
    }

    @Sendable func info(_ request: Request, context: AppRequestContext) async throws -> Response {
        let stats = try await currentStats()
        let status = try await migrations.status()
        return try JSONResponse.encode([
            "name": stats.name, "engine": database.engine.rawValue, "storage": database.location.description,
            "schema_version": String(status.currentVersion), "person_count": String(stats.personCount),
            "family_count": String(stats.familyCount), "read_only": "false", "pending_patches": "0",
        ])
    }

    /// Checks the storage answers, then drops what this process keeps in memory about the active
    /// base (its genealogy graph, consanguinity, statistics and name-index pages) and the base
    /// names: the next requests read them again from the database. Every cache already follows
    /// the base's version, so a reload gives memory back rather than fresher data; other
    /// instances keep theirs.
    @Sendable func reload(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try await database.ping()
        let active = try await bases.defaultName(configured: configuredDefault)
        if let id = try await bases.id(of: try BaseName(active)) { caches.forget(base: id) }
        try await record("base.reload", name: active, context: context)
        return try JSONResponse.encode(["status": "reloaded", "message": "Storage reachable; this instance's caches of base \(active) dropped"])
    }

    /// Every write is committed by the request that makes it; there are never pending patches.
    @Sendable func commit(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSONResponse.encode(["status": "committed", "message": "Nothing pending: every write is committed when it is made", "pending_patches": "0"])
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (infos, active) = try await infos()
        return try JSONResponse.encode(BaseListPayload(databases: infos, activeDatabase: active))
    }

    @Sendable func active(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (infos, active) = try await infos()
        guard let info = infos.first(where: { $0.name == active }) else { throw APIError.notFound("No active base") }
        return try JSONResponse.encode(info)
    }

    struct CreateRequest: Decodable {
        let name: String
        let title: String?
        let setActive: Bool?
        enum CodingKeys: String, CodingKey {
            case name, title
            case setActive = "set_active"
        }
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await RequestBody.json(CreateRequest.self, from: request, context: context)
        let name = try Self.baseName(body.name, field: "name")
        guard try await bases.create(name, title: body.title ?? name.rawValue) else {
            throw APIError.conflict("A base named \(name) exists")
        }
        if body.setActive == true { try await bases.activate(name) }
        try await record("base.create", name: name.rawValue, context: context)
        let info = try await infos().infos.first { $0.name == name.rawValue }
        var headers = HTTPFields()
        headers[.location] = "/api/v1/bases/\(name.rawValue)/persons"
        return try JSONResponse.encode(BaseCreatedPayload(message: "Base \(name) created", database: info), status: .created, headers: headers)
    }

    @Sendable func activate(_ request: Request, context: AppRequestContext) async throws -> Response {
        let name = try Self.baseName(try context.parameters.require("name"), field: "name")
        guard try await bases.id(of: name) != nil else { throw APIError.notFound("Base \(name) not found") }
        try await bases.activate(name)
        try await record("base.activate", name: name.rawValue, context: context)
        return try JSONResponse.encode(BaseActivatedPayload(message: "Base \(name) is now active", activeDatabase: name.rawValue))
    }

    struct RenameRequest: Decodable {
        let newName: String
        enum CodingKeys: String, CodingKey { case newName = "new_name" }
    }

    @Sendable func rename(_ request: Request, context: AppRequestContext) async throws -> Response {
        let old = try Self.baseName(try context.parameters.require("name"), field: "name")
        let body = try await RequestBody.json(RenameRequest.self, from: request, context: context)
        let new = try Self.baseName(body.newName, field: "new_name")
        guard try await bases.id(of: old) != nil else { throw APIError.notFound("Base \(old) not found") }
        guard try await bases.rename(old, to: new) else { throw APIError.conflict("A base named \(new) exists") }
        try await record("base.rename", name: new.rawValue, context: context, details: ["old_name": old.rawValue])
        let info = try await infos().infos.first { $0.name == new.rawValue }
        return try JSONResponse.encode(
            BaseRenamedPayload(message: "Base \(old) renamed to \(new)", oldName: old.rawValue, newName: new.rawValue, database: info))
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let name = try Self.baseName(try context.parameters.require("name"), field: "name")
        guard try await bases.id(of: name) != nil else { throw APIError.notFound("Base \(name) not found") }
        guard try await bases.defaultName(configured: configuredDefault) != name.rawValue else {
            throw APIError.conflict("Base \(name) is the active base; activate another one first")
        }
        _ = try await bases.delete(name)
        try await record("base.delete", name: name.rawValue, context: context)
        // Its rows are gone with it: there are no separate files to keep or delete.
        return try JSONResponse.encode(BaseDeletedPayload(message: "Base \(name) and everything in it deleted", deletedFiles: true))
    }

    struct PolicyRequest: Decodable {
        let livingNames: String
        enum CodingKeys: String, CodingKey { case livingNames = "living_names" }
    }

    /// `PATCH /databases/{name}` `{"living_names": "public" | "hidden"}`: whether anonymous callers
    /// and viewers see the names (and nothing else) of the base's living persons.
    @Sendable func setPolicy(_ request: Request, context: AppRequestContext) async throws -> Response {
        let name = try Self.baseName(try context.parameters.require("name"), field: "name")
        let body = try await RequestBody.json(PolicyRequest.self, from: request, context: context)
        guard ["public", "hidden"].contains(body.livingNames) else {
            throw APIError.validation([FieldError(field: "living_names", message: "must be public or hidden")])
        }
        guard try await bases.setPublicNames(name, body.livingNames == "public") else { throw APIError.notFound("Base \(name) not found") }
        try await record("base.policy", name: name.rawValue, context: context, details: ["living_names": body.livingNames])
        guard let info = try await infos().infos.first(where: { $0.name == name.rawValue }) else { throw APIError.notFound("Base \(name) not found") }
        return try JSONResponse.encode(info)
    }

    static func baseName(_ raw: String, field: String) throws -> BaseName {
        do {
            return try BaseName(raw)
        } catch {
            throw APIError.validation([FieldError(field: field, message: error.description)])
        }
    }

    private func record(_ action: String, name: String, context: AppRequestContext, details: [String: String] = [:]) async throws {
        cache.invalidate()
        try await audit.record(context.auditEntry(action, entityType: "base", entityID: name, base: name, details: details))
    }
}
