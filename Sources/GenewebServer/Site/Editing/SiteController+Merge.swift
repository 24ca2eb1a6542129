import Foundation
import GenewebCore
import GenewebSite
import GenewebStore
import Hummingbird

/// `/b/{base}/p/{key}/merge` (editors and admins): GeneWeb's merge of two records of one
/// person. `?with=` names the other record by key, or by words of a name, which list the
/// persons found; with a key, the page compares the two records fact by fact and the editor
/// chooses. Posting writes the merge (`PersonMerge`): one person, every event, family link,
/// source and alias of both, the other record's witnesses and related-parent links pointing
/// at the kept one, both audit trails.
extension SiteController {
    @Sendable func mergeForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        var query = QueryParameters(request)
        let with = query.text(SiteQuery.other)
        try query.validate()
        let page = try await open(request, context)
        let kept = try await editedPerson(page, context)
        return try await mergePage(page, kept: kept, with: with, choices: [:])
    }

    @Sendable func merge(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await SiteForm.read(request, context: context)
        let page = try await open(request, context)
        try requireFormToken(form["csrf"], page.site)
        let kept = try await editedPerson(page, context)
        let values = PersonForm.values(of: form)
        guard let key = form.text("with"), let other = try await RelativeInput.find(key, page: page, persons: persons), other.value.id != kept.value.id
        else {
            return try await mergePage(
                page, kept: kept, with: form.text("with"), choices: values, notice: page.messages["merge.unknown"], status: .unprocessableContent)
        }
        let version = form.text("version").flatMap(Int.init) ?? -1
        let otherVersion = form.text("other_version").flatMap(Int.init) ?? -1
        let merged = PersonMergeChoices.merged(kept.value, other.value, choices: values)
        let base = page.base.name
        let details = ["via": "site", "kept": kept.value.id.uuid.uuidString.lowercased(), "removed": other.value.id.uuid.uuidString.lowercased()]
        let audit = [
            context.auditEntry("person.merge", entityType: "person", entityID: kept.value.id.uuid.uuidString.lowercased(), base: base, details: details),
            context.auditEntry("person.merge", entityType: "person", entityID: other.value.id.uuid.uuidString.lowercased(), base: base, details: details),
        ]
        do {
            let stored = try await merges.merge(
                merged, keptVersion: version, removed: other.value.id.uuid, removedVersion: otherVersion, base: page.base.id, audit: audit)
            return Self.seeOther(page.people.href(stored.value))
        } catch let refusal as MergeRefusal {
            let reason: String =
                switch refusal {
                case .twoFamiliesOfBirth: "merge.two_families"
                case .spousesOfEachOther: "merge.spouses"
                case .samePerson: "merge.unknown"
                }
            return try await mergePage(page, kept: kept, with: key, choices: values, notice: page.messages[reason], status: .conflict)
        } catch is AncestryLoop {
            return try await mergePage(page, kept: kept, with: key, choices: values, notice: page.messages["act.loop"], status: .conflict)
        } catch WriteConflict.staleVersion {
            return try await mergePage(page, kept: kept, with: key, choices: values, notice: page.messages["merge.changed"], status: .conflict)
        }
    }

    private func mergePage(
        _ page: SiteScope, kept: Stored<Person>, with: String?, choices: [String: String], notice: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let messages = page.messages
        let name = SitePeople.name(kept.value)
        let here = page.people.href(kept.value) + "/merge"
        var candidates: [LinkModel] = []
        var other: Stored<Person>?
        var problem = notice
        if let with {
            if NameNormalizer.parsePersonKey(with) != nil || UUID(uuidString: with) != nil {
                other = try await RelativeInput.find(with, page: page, persons: persons)
                if other == nil || other?.value.id == kept.value.id { problem = problem ?? messages["merge.unknown"] }
            } else {
                let (hits, _) = try await search.search(
                    PersonSearch(query: String(with.prefix(200))), base: page.base.id, visibility: .everyone, offset: 0,
                    limit: RelativeInput.maximumCandidates + 1)
                candidates = hits.filter { $0.person.value.id != kept.value.id }.prefix(RelativeInput.maximumCandidates).map { hit in
                    let person = hit.person.value
                    let label = SitePeople.name(person) + (SitePeople.years(person).map { " (\($0))" } ?? "") + " · " + SitePeople.pageKey(person)
                    return LinkModel(label, here + SiteURL.query([("with", SitePeople.pageKey(person))]))
                }
                if candidates.isEmpty { problem = problem ?? messages["form.no_match"] }
            }
        }
        let comparing = other.map { $0.value.id != kept.value.id } ?? false
        var rows: [MergePageModel.Row] = []
        if let other, comparing {
            rows = PersonMergeChoices.differences(kept.value, other.value, messages: messages, people: page.people).map { fact in
                let field = "choice.\(fact.key)"
                return MergePageModel.Row(
                    label: fact.label, name: field, keptID: "m-\(fact.key)-kept", otherID: "m-\(fact.key)-other",
                    bothID: fact.allowsBoth ? "m-\(fact.key)-both" : nil, kept: fact.kept.isEmpty ? "—" : fact.kept,
                    other: fact.other.isEmpty ? "—" : fact.other, choseOther: choices[field] == "other", choseBoth: choices[field] == "both")
            }
        }
        let model = MergePageModel(
            heading: messages.format("merge_heading", name), notice: problem, isError: problem != nil && status != .ok, searchAction: here,
            query: with ?? "", candidates: Listing(candidates), comparing: comparing, action: here, otherKey: other.map { SitePeople.pageKey($0.value) } ?? "",
            otherName: other.map { SitePeople.name($0.value) } ?? "", version: String(kept.version), otherVersion: other.map { String($0.version) } ?? "",
            rows: Listing(rows), combined: messages.format("merge.combined", other.map { SitePeople.name($0.value) } ?? ""),
            cancelHref: page.people.href(kept.value))
        return page.site.html(.mergePerson, model: model, frame: page.frame(model.heading), status: status)
    }
}
