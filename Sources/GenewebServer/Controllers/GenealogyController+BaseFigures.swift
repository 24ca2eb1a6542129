import Foundation
import GenewebCore
import GenewebStore
import HTTPTypes
import Hummingbird

/// `/api/v1/genealogy/{stats,anniversaries,consanguinity}` (and per base): figures over a whole
/// base. Each is computed over the persons the caller may see only: anonymous callers and viewers
/// get statistics of the non-living part of the tree, so no figure moves when a living person is
/// added.
extension GenealogyController {
    private func visibility(_ policy: PrivacyPolicy) -> Visibility {
        policy.seesEverything ? .everyone : .publicView(policy.rule)
    }

    @Sendable func stats(_ request: Request, context: AppRequestContext) async throws -> Response {
        var parameters = QueryParameters(request)
        let length = parameters.integerOrFallback(GenealogyQuery.top)
        try parameters.validate()
        let base = try await scope.resolve(request, context)
        let policy = PrivacyPolicy(role: context.role)
        let view = visibility(policy)
        let version = try await graphs.repository.version(of: base.id)
        let key = "stats|\(base.id)|\(policy.seesEverything)|\(length)"
        let (statistics, names) = (self.statistics, self.names)
        // Kept under the version read before computing: a write meanwhile makes the next call recompute.
        let body = try await answers.answer(for: key, base: base.id, version: version, day: policy.rule.today) {
            let figures = try await statistics.statistics(base: base.id, visibility: view, rule: policy.rule, listLength: length)
            let surnames = try await names.names(.surname, base: base.id, visibility: view, prefix: nil, order: .count, offset: 0, limit: length)
            let firstNames = try await names.names(.firstName, base: base.id, visibility: view, prefix: nil, order: .count, offset: 0, limit: length)
            return try JSONResponse.encoder.encode(
                StatisticsPayload(
                    figures, surnames: surnames.names, firstNames: firstNames.names,
                    scope: policy.seesEverything ? "all persons" : "persons visible to the caller (not living, or marked public)"
                ))
        }
        guard let body else { return try ComputingPayload.response("The statistics of this base") }
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// `?month=&day=` (today, UTC, by default): births, deaths and marriages of that day in past years.
    @Sendable func anniversariesOfDay(_ request: Request, context: AppRequestContext) async throws -> Response {
        var parameters = QueryParameters(request)
        let today = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        let month = parameters.integer(GenealogyQuery.month) ?? today.month ?? 1
        let day = parameters.integer(GenealogyQuery.day) ?? today.day ?? 1
        let limit = parameters.integerOrFallback(GenealogyQuery.anniversaryLimit)
        if day > DateCalendar.gregorian.daysIn(month: month, year: 2000) {
            parameters.fail("day", "month \(month) has no day \(day)")
        }
        try parameters.validate()
        let base = try await scope.resolve(request, context)
        let policy = PrivacyPolicy(role: context.role, base: base)
        let view = visibility(policy)
        let (births, deaths) = try await anniversaries.personEvents(base: base.id, month: month, day: day, visibility: view, limit: limit)
        let marriages = try await anniversaries.marriages(base: base.id, month: month, day: day, visibility: view, limit: limit)
        let ids = births.map(\.personID) + deaths.map(\.personID) + marriages.flatMap(\.parentIDs)
        let views = try await policy.present(ids: ids, base: base.id, persons: persons)
        let year = today.year ?? 2000
        func item(_ event: AnniversaryRepository.PersonEvent) -> AnniversaryPayload? {
            views[event.personID].map { AnniversaryPayload(year: event.year, yearsAgo: year - event.year, persons: [$0], familyID: nil) }
        }
        return try JSONResponse.encode(
            AnniversariesPayload(
                month: month, day: day, births: births.compactMap(item), deaths: deaths.compactMap(item),
                marriages: marriages.map { marriage in
                    AnniversaryPayload(
                        year: marriage.year, yearsAgo: year - marriage.year, persons: marriage.parentIDs.compactMap { views[$0] },
                        familyID: marriage.familyID.uuidString.lowercased())
                }
            ))
    }

    /// Inbreeding over the whole base: counts, average, distribution and the most inbred persons.
    @Sendable func baseConsanguinity(_ request: Request, context: AppRequestContext) async throws -> Response {
        var parameters = QueryParameters(request)
        let limit = parameters.integerOrFallback(GenealogyQuery.inbredLimit)
        try parameters.validate()
        let base = try await scope.resolve(request, context)
        let policy = PrivacyPolicy(role: context.role, base: base)
        let entry = try await graphs.entry(for: base.id)
        let graph = entry.graph
        guard let coefficients = await consanguinityCache.coefficients(base: base.id, graph: entry) else {
            return try ComputingPayload.response("The consanguinity coefficients of every person of this base")
        }
        let visible: Set<UUID>? = policy.seesEverything ? nil : try await statistics.visiblePersonIDs(base: base.id, visibility: visibility(policy))
        var counted = 0
        var withParents = 0
        var inbred = 0
        var sum = 0.0
        var buckets = ConsanguinityPayload.Bucket.all
        var ranked: [(GenealogyGraph.Index, Double)] = []
        for index in 0..<graph.count where !graph.removed.contains(GenealogyGraph.Index(index)) {
            if let visible, !visible.contains(graph.ids[index]) { continue }
            counted += 1
            let (father, mother) = graph.parents(of: GenealogyGraph.Index(index))
            guard father != nil, mother != nil else { continue }
            withParents += 1
            let coefficient = coefficients[index]
            sum += coefficient
            guard coefficient > 0 else { continue }
            inbred += 1
            if let slot = buckets.firstIndex(where: { coefficient >= $0.from }) { buckets[slot].persons += 1 }
            ranked.append((GenealogyGraph.Index(index), coefficient))
        }
        ranked.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        let top = Array(ranked.prefix(limit))
        let views = try await policy.present(ids: top.map { graph.ids[Int($0.0)] }, base: base.id, persons: persons)
        return try JSONResponse.encode(
            ConsanguinityPayload(
                persons: counted, withBothParents: withParents, inbred: inbred,
                average: withParents == 0 ? 0 : sum / Double(withParents), maximum: ranked.first?.1 ?? 0,
                distribution: buckets,
                mostInbred: top.compactMap { item in views[graph.ids[Int(item.0)]].map { .init(person: $0, coefficient: item.1) } }
            ))
    }
}
