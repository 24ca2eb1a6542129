import Foundation
import GenewebCore
import GenewebStore
import Hummingbird

/// CRUD for sources, notes and places (and per base), one generic controller for the three.
struct RecordsController<Resource: RecordResource> {
    let records: RecordRepository<Resource.Record>
    let scope: BaseScope

    func addRoutes(to router: Router<AppRequestContext>, catalog: RouteCatalog) {
        let idParameter = "\(Resource.entity)_id"
        for prefix in BaseScope.paths(Resource.path) {
            router.route(.get, prefix, access: .publicRead, in: catalog, use: list)
            router.route(.post, prefix, access: .editor, in: catalog, use: create)
            router.route(.get, "\(prefix)/:\(idParameter)", access: .publicRead, in: catalog, use: show)
            router.route(.put, "\(prefix)/:\(idParameter)", access: .editor, in: catalog) { request, context in
                try await write(request, context: context, complete: true)
            }
            router.route(.patch, "\(prefix)/:\(idParameter)", access: .editor, in: catalog) { request, context in
                try await write(request, context: context, complete: false)
            }
            router.route(.delete, "\(prefix)/:\(idParameter)", access: .editor, in: catalog, use: delete)
        }
    }

    private func canSee(_ record: Resource.Record, context: AppRequestContext) -> Bool {
        Resource.isPublic(record) || (context.role ?? .viewer) >= .editor
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        var parameters = QueryParameters(request)
        let page = PageRequest(&parameters)
        let search = parameters.text(ListFilters.recordText)
        try parameters.validate()
        let base = try await scope.resolve(request, context)
        let (items, total) = try await records.list(base: base.id, search: search, offset: page.offset, limit: page.limit)
        // Hidden records stay counted in `total`: the count says nothing about their content.
        let visible = items.filter { canSee($0.value, context: context) }.map(Resource.payload)
        return try JSONResponse.encode(PageResponse(items: visible, total: total, offset: page.offset, limit: page.limit))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let base = try await scope.resolve(request, context)
        let stored = try await find(context, base: base.id)
        guard canSee(stored.value, context: context) else { throw APIError.notFound("\(Resource.entity.capitalized) not found") }
        return try JSONResponse.encode(Resource.payload(stored))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let base = try await scope.resolve(request, context)
        let object = try await RequestBody.object(from: request, context: context)
        var record = Resource.blank()
        var errors: [FieldError] = []
        Resource.apply(object, to: &record, complete: true, errors: &errors)
        guard errors.isEmpty else { throw APIError.validation(errors) }
        let stored = try await records.insert(record, base: base.id, audit: entry("create", id: record.recordID, base: base.name, context: context))
        var headers = HTTPFields()
        let path = request.uri.path.hasSuffix("/") ? String(request.uri.path.dropLast()) : request.uri.path
        headers[.location] = "\(path)/\(record.recordID.uuidString.lowercased())"
        return try JSONResponse.encode(Resource.payload(stored), status: .created, headers: headers)
    }

    private func write(_ request: Request, context: AppRequestContext, complete: Bool) async throws -> Response {
        let base = try await scope.resolve(request, context)
        let object = try await RequestBody.object(from: request, context: context)
        let stored = try await find(context, base: base.id)
        var record = stored.value
        var errors: [FieldError] = []
        Resource.apply(object, to: &record, complete: complete, errors: &errors)
        guard errors.isEmpty else { throw APIError.validation(errors) }
        let updated = try await records.update(
            record, base: base.id,
            audit: entry(
                complete ? "replace" : "update", id: record.recordID, base: base.name, context: context,
                details: [
                    "fields": object.keys.sorted().joined(separator: ",")
                ]))
        return try JSONResponse.encode(Resource.payload(updated))
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let base = try await scope.resolve(request, context)
        let stored = try await find(context, base: base.id)
        try await records.delete(
            stored.value.recordID, base: base.id,
            audit: entry(
                "delete", id: stored.value.recordID, base: base.name, context: context,
                details: [
                    "label": String(stored.value.label.prefix(200))
                ]))
        return Response(status: .noContent)
    }

    private func find(_ context: AppRequestContext, base: Int) async throws -> Stored<Resource.Record> {
        let raw = try context.parameters.require("\(Resource.entity)_id")
        guard let id = UUID(uuidString: raw), let stored = try await records.find(id, base: base) else {
            throw APIError.notFound("\(Resource.entity.capitalized) not found")
        }
        return stored
    }

    private func entry(_ verb: String, id: UUID, base: String, context: AppRequestContext, details: [String: String] = [:]) -> AuditEntry {
        context.auditEntry("\(Resource.entity).\(verb)", entityType: Resource.entity, entityID: id.uuidString.lowercased(), base: base, details: details)
    }
}
