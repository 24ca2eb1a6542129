import Foundation
import GenewebCore
import GenewebSite
import GenewebStore
import Hummingbird

/// Deleting a person (editors and admins): a confirmation page that says what else changes —
/// each union loses this spouse, each family this child; the other persons and the families
/// stay — then the same store call as `DELETE /persons/{id}?cascade=unlink`, audited.
extension SiteController {
    @Sendable func deletePersonForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let page = try await open(request, context)
        let stored = try await editedPerson(page, context)
        let model = try await deleteModel(page, stored)
        return page.site.html(.deletePerson, model: model, frame: page.frame(model.heading))
    }

    @Sendable func deletePerson(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await SiteForm.read(request, context: context)
        let page = try await open(request, context)
        try requireFormToken(form["csrf"], page.site)
        let stored = try await editedPerson(page, context)
        guard let version = form.text("version").flatMap(Int.init), version == stored.version else {
            // Changed since the confirmation was shown: confirm again with what is there now.
            var model = try await deleteModel(page, stored)
            model.notice = page.messages["conflict.delete"]
            return page.site.html(.deletePerson, model: model, frame: page.frame(model.heading), status: .conflict)
        }
        let person = stored.value
        let entry = context.auditEntry(
            "person.delete", entityType: "person", entityID: person.id.uuid.uuidString.lowercased(), base: page.base.name,
            details: ["key": person.key, "cascade": "unlink", "via": "site"])
        try await persons.delete(person.id.uuid, base: page.base.id, expectedVersion: version, unlink: true, audit: entry)
        return Self.seeOther(SiteURL.base(page.base.name))
    }

    private func deleteModel(_ page: SiteScope, _ stored: Stored<Person>) async throws -> DeletePageModel {
        let person = stored.value
        let name = SitePeople.name(person)
        let unions = try await families.families(of: person.id.uuid, base: page.base.id)
        let others = Set(unions.flatMap { $0.value.parents + $0.value.children }).subtracting([person.id])
        let found = try await persons.find(others.map(\.uuid), base: page.base.id)
        func named(_ id: PersonID?) -> String { id.flatMap { found[$0.uuid] }.map { SitePeople.name($0.value) } ?? "…" }
        var consequences: [String] = []
        for family in unions.map(\.value) {
            if family.parents.contains(person.id) {
                let spouse = family.parents.first { $0 != person.id }
                consequences.append(
                    page.messages.format("delete.as_parent", spouse.map { named($0) } ?? page.messages["unknown_spouse"], String(family.children.count)))
            }
            if family.children.contains(person.id) {
                consequences.append(page.messages.format("delete.as_child", family.parents.map { named($0) }.joined(separator: " & ")))
            }
        }
        return DeletePageModel(
            heading: page.messages.format("delete_person", name), action: page.people.href(person) + "/delete", version: String(stored.version),
            consequences: Listing(consequences), cancelHref: page.people.href(person), notice: nil)
    }
}
