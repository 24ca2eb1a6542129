import Foundation
import GenewebCore
import GenewebSite
import GenewebStore
import Hummingbird

/// `/b/{base}/f/{id}/edit` (editors and admins): the family form (`FamilyForm`), saved with
/// the spouses it changed in one transaction (`FamilyActs`). It carries the versions of the
/// family and of each spouse: a save after anyone else's change to one of them is a 409 page,
/// the form still filled with this editor's input, now at the current versions.
extension SiteController {
    @Sendable func editFamilyForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let page = try await open(request, context)
        let (stored, parents, children) = try await familyWithMembers(page, context)
        var values = FamilyForm.values(of: stored.value, parents: parents.map(\.value))
        values["version"] = String(stored.version)
        for (index, parent) in parents.enumerated() { values["parent.\(index).version"] = String(parent.version) }
        return familyFormPage(page, family: stored, parents: parents.map(\.value), children: children, values: values, errors: [])
    }

    @Sendable func editFamily(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await SiteForm.read(request, context: context)
        let page = try await open(request, context)
        try requireFormToken(form["csrf"], page.site)
        let (stored, parents, children) = try await familyWithMembers(page, context)
        let values = PersonForm.values(of: form)
        var (family, errors) = FamilyForm.apply(values, to: stored.value)
        var changed: [(Person, Int)] = []
        for (index, parent) in parents.enumerated() {
            let (person, problems) = FamilyForm.applyMain(values, prefix: "parent.\(index)", to: parent.value)
            errors += problems
            let version = values["parent.\(index).version"].flatMap(Int.init) ?? parent.version
            if person != parent.value || version != parent.version { changed.append((person, version)) }
        }
        family.parents = stored.value.parents
        let show = { (notice: String, status: HTTPResponse.Status, errors: [FieldError], values: [String: String]) -> Response in
            self.familyFormPage(
                page, family: stored, parents: parents.map(\.value), children: children, values: values, errors: errors, notice: notice, status: status)
        }
        if !errors.isEmpty { return show(page.messages["form.has_errors"], .unprocessableContent, errors, values) }
        if form["action"] == "check" { return show(page.messages["form.checked"], .ok, [], values) }
        let version = values["version"].flatMap(Int.init) ?? stored.version
        let base = page.base.name
        var audit = changed.map { person, _ in
            context.auditEntry(
                "person.update", entityType: "person", entityID: person.id.uuid.uuidString.lowercased(), base: base,
                details: ["via": "site", "act": "edit-family"])
        }
        audit.append(
            context.auditEntry(
                "family.update", entityType: "family", entityID: family.id.uuid.uuidString.lowercased(), base: base,
                details: ["via": "site", "act": "edit-family", "version_before": String(stored.version)]))
        do {
            _ = try await acts.record(newPersons: [], changedPersons: changed, family: family, familyVersion: version, base: page.base.id, audit: audit)
        } catch WriteConflict.staleVersion {
            // Someone saved the family or a spouse meanwhile: the form again, at their versions.
            var current = values
            current["version"] = String(stored.version)
            for (index, parent) in parents.enumerated() { current["parent.\(index).version"] = String(parent.version) }
            return show(page.messages["conflict.family"], .conflict, [], current)
        } catch is AncestryLoop {
            return show(page.messages["act.loop"], .conflict, [], values)
        }
        return Self.seeOther(SiteURL.family(base, id: family.id.uuid.uuidString.lowercased()))
    }

    /// The family of the address with its parents and children as stored (editors see all).
    func familyWithMembers(_ page: SiteScope, _ context: AppRequestContext) async throws -> (Stored<Family>, [Stored<Person>], [Person?]) {
        guard let id = UUID(uuidString: try context.parameters.require("family_id")), let stored = try await families.find(id, base: page.base.id) else {
            throw APIError.notFound("Family not found")
        }
        let members = try await persons.find((stored.value.parents + stored.value.children).map(\.uuid), base: page.base.id)
        return (stored, stored.value.parents.compactMap { members[$0.uuid] }, stored.value.children.map { members[$0.uuid]?.value })
    }

    private func familyFormPage(
        _ page: SiteScope, family: Stored<Family>, parents: [Person], children: [Person?], values: [String: String], errors: [FieldError],
        notice: String? = nil, status: HTTPResponse.Status = .ok
    ) -> Response {
        let messages = page.messages
        let maker = FormFieldMaker(values: values, errors: errors, messages: messages, language: page.site.language.dateLanguage)
        let names = parents.map(SitePeople.name)
        let heading = messages.format("edit_family", names.joined(separator: " & "))
        let parentGroups = parents.enumerated().map { index, parent -> FormGroupModel in
            let prefix = "parent.\(index)"
            let role = parent.sex == .male ? messages["father"] : parent.sex == .female ? messages["mother"] : messages["parent"]
            return FormGroupModel(
                legend: "\(role): \(SitePeople.name(parent))", hidden: [LabelledValue("\(prefix).version", values["\(prefix).version"] ?? "")], select: nil,
                fields: [
                    maker.field("\(prefix).first_name"), maker.field("\(prefix).surname"),
                    maker.date("\(prefix).birth.date", label: messages["act.birth_date"]),
                    maker.field("\(prefix).birth.place", label: messages["act.birth_place"]),
                    maker.date("\(prefix).death.date", label: messages["act.death_date"]),
                    maker.field("\(prefix).death.place", label: messages["act.death_place"]),
                ])
        }
        let union = FormGroupModel(
            legend: messages["act.union"], hidden: [],
            select: maker.select(
                "union.relation", label: messages["act.relation"], choices: RelationKind.allCases.map { ($0.rawValue, messages["relation.\($0.rawValue)"]) },
                default: RelationKind.married.rawValue),
            fields: [
                maker.date("union.marriage.date", label: messages["act.marriage_date"]),
                maker.field("union.marriage.place", label: messages["act.marriage_place"]),
                maker.field("union.marriage.note", label: messages["form.note"], textarea: true),
                maker.field("union.marriage.source", label: messages["form.source"]),
            ])
        let divorce = FormGroupModel(
            legend: messages["divorce"], hidden: [],
            select: maker.select(
                "union.divorce", label: messages["divorce"], choices: FamilyForm.divorceChoices.map { ($0, messages["divorce.\($0)"]) },
                default: "not_divorced"),
            fields: [maker.date("union.divorce.date", label: messages["form.date"])])
        let rows = children.enumerated().map { index, child in
            FamilyFormPageModel.ChildRow(
                id: values["children.\(index).id"] ?? "", name: child.map(SitePeople.name) ?? "…", idField: "children.\(index).id",
                position: maker.field(
                    "children.\(index).position", label: messages.format("children_position_of", child.map(SitePeople.name) ?? "…"), inputType: "number"))
        }
        let familyHref = SiteURL.family(page.base.name, id: family.value.id.uuid.uuidString.lowercased())
        let model = FamilyFormPageModel(
            heading: heading, action: familyHref + "/edit", version: values["version"] ?? String(family.version), cancelHref: familyHref,
            notice: notice, isError: status != .ok, parents: parentGroups, union: union, divorce: divorce,
            texts: [maker.field("notes", textarea: true), maker.field("sources", textarea: true)], children: Listing(rows))
        return page.site.html(.familyForm, model: model, frame: page.frame(heading), status: status)
    }
}
