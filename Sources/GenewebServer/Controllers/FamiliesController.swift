import Foundation
import GenewebCore
import GenewebStore
import Hummingbird

/// `/api/v1/families` (and per base): families link existing persons as parents and ordered
/// children. Reads show members' names, and the family's details, through the privacy policy;
/// writes are checked against the tree (child born before a parent, duplicate filiation, and,
/// inside the write, ancestry loops: someone their own ancestor) and audited.
struct FamiliesController {
    let families: FamilyRepository
    let persons: PersonRepository
    let scope: BaseScope

    func addRoutes(to router: Router<AppRequestContext>, catalog: RouteCatalog) {
        for prefix in BaseScope.paths("/families") {
            router.route(.get, prefix, access: .publicRead, in: catalog, use: list)
            router.route(.post, prefix, access: .editor, in: catalog, use: create)
            router.route(.get, "\(prefix)/:family_id", access: .publicRead, in: catalog, use: show)
            router.route(.put, "\(prefix)/:family_id", access: .editor, in: catalog, use: replace)
            router.route(.patch, "\(prefix)/:family_id", access: .editor, in: catalog, use: patch)
            router.route(.delete, "\(prefix)/:family_id", access: .editor, in: catalog, use: delete)
        }
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let page = try PageRequest(request)
        let base = try await scope.resolve(request, context)
        let (items, total) = try await families.list(base: base.id, offset: page.offset, limit: page.limit)
        let payloads = try await presenter(context, base: base).payloads(items, base: base.id)
        return try JSONResponse.encode(FamilyListPayload(items: payloads, families: payloads, total: total, offset: page.offset, limit: page.limit))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let base = try await scope.resolve(request, context)
        let stored = try await find(context, base: base.id)
        let payload = try await presenter(context, base: base).payloads([stored], base: base.id)[0]
        return try JSONResponse.encode(payload, headers: EntityTag.header(version: stored.version))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let base = try await scope.resolve(request, context)
        let object = try await RequestBody.object(from: request, context: context)
        var family = Family()
        var input = FamilyInput()
        input.apply(object, to: &family)
        try await check(family, input: input, base: base.id)
        let entry = auditEntry("family.create", family: family, base: base.name, context: context)
        let stored: Stored<Family>
        do {
            stored = try await families.insert(family, base: base.id, audit: entry)
        } catch let loop as AncestryLoop {
            throw try await loopError(loop, base: base.id)
        }
        var headers = EntityTag.header(version: stored.version)
        let path = request.uri.path.hasSuffix("/") ? String(request.uri.path.dropLast()) : request.uri.path
        headers[.location] = "\(path)/\(family.id.uuid.uuidString.lowercased())"
        let payload = try await presenter(context, base: base).payloads([stored], base: base.id)[0]
        return try JSONResponse.encode(FamilyWritePayload(family: payload, message: "Family created"), status: .created, headers: headers)
    }

    @Sendable func replace(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await write(request, context: context, complete: true)
    }

    @Sendable func patch(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await write(request, context: context, complete: false)
    }

    private func write(_ request: Request, context: AppRequestContext, complete: Bool) async throws -> Response {
        let base = try await scope.resolve(request, context)
        let expected = try EntityTag.expectedVersion(request)
        let object = try await RequestBody.object(from: request, context: context)
        let stored = try await find(context, base: base.id)
        // A replaced family keeps its media (the media routes attach and detach them).
        var family = complete ? Family(id: stored.value.id, mediaIDs: stored.value.mediaIDs) : stored.value
        var input = FamilyInput()
        input.apply(object, to: &family)
        try await check(family, input: input, base: base.id)
        let entry = auditEntry(
            complete ? "family.replace" : "family.update", family: family, base: base.name, context: context,
            details: [
                "fields": object.keys.sorted().joined(separator: ","), "version_before": String(stored.version),
            ])
        let updated: Stored<Family>
        do {
            updated = try await families.update(family, base: base.id, expectedVersion: expected, audit: entry)
        } catch let loop as AncestryLoop {
            throw try await loopError(loop, base: base.id)
        }
        let payload = try await presenter(context, base: base).payloads([updated], base: base.id)[0]
        return try JSONResponse.encode(FamilyWritePayload(family: payload, message: "Family updated"), headers: EntityTag.header(version: updated.version))
    }

    /// 200 with the Python API's `{success, message, family_id}` (its clients expect a body).
    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let base = try await scope.resolve(request, context)
        let expected = try EntityTag.expectedVersion(request)
        let stored = try await find(context, base: base.id)
        let entry = auditEntry("family.delete", family: stored.value, base: base.name, context: context)
        try await families.delete(stored.value.id.uuid, base: base.id, expectedVersion: expected, audit: entry)
        return try JSONResponse.encode(FamilyDeletedPayload(familyID: stored.value.id.uuid.uuidString.lowercased()))
    }

    // MARK: Checks

    /// Field errors from the input, then the tree's rules: every person exists in this base,
    /// nobody is twice in the family (so nobody is their own parent), no child is born before a
    /// parent, and no child already has a family with exactly these parents.
    private func check(_ family: Family, input: FamilyInput, base: Int) async throws {
        var errors = input.errors
        let found = try await persons.find(Array(Set(input.references.map(\.id))), base: base)
        for reference in input.references where found[reference.id] == nil {
            errors.append(FieldError(field: reference.field, message: "no person \(reference.id.uuidString.lowercased()) in this base"))
        }
        let members = family.parents.map(\.uuid) + family.children.map(\.uuid)
        if Set(members).count != members.count {
            let parents = Set(family.parents.map(\.uuid))
            if let both = family.children.first(where: { parents.contains($0.uuid) }) {
                errors.append(Self.loopError([both.uuid], keys: found.mapValues(\.value.key)))
            } else {
                errors.append(FieldError(field: "children_ids", message: "a person appears twice"))
            }
        }
        if family.parents.count > 2 { errors.append(FieldError(field: "parents", message: "a family has at most two parents")) }
        for (index, child) in family.children.enumerated() {
            guard let childBirth = found[child.uuid].flatMap({ ($0.value.birth ?? $0.value.baptism)?.date?.calendarDate }) else { continue }
            for parent in family.parents {
                guard let stored = found[parent.uuid], let parentBirth = (stored.value.birth ?? stored.value.baptism)?.date?.calendarDate else { continue }
                if childBirth.isCertainlyBefore(parentBirth) {
                    errors.append(FieldError(field: "children_ids.\(index)", message: "is born before the parent \(stored.value.key)"))
                }
            }
        }
        if errors.isEmpty, !family.parents.isEmpty {
            for (index, child) in family.children.enumerated() {
                let duplicates = try await families.familiesWithChild(
                    child.uuid, parents: Set(family.parents.map(\.uuid)), excluding: family.id.uuid, base: base)
                if let other = duplicates.first {
                    errors.append(
                        FieldError(field: "children_ids.\(index)", message: "is already a child of these parents in family \(other.uuidString.lowercased())"))
                }
            }
        }
        guard errors.isEmpty else { throw APIError.validation(errors) }
    }

    /// 422 naming the persons of the loop the family would close, by key and id.
    private func loopError(_ loop: AncestryLoop, base: Int) async throws -> APIError {
        let found = try await persons.find(loop.persons, base: base)
        return APIError.validation([Self.loopError(loop.persons, keys: found.mapValues(\.value.key))])
    }

    /// "would make a person their own ancestor: a (id) is a parent of b (id), who is a parent of a".
    static func loopError(_ loop: [UUID], keys: [UUID: String]) -> FieldError {
        func name(_ id: UUID) -> String { "\(keys[id] ?? "?") (\(id.uuidString.lowercased()))" }
        guard loop.count > 1 else {
            return FieldError(field: "children_ids", message: "would make \(name(loop[0])) their own parent (ancestry loop)")
        }
        let steps = (loop + [loop[0]]).map(name).joined(separator: " → ")
        return FieldError(field: "children_ids", message: "would make persons their own ancestors (ancestry loop, each a parent of the next): \(steps)")
    }

    private func find(_ context: AppRequestContext, base: Int) async throws -> Stored<Family> {
        let raw = try context.parameters.require("family_id")
        guard let id = UUID(uuidString: raw), let stored = try await families.find(id, base: base) else {
            throw APIError.notFound("Family not found")
        }
        return stored
    }

    private func presenter(_ context: AppRequestContext, base: ResolvedBase) -> FamilyPresenter {
        FamilyPresenter(persons: persons, privacy: PrivacyPolicy(role: context.role, base: base))
    }

    private func auditEntry(_ action: String, family: Family, base: String, context: AppRequestContext, details: [String: String] = [:]) -> AuditEntry {
        var details = details
        details["parents"] = family.parents.map { $0.uuid.uuidString.lowercased() }.joined(separator: ",")
        details["children"] = family.children.map { $0.uuid.uuidString.lowercased() }.joined(separator: ",")
        return context.auditEntry(action, entityType: "family", entityID: family.id.uuid.uuidString.lowercased(), base: base, details: details)
    }
}
