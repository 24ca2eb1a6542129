import Foundation
import GenewebCore
import GenewebSite
import GenewebStore
import Hummingbird

/// Restoring an earlier version of a person or a family (editors and admins): a page that shows
/// that version beside the record as it is, field by field, then a button. Restoring writes that
/// version as a new one (the version it replaces is kept in turn, so a restore can be undone),
/// with the form's version check (409 page after someone else's change) and an audit line
/// naming the version restored. Links to persons deleted since are left out, and the page says so.
extension SiteController {
    @Sendable func personVersion(_ request: Request, context: AppRequestContext) async throws -> Response {
        let page = try await open(request, context)
        let current = try await editedPerson(page, context)
        let then = try await keptVersion(of: current.value.id.uuid, from: personVersions, page, context, as: Person.self)
        return try await personRestorePage(page, current: current, then: then)
    }

    @Sendable func restorePerson(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await SiteForm.read(request, context: context)
        let page = try await open(request, context)
        try requireFormToken(form["csrf"], page.site)
        let current = try await editedPerson(page, context)
        let then = try await keptVersion(of: current.value.id.uuid, from: personVersions, page, context, as: Person.self)
        guard let version = form.text("version").flatMap(Int.init), version == current.version else {
            return try await personRestorePage(page, current: current, then: then, notice: page.messages["conflict.restore"], status: .conflict)
        }
        let existing = try await persons.find(Array(VersionComparison.references(of: then.value)), base: page.base.id)
        var (person, _) = VersionComparison.restored(then.value, now: current.value, existing: Set(existing.keys))
        // A name given back keeps its number if free; the store finds the smallest free one if not.
        let sameName =
            NameNormalizer.key(person.firstName) == NameNormalizer.key(current.value.firstName)
            && NameNormalizer.key(person.surname) == NameNormalizer.key(current.value.surname)
        if sameName { person.occurrence = current.value.occurrence }
        let entry = context.auditEntry(
            "person.restore", entityType: "person", entityID: person.id.uuid.uuidString.lowercased(), base: page.base.name,
            details: ["via": "site", "restored_version": String(then.version), "version_before": String(current.version)])
        let stored: Stored<Person>
        do {
            stored = try await persons.update(person, base: page.base.id, expectedVersion: version, occurrence: .smallestFree, audit: entry)
        } catch WriteConflict.staleVersion {
            let now = try await editedPerson(page, context)
            return try await personRestorePage(page, current: now, then: then, notice: page.messages["conflict.restore"], status: .conflict)
        }
        return Self.seeOther(page.people.href(stored.value))
    }

    @Sendable func familyVersion(_ request: Request, context: AppRequestContext) async throws -> Response {
        let page = try await open(request, context)
        let (current, _, _) = try await familyWithMembers(page, context)
        let then = try await keptVersion(of: current.value.id.uuid, from: familyVersions, page, context, as: Family.self)
        return try await familyRestorePage(page, current: current, then: then)
    }

    @Sendable func restoreFamily(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await SiteForm.read(request, context: context)
        let page = try await open(request, context)
        try requireFormToken(form["csrf"], page.site)
        let (current, _, _) = try await familyWithMembers(page, context)
        let then = try await keptVersion(of: current.value.id.uuid, from: familyVersions, page, context, as: Family.self)
        guard let version = form.text("version").flatMap(Int.init), version == current.version else {
            return try await familyRestorePage(page, current: current, then: then, notice: page.messages["conflict.restore"], status: .conflict)
        }
        let members = try await persons.find((then.value.parents + then.value.children).map(\.uuid), base: page.base.id)
        let (family, _) = VersionComparison.restored(then.value, now: current.value, existing: Set(members.keys))
        let id = family.id.uuid.uuidString.lowercased()
        let entry = context.auditEntry(
            "family.restore", entityType: "family", entityID: id, base: page.base.name,
            details: ["via": "site", "restored_version": String(then.version), "version_before": String(current.version)])
        do {
            _ = try await families.update(family, base: page.base.id, expectedVersion: version, audit: entry)
        } catch WriteConflict.staleVersion {
            let (now, _, _) = try await familyWithMembers(page, context)
            return try await familyRestorePage(page, current: now, then: then, notice: page.messages["conflict.restore"], status: .conflict)
        } catch is AncestryLoop {
            return try await familyRestorePage(page, current: current, then: then, notice: page.messages["act.loop"], status: .conflict)
        }
        return Self.seeOther(SiteURL.family(page.base.name, id: id))
    }

    // MARK: Parts

    /// The version of the address, kept for this record; 404 when it is not (or no longer) kept.
    private func keptVersion<Value: Decodable & Sendable>(
        of id: UUID, from history: RecordHistory, _ page: SiteScope, _ context: AppRequestContext, as type: Value.Type
    ) async throws -> Stored<Value> {
        guard let number = Int(try context.parameters.require("version")), (1...Int(Int32.max)).contains(number),
            let stored = try await history.version(number, of: id, base: page.base.id, as: type)
        else { throw APIError.notFound("No such earlier version") }
        return stored
    }

    private func personRestorePage(
        _ page: SiteScope, current: Stored<Person>, then: Stored<Person>, notice: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let messages = page.messages
        let existing = try await persons.find(Array(VersionComparison.references(of: then.value)), base: page.base.id)
        let (person, dropped) = VersionComparison.restored(then.value, now: current.value, existing: Set(existing.keys))
        let rows = VersionComparison.rows(then: person, now: current.value) { formLabel($0, messages: messages) }
        let here = page.people.href(current.value)
        return restorePage(
            page, name: SitePeople.name(current.value), then: then.version, when: then.updatedAt, rows: rows, dropped: dropped,
            action: here + "/history/\(then.version)", version: current.version, backHref: here + "/history", notice: notice, status: status)
    }

    private func familyRestorePage(
        _ page: SiteScope, current: Stored<Family>, then: Stored<Family>, notice: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let everyone = Set((then.value.parents + then.value.children + current.value.parents + current.value.children).map(\.uuid))
        let members = try await persons.find(Array(everyone), base: page.base.id)
        let (family, dropped) = VersionComparison.restored(then.value, now: current.value, existing: Set(members.keys))
        let names = members.mapValues { SitePeople.name($0.value) }
        let rows = VersionComparison.rows(then: family, now: current.value, names: names, messages: page.messages)
        let here = SiteURL.family(page.base.name, id: current.value.id.uuid.uuidString.lowercased())
        let couple = current.value.parents.map { names[$0.uuid] ?? "…" }.joined(separator: " & ")
        return restorePage(
            page, name: couple, then: then.version, when: then.updatedAt, rows: rows, dropped: dropped,
            action: here + "/history/\(then.version)", version: current.version, backHref: here + "/history", notice: notice, status: status)
    }

    private func restorePage(
        _ page: SiteScope, name: String, then: Int, when: String, rows: [VersionComparison.Row], dropped: Bool, action: String, version: Int,
        backHref: String, notice: String?, status: HTTPResponse.Status
    ) -> Response {
        let messages = page.messages
        let heading = messages.format("restore_heading", name, String(then))
        let model = RestorePageModel(
            heading: heading, written: messages.format("restore_written", Self.timestamp(iso: when)), action: action, version: String(version),
            rows: Listing(rows), droppedLinks: dropped ? messages["restore_dropped"] : nil, backHref: backHref, notice: notice)
        return page.site.html(.restoreVersion, model: model, frame: page.frame(heading), status: status)
    }
}
