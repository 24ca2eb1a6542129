import Foundation
import GenewebCore
import GenewebStore
import Hummingbird

/// `/api/v1/search/*` (and per base): person search, GeneWeb's surname and first-name indexes,
/// and the privacy rules explained. Persons the caller may not see are never results and never
/// counted, so neither a result nor a total reveals a living person.
struct SearchController {
    let search: SearchRepository
    let names: NameIndexRepository
    let persons: PersonRepository
    let scope: BaseScope
    /// Base versions, to keep name-index pages until the base changes.
    let versions: GraphRepository
    /// Name-index pages: each counts every visible person of the base.
    let indexPages: ResponseCache

    func addRoutes(to router: Router<AppRequestContext>, catalog: RouteCatalog) {
        for prefix in BaseScope.paths("/search") {
            router.route(.get, "\(prefix)/persons", access: .publicRead, in: catalog, use: searchPersons)
            router.route(.get, "\(prefix)/surnames", access: .publicRead, in: catalog, use: surnames)
            router.route(.get, "\(prefix)/first_names", access: .publicRead, in: catalog, use: firstNames)
            router.route(.get, "\(prefix)/privacy-info", access: .open, in: catalog, use: privacyInfo)
        }
    }

    @Sendable func searchPersons(_ request: Request, context: AppRequestContext) async throws -> Response {
        var parameters = QueryParameters(request)
        let criteria = SearchQuery.criteria(&parameters)
        let wantsLiving = parameters.boolean(SearchQuery.includeLiving) ?? false
        let page = PageRequest(&parameters, paging: SearchQuery.paging)
        let (offset, limit) = (page.offset, page.limit)
        if criteria.isEmpty {
            parameters.fail("query", "give a name to search for, or at least one of first_name, surname, birth_place, sex, birth_year_from, birth_year_to")
        }
        if let from = criteria.birthYearFrom, let to = criteria.birthYearTo, from > to {
            parameters.fail("birth_year_to", "must not be before birth_year_from")
        }
        try parameters.validate()

        let base = try await scope.resolve(request, context)
        let policy = PrivacyPolicy(role: context.role, base: base)
        let includeLiving = wantsLiving && policy.seesEverything
        // A base with public names answers name lookups with living persons too, by name only;
        // never a search by date, place or sex, which would tell those about them.
        let byNameOnly = !policy.seesEverything && policy.publicNames && wantsLiving && criteria.asksNamesOnly
        let visibility: Visibility =
            policy.seesEverything
            ? (includeLiving ? .everyone : .notLiving(policy.rule))
            : byNameOnly ? .namesPublic : .publicView(policy.rule)
        let (hits, total) = try await search.search(criteria, base: base.id, visibility: visibility, offset: offset, limit: limit)

        let ids = hits.map(\.person.value.id.uuid)
        let relatives = try await search.relatives(of: ids)
        // The policy judges who is living (with the families' evidence) once, for the view and the flag.
        let views = try await policy.present(hits.map(\.person), persons: persons)
        let results = zip(hits, views).map { hit, view in
            let id = hit.person.value.id.uuid
            guard case .full(let payload) = view else { return PersonSearchResult(restricted: hit) }
            return PersonSearchResult(payload, score: hit.score, parents: relatives[id]?.parents ?? [], children: relatives[id]?.children ?? [])
        }
        let echoed = [criteria.query, criteria.firstName, criteria.surname, criteria.birthPlace].compactMap { $0 }.joined(separator: " ")
        return try JSONResponse.encode(
            SearchResponse(
                results: results, total: total, offset: offset, limit: limit, query: echoed,
                anonymizedCount: results.filter(\.anonymized).count, includeLiving: includeLiving || byNameOnly))
    }

    @Sendable func surnames(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await nameIndex(.surname, request, context)
    }

    @Sendable func firstNames(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await nameIndex(.firstName, request, context)
    }

    /// `?prefix=&order=name|count&offset=&limit=` (or `page`/`page_size`): names with their number of (visible) persons.
    private func nameIndex(_ kind: NameIndexRepository.Kind, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        var parameters = QueryParameters(request)
        let prefix = parameters.text(SearchQuery.prefix)
        let order = parameters.choice(SearchQuery.order).flatMap(NameIndexRepository.Order.init(rawValue:)) ?? .name
        let page = PageRequest(&parameters)
        let (offset, limit) = (page.offset, page.limit)
        try parameters.validate()
        let base = try await scope.resolve(request, context)
        let policy = PrivacyPolicy(role: context.role, base: base)
        let view: Visibility = policy.seesEverything ? .everyone : policy.publicNames ? .namesPublic : .publicView(policy.rule)
        let version = try await versions.version(of: base.id)
        let key = "\(kind)|\(base.id)|\(policy.seesEverything)|\(policy.publicNames)|\(prefix ?? "")|\(order)|\(offset)|\(limit)"
        let names = self.names
        let body = try await indexPages.answer(for: key, base: base.id, version: version, day: policy.rule.today) {
            let (found, total) = try await names.names(kind, base: base.id, visibility: view, prefix: prefix, order: order, offset: offset, limit: limit)
            return try JSONResponse.encoder.encode(PageResponse(items: found.map(NameCountPayload.init), total: total, offset: offset, limit: limit))
        }
        guard let body else { return try ComputingPayload.response("The name index of this base") }
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// The privacy rules in force and what they mean for this caller.
    @Sendable func privacyInfo(_ request: Request, context: AppRequestContext) async throws -> Response {
        let base = try await scope.resolve(request, context)
        let policy = PrivacyPolicy(role: context.role, base: base)
        let body: [String: Any] = [
            "living_rule": [
                "description": "A person is living when no death, burial or death status is recorded and either the birth (or baptism) "
                    + "is less than \(LivingRule.lifespanYears) years ago, or the birth is unknown and nothing shows otherwise: "
                    + "a child born more than \(LivingRule.lifespanYears) years ago or a marriage more than \(LivingRule.marriageYears) years ago. "
                    + "When in doubt, a person counts as living.",
                "lifespan_years": LivingRule.lifespanYears,
                "marriage_years": LivingRule.marriageYears,
            ] as [String: Any],
            "access": [
                "public": "shown to everyone, living or not",
                "private": "shown to editors and admins only",
                "iftitles": "GeneWeb's default: decided by the living rule",
            ],
            "privacy_levels": [
                "public": "not living (or marked public): every detail is shown",
                "private": "living, shown in full to editors and admins only",
                "restricted":
                    "living or private, as anonymous callers and viewers see them: {\"person_id\", \"privacy\": \"restricted\"}, no name, date or place",
            ],
            "applies_to": [
                "person and family reads and lists", "search results and totals (restricted persons are left out, not anonymised)",
                "surname and first-name indexes", "genealogy views (a restricted person cannot be a starting point)",
                "statistics and anniversaries", "exports (living persons redacted for non-admins)", "GDPR information",
            ],
            "caller": [
                "role": context.role?.rawValue ?? "anonymous",
                "sees_living_persons": policy.seesEverything,
                "search_can_include_living": policy.seesEverything,
            ] as [String: Any],
            "base": [
                "name": base.name,
                "living_names": base.publicNames ? "public" : "hidden",
                "description": base.publicNames
                    ? "This base shows living persons' first names and surnames (nothing else) to everyone; search finds them by name with include_living=true."
                    : "This base hides living persons entirely from anonymous callers and viewers (GeneWeb's hide_private_names).",
            ] as [String: Any],
            "gdpr":
                "GET /api/v1/persons/{person_id}/data-processing-info describes the processing; consent, export and anonymisation routes are under /api/v1/persons/{person_id}/",
        ]
        let data = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes])
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
