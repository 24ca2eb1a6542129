import Foundation
import GenewebCore
import GenewebStore
import Hummingbird

/// `/api/v1/persons` (and `/api/v1/bases/{base}/persons`): GeneWeb persons, with privacy for the
/// living, ETags, audited writes.
struct PersonsController {
    let persons: PersonRepository
    let families: FamilyRepository
    let scope: BaseScope
    /// The bases' versions (in memory), which `answers` are kept under.
    let versions: GraphRepository
    let answers: PersonAnswerCache

    func addRoutes(to router: Router<AppRequestContext>, catalog: RouteCatalog) {
        for prefix in BaseScope.paths("/persons") {
            router.route(.get, prefix, access: .publicRead, in: catalog, use: list)
            router.route(.post, prefix, access: .editor, in: catalog, use: create)
            router.route(.get, "\(prefix)/by-key/:key", access: .publicRead, in: catalog, use: showByKey)
            router.route(.get, "\(prefix)/:person_id", access: .publicRead, in: catalog, use: show)
            router.route(.put, "\(prefix)/:person_id", access: .editor, in: catalog, use: replace)
            router.route(.patch, "\(prefix)/:person_id", access: .editor, in: catalog, use: patch)
            router.route(.delete, "\(prefix)/:person_id", access: .editor, in: catalog, use: delete)
            router.route(.get, "\(prefix)/:person_id/families", access: .publicRead, in: catalog, use: familiesOf)
            router.route(.get, "\(prefix)/:person_id/events", access: .publicRead, in: catalog, use: events)
        }
    }

    // MARK: Reads

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        var parameters = QueryParameters(request)
        let page = PageRequest(&parameters)
        let filter = PersonListQuery.filter(&parameters)
        try parameters.validate()
        let base = try await scope.resolve(request, context)
        let (items, total) = try await persons.list(base: base.id, filter: filter, offset: page.offset, limit: page.limit)
        let visible = try await visibleAll(items, base: base, context: context)
        return try JSONResponse.encode(PageResponse(items: visible, total: total, offset: page.offset, limit: page.limit))
    }

    /// Answered from `answers` when the base and the day are still those of a kept answer for
    /// the same kind of caller; otherwise read, decided and encoded, and kept.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let base = try await scope.resolve(request, context)
        let policy = privacy(context, base: base)
        guard let id = UUID(uuidString: try context.parameters.require("person_id")) else { throw APIError.notFound("Person not found") }
        let stamp = try await stamp(base: base, policy: policy)
        let key = Self.answerKey(id, base: base, policy: policy)
        if let kept = answers.answer(for: key, at: stamp) { return kept.jsonResponse }
        guard let stored = try await persons.find(id, base: base.id) else { throw APIError.notFound("Person not found") }
        return try await answer(stored, policy: policy, key: key, stamp: stamp)
    }

    /// As `show`, once the key has given the person.
    @Sendable func showByKey(_ request: Request, context: AppRequestContext) async throws -> Response {
        let base = try await scope.resolve(request, context)
        let policy = privacy(context, base: base)
        let stamp = try await stamp(base: base, policy: policy)
        let key = try context.parameters.require("key")
        guard let stored = try await persons.find(key: key.removingPercentEncoding ?? key, base: base.id) else {
            throw APIError.notFound("No person with key \(key)")
        }
        let answerKey = Self.answerKey(stored.value.id.uuid, base: base, policy: policy)
        if let kept = answers.answer(for: answerKey, at: stamp) { return kept.jsonResponse }
        return try await answer(stored, policy: policy, key: answerKey, stamp: stamp)
    }

    @Sendable func familiesOf(_ request: Request, context: AppRequestContext) async throws -> Response {
        let base = try await scope.resolve(request, context)
        let person = try await find(context, base: base.id)
        guard try await visible(person, base: base, context: context) != nil else { throw APIError.notFound("Person not found") }
        let found = try await families.families(of: person.value.id.uuid, base: base.id)
        let presenter = FamilyPresenter(persons: persons, privacy: privacy(context, base: base))
        let items = try await presenter.payloads(found, base: base.id)
        return try JSONResponse.encode(PageResponse(items: items, total: items.count, offset: 0, limit: max(items.count, 1)))
    }

    @Sendable func events(_ request: Request, context: AppRequestContext) async throws -> Response {
        let base = try await scope.resolve(request, context)
        let person = try await find(context, base: base.id)
        guard case .full = try await visible(person, base: base, context: context) else { throw APIError.notFound("Person not found") }
        let items = person.value.events.map(EventPayload.init)
        return try JSONResponse.encode(PageResponse(items: items, total: items.count, offset: 0, limit: max(items.count, 1)))
    }

    // MARK: Writes

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let base = try await scope.resolve(request, context)
        let object = try await RequestBody.object(from: request, context: context)
        var person = Person(firstName: "", surname: "")
        var input = PersonInput()
        input.apply(object, to: &person, complete: true)
        input.checkConsistency(of: person)
        guard input.errors.isEmpty else { throw APIError.validation(input.errors) }
        let entry = auditEntry("person.create", person: person, base: base.name, context: context, details: ["key": person.key])
        let stored = try await persons.insert(person, base: base.id, occurrence: Self.occurrenceChoice(object), audit: entry)
        var headers = EntityTag.header(version: stored.version)
        headers[.location] =
            "\(request.uri.path.hasSuffix("/") ? String(request.uri.path.dropLast()) : request.uri.path)/\(person.id.uuid.uuidString.lowercased())"
        return try JSONResponse.encode(PersonPayload(stored, isLiving: LivingRule().isLiving(person)), status: .created, headers: headers)
    }

    /// A body that names no occurrence number lets the store pick the smallest free one for the
    /// name, atomically (namesakes created or renamed at the same time get distinct numbers);
    /// one that names it asks for exactly that key (409 when taken).
    static func occurrenceChoice(_ object: [String: Any]) -> PersonRepository.OccurrenceChoice {
        object["occurrence"] == nil ? .smallestFree : .asGiven
    }

    /// PUT replaces the person. A body without any name is the Python API's `PersonUpdate`
    /// (every field optional) and is applied like a PATCH, so its clients keep working.
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
        let complete = complete && ["first_name", "surname", "last_name"].contains { object[$0] != nil }
        // PUT replaces: start from a blank person with the same identity and the same media
        // (attached and detached by the media routes, which the body cannot name).
        var person =
            complete
            ? Person(id: stored.value.id, firstName: "", surname: "", occurrence: stored.value.occurrence, mediaIDs: stored.value.mediaIDs)
            : stored.value
        var input = PersonInput()
        input.apply(object, to: &person, complete: complete)
        input.checkConsistency(of: person)
        guard input.errors.isEmpty else { throw APIError.validation(input.errors) }
        let changed = object.keys.filter { !PersonInput.readOnly.contains($0) }.sorted()
        let entry = auditEntry(
            complete ? "person.replace" : "person.update", person: person, base: base.name, context: context,
            details: [
                "fields": changed.joined(separator: ","), "version_before": String(stored.version),
            ])
        let updated = try await persons.update(person, base: base.id, expectedVersion: expected, occurrence: Self.occurrenceChoice(object), audit: entry)
        let evidence = try await persons.livingEvidence(for: [person.id.uuid])[person.id.uuid] ?? LivingEvidence()
        return try JSONResponse.encode(
            PersonPayload(updated, isLiving: LivingRule().isLiving(updated.value, evidence: evidence)),
            headers: EntityTag.header(version: updated.version))
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let base = try await scope.resolve(request, context)
        let expected = try EntityTag.expectedVersion(request)
        let stored = try await find(context, base: base.id)
        var parameters = QueryParameters(request)
        let cascade = parameters.choice(ListFilters.cascade)
        try parameters.validate()
        let entry = auditEntry(
            "person.delete", person: stored.value, base: base.name, context: context,
            details: [
                "key": stored.value.key, "cascade": cascade ?? "none",
            ])
        try await persons.delete(stored.value.id.uuid, base: base.id, expectedVersion: expected, unlink: cascade == "unlink", audit: entry)
        return Response(status: .noContent)
    }

    // MARK: Helpers

    private func find(_ context: AppRequestContext, base: Int) async throws -> Stored<Person> {
        let raw = try context.parameters.require("person_id")
        guard let id = UUID(uuidString: raw) else { throw APIError.notFound("Person not found") }
        guard let stored = try await persons.find(id, base: base) else { throw APIError.notFound("Person not found") }
        return stored
    }

    private func privacy(_ context: AppRequestContext, base: ResolvedBase) -> PrivacyPolicy {
        PrivacyPolicy(role: context.role, base: base)
    }

    private func visible(_ stored: Stored<Person>, base: ResolvedBase, context: AppRequestContext) async throws -> VisiblePerson? {
        try await visibleAll([stored], base: base, context: context).first
    }

    private func visibleAll(_ items: [Stored<Person>], base: ResolvedBase, context: AppRequestContext) async throws -> [VisiblePerson] {
        try await privacy(context, base: base).present(items, persons: persons)
    }

    /// What a kept answer is kept under: the base's version, read before the person (a write
    /// committed meanwhile leaves the answer under an old version), and the day.
    private func stamp(base: ResolvedBase, policy: PrivacyPolicy) async throws -> PersonAnswerCache.Stamp {
        PersonAnswerCache.Stamp(version: try await versions.version(of: base.id), day: policy.rule.today)
    }

    private static func answerKey(_ id: UUID, base: ResolvedBase, policy: PrivacyPolicy) -> PersonAnswerKey {
        PersonAnswerKey(base: base.id, person: id, seesEverything: policy.seesEverything, publicNames: base.publicNames)
    }

    /// The person as the caller may see them (404 when not at all), with the ETag when in full;
    /// kept in `answers`.
    private func answer(_ stored: Stored<Person>, policy: PrivacyPolicy, key: PersonAnswerKey, stamp: PersonAnswerCache.Stamp) async throws
        -> Response
    {
        guard let visible = try await policy.present([stored], persons: persons).first else { throw APIError.notFound("Person not found") }
        let entityVersion: Int? = if case .full = visible { stored.version } else { nil }
        let answer = PersonAnswerCache.Answer(stamp: stamp, body: ByteBuffer(bytes: try JSONResponse.encoder.encode(visible)), entityVersion: entityVersion)
        answers.keep(answer, for: key)
        return answer.jsonResponse
    }

    private func auditEntry(_ action: String, person: Person, base: String, context: AppRequestContext, details: [String: String]) -> AuditEntry {
        context.auditEntry(action, entityType: "person", entityID: person.id.uuid.uuidString.lowercased(), base: base, details: details)
    }
}
