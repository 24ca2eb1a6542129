import Foundation
import GenewebCore
import GenewebSite
import GenewebStore
import Hummingbird

/// One form per real-world act (editors and admins), each written in one transaction
/// (`FamilyActs`): **add a spouse** (the spouse, existing or new, and the union with its
/// marriage), **add parents** (father and mother, each existing or new, and their marriage; the
/// person becomes their child), **add a child** to a union (existing or new, at a chosen place
/// among the siblings). GeneWeb needs several forms for each of these; here one form records it.
extension SiteController {
    enum FamilyAct: String {
        case addSpouse = "add-spouse"
        case addParents = "add-parents"
        case addChild = "add-child"
    }

    // MARK: Add a spouse

    @Sendable func addSpouseForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let page = try await open(request, context)
        let stored = try await editedPerson(page, context)
        let spouseSex = stored.value.sex == .male ? "female" : stored.value.sex == .female ? "male" : "unknown"
        return actPage(.addSpouse, page: page, anchor: stored.value, family: nil, values: ["spouse.sex": spouseSex], errors: [], candidates: [:])
    }

    @Sendable func addSpouse(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (page, form, values) = try await actRequest(request, context)
        let stored = try await editedPerson(page, context)
        let person = stored.value
        let spouse = try await RelativeInput.read(
            "spouse", values: values, sex: nil, page: page, persons: persons, search: search)
        var errors = spouse.errors
        if case .none = spouse.choice, errors.isEmpty { errors.append(FieldError(field: "spouse.existing", message: "required")) }
        if spouse.person?.id == person.id { errors.append(FieldError(field: "spouse.existing", message: "is the person of this page")) }
        let (union, unionErrors) = Self.union(values)
        errors += unionErrors
        let candidates = ["spouse": spouse.candidates]
        if let answer = actProblems(.addSpouse, page: page, anchor: person, form: form, values: values, errors: errors, candidates: candidates) {
            return answer
        }
        guard let partner = spouse.person else { throw APIError.badRequest("No spouse") }
        // The husband first, as GeneWeb stores a couple.
        let parents = person.sex == .female && partner.sex == .male ? [partner.id, person.id] : [person.id, partner.id]
        var family = union
        family.parents = parents
        return try await record(
            .addSpouse, page: page, context: context, newPersons: [spouse.newPerson].compactMap { $0 }, family: family, familyVersion: nil,
            anchor: person, values: values, then: page.people.href(person))
    }

    // MARK: Add parents

    @Sendable func addParentsForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let page = try await open(request, context)
        let stored = try await editedPerson(page, context)
        let surname = stored.value.surname
        return actPage(.addParents, page: page, anchor: stored.value, family: nil, values: ["father.surname": surname], errors: [], candidates: [:])
    }

    @Sendable func addParents(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (page, form, values) = try await actRequest(request, context)
        let stored = try await editedPerson(page, context)
        let person = stored.value
        let father = try await RelativeInput.read("father", values: values, sex: .male, page: page, persons: persons, search: search)
        let mother = try await RelativeInput.read("mother", values: values, sex: .female, page: page, persons: persons, search: search)
        var errors = father.errors + mother.errors
        if father.person == nil, mother.person == nil, errors.isEmpty { errors.append(FieldError(field: "father.existing", message: "required")) }
        for parent in [father, mother] where parent.person?.id == person.id {
            errors.append(FieldError(field: "\(parent.prefix).existing", message: "is the person of this page"))
        }
        // A person has one family of birth (GeneWeb's rule; adoptions are related parents).
        if let index = page.graph.index(of: person.id.uuid), page.graph.parents(of: index) != (nil, nil) {
            errors.append(FieldError(field: "father.existing", message: "already has parents"))
        }
        let (union, unionErrors) = Self.union(values)
        errors += unionErrors
        let candidates = ["father": father.candidates, "mother": mother.candidates]
        if let answer = actProblems(.addParents, page: page, anchor: person, form: form, values: values, errors: errors, candidates: candidates) {
            return answer
        }
        var family = union
        family.parents = [father.person?.id, mother.person?.id].compactMap { $0 }
        family.children = [person.id]
        return try await record(
            .addParents, page: page, context: context, newPersons: [father.newPerson, mother.newPerson].compactMap { $0 }, family: family,
            familyVersion: nil, anchor: person, values: values, then: page.people.href(person))
    }

    // MARK: Add a child

    @Sendable func addChildForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let page = try await open(request, context)
        let (family, parent, children) = try await editedFamily(page, context)
        let surname = parent?.surname ?? ""
        return actPage(
            .addChild, page: page, anchor: parent, family: family, values: ["child.surname": surname], errors: [], candidates: [:], children: children)
    }

    @Sendable func addChild(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (page, form, values) = try await actRequest(request, context)
        let (stored, parent, children) = try await editedFamily(page, context)
        let child = try await RelativeInput.read("child", values: values, sex: nil, page: page, persons: persons, search: search)
        var errors = child.errors
        if case .none = child.choice, errors.isEmpty { errors.append(FieldError(field: "child.existing", message: "required")) }
        if case .existing(let existing) = child.choice {
            if stored.value.parents.contains(existing.value.id) || stored.value.children.contains(existing.value.id) {
                errors.append(FieldError(field: "child.existing", message: "is already in this family"))
            } else if let index = page.graph.index(of: existing.value.id.uuid), page.graph.parents(of: index) != (nil, nil) {
                errors.append(FieldError(field: "child.existing", message: "already has parents"))
            }
        }
        let candidates = ["child": child.candidates]
        if let answer = actProblems(
            .addChild, page: page, anchor: parent, family: stored, form: form, values: values, errors: errors, candidates: candidates, children: children)
        {
            return answer
        }
        guard let newChild = child.person else { throw APIError.badRequest("No child") }
        var family = stored.value
        let position = values["position"].flatMap(Int.init).map { min(max($0, 0), family.children.count) } ?? family.children.count
        family.children.insert(newChild.id, at: position)
        let familyHref = SiteURL.family(page.base.name, id: family.id.uuid.uuidString.lowercased())
        let version = form.text("version").flatMap(Int.init) ?? stored.version
        return try await record(
            .addChild, page: page, context: context, newPersons: [child.newPerson].compactMap { $0 }, family: family, familyVersion: version,
            anchor: parent, values: values, then: familyHref, existingFamily: stored, children: children)
    }

    // MARK: Shared steps

    private func actRequest(_ request: Request, _ context: AppRequestContext) async throws -> (SiteScope, SiteForm, [String: String]) {
        let form = try await SiteForm.read(request, context: context)
        let page = try await open(request, context)
        try requireFormToken(form["csrf"], page.site)
        return (page, form, PersonForm.values(of: form))
    }

    /// The family of the address, read in full, with its first parent (for the page's words)
    /// and its children's names (to choose a new child's place among them).
    private func editedFamily(_ page: SiteScope, _ context: AppRequestContext) async throws -> (Stored<Family>, Person?, [String]) {
        guard let id = UUID(uuidString: try context.parameters.require("family_id")), let stored = try await families.find(id, base: page.base.id) else {
            throw APIError.notFound("Family not found")
        }
        let members = try await persons.find((stored.value.parents + stored.value.children).map(\.uuid), base: page.base.id)
        let parent = stored.value.parents.first.flatMap { members[$0.uuid] }?.value
        let children = stored.value.children.map { members[$0.uuid].map { SitePeople.name($0.value) } ?? "…" }
        return (stored, parent, children)
    }

    /// The union's relation and marriage (`union.relation`, `union.marriage.date`, `.place`).
    static func union(_ values: [String: String]) -> (Family, [FieldError]) {
        var family = Family()
        var errors: [FieldError] = []
        if let raw = values["union.relation"], !raw.isEmpty {
            if let relation = RelationKind(rawValue: raw) {
                family.relation = relation
            } else {
                errors.append(FieldError(field: "union.relation", message: "is not a kind of union"))
            }
        }
        func text(_ name: String) -> String? {
            guard let value = values[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
            return value
        }
        if text("union.marriage.date") != nil || text("union.marriage.place") != nil {
            var marriage = Event(kind: .marriage)
            var input = EventInput()
            input.apply(
                ["date": text("union.marriage.date") as Any? ?? NSNull(), "place": text("union.marriage.place") as Any? ?? NSNull()], to: &marriage,
                field: "union.marriage", allowKind: false)
            errors += input.errors
            family.events = [marriage]
        }
        return (family, errors)
    }

    /// The form again when something is wrong (422) or when "Check" was pressed (200); nil
    /// when the act can be recorded.
    private func actProblems(
        _ act: FamilyAct, page: SiteScope, anchor: Person?, family: Stored<Family>? = nil, form: SiteForm, values: [String: String],
        errors: [FieldError], candidates: [String: [(key: String, label: String)]], children: [String] = []
    ) -> Response? {
        if !errors.isEmpty {
            return actPage(
                act, page: page, anchor: anchor, family: family, values: values, errors: errors, candidates: candidates, children: children,
                notice: page.messages["form.has_errors"], status: .unprocessableContent)
        }
        if form["action"] == "check" {
            return actPage(
                act, page: page, anchor: anchor, family: family, values: values, errors: [], candidates: candidates, children: children,
                notice: page.messages["form.checked"])
        }
        return nil
    }

    /// Writes the act, audited: one line per new person and one for the family.
    private func record(
        _ act: FamilyAct, page: SiteScope, context: AppRequestContext, newPersons: [Person], family: Family, familyVersion: Int?, anchor: Person?,
        values: [String: String], then location: String, existingFamily: Stored<Family>? = nil, children: [String] = []
    ) async throws -> Response {
        let base = page.base.name
        var audit = newPersons.map { person in
            context.auditEntry(
                "person.create", entityType: "person", entityID: person.id.uuid.uuidString.lowercased(), base: base,
                details: ["key": person.key, "via": "site", "act": act.rawValue])
        }
        audit.append(
            context.auditEntry(
                familyVersion == nil ? "family.create" : "family.update", entityType: "family", entityID: family.id.uuid.uuidString.lowercased(),
                base: base, details: ["via": "site", "act": act.rawValue]))
        do {
            _ = try await acts.record(
                newPersons: newPersons, family: family, familyVersion: familyVersion, base: page.base.id, audit: audit)
        } catch is AncestryLoop {
            return actPage(
                act, page: page, anchor: anchor, family: existingFamily, values: values, errors: [], candidates: [:], children: children,
                notice: page.messages["act.loop"], status: .conflict)
        } catch WriteConflict.staleVersion {
            // The union changed since the form was shown (another child added, say): show the
            // form again at its new version, the input kept.
            let current = try await families.find(family.id.uuid, base: page.base.id)
            return actPage(
                act, page: page, anchor: anchor, family: current, values: values.merging(["version": current.map { String($0.version) } ?? ""]) { $1 },
                errors: [], candidates: [:], children: children, notice: page.messages["act.conflict"], status: .conflict)
        }
        return Self.seeOther(location)
    }

    /// The act's page.
    private func actPage(
        _ act: FamilyAct, page: SiteScope, anchor: Person?, family: Stored<Family>?, values: [String: String], errors: [FieldError],
        candidates: [String: [(key: String, label: String)]], children: [String] = [], notice: String? = nil, status: HTTPResponse.Status = .ok
    ) -> Response {
        let messages = page.messages
        let maker = FormFieldMaker(values: values, errors: errors, messages: messages, language: page.site.language.dateLanguage)
        let name = anchor.map(SitePeople.name) ?? "…"
        func relative(_ prefix: String, legend: String, sexChoice: Bool) -> RelativeFormModel {
            let found = (candidates[prefix] ?? []).enumerated().map { index, candidate in
                RelativeFormModel.Candidate(id: "f-\(prefix)-choice-\(index)", name: "\(prefix).choice", value: candidate.key, label: candidate.label)
            }
            let sex =
                sexChoice
                ? maker.select(
                    "\(prefix).sex", label: messages["form.sex"], choices: Sex.allCases.map { ($0.rawValue, messages["sex.\($0.rawValue)"]) },
                    default: "unknown") : nil
            return RelativeFormModel(
                legend: legend, existing: maker.field("\(prefix).existing", label: messages["act.existing"], hint: messages["act.existing_hint"]),
                candidates: Listing(found), sex: sex,
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
            ])
        let heading: String
        let relatives: [RelativeFormModel]
        var position: FormSelectModel?
        let base = page.base.name
        let action: String
        let cancel: String
        switch act {
        case .addSpouse:
            heading = messages.format("act.add_spouse_of", name)
            relatives = [relative("spouse", legend: messages["act.spouse"], sexChoice: true)]
            action = (anchor.map(page.people.href) ?? SiteURL.base(base)) + "/add-spouse"
            cancel = anchor.map(page.people.href) ?? SiteURL.base(base)
        case .addParents:
            heading = messages.format("act.add_parents_of", name)
            relatives = [relative("father", legend: messages["father"], sexChoice: false), relative("mother", legend: messages["mother"], sexChoice: false)]
            action = (anchor.map(page.people.href) ?? SiteURL.base(base)) + "/add-parents"
            cancel = anchor.map(page.people.href) ?? SiteURL.base(base)
        case .addChild:
            heading = messages.format("act.add_child_of", name)
            relatives = [relative("child", legend: messages["act.child"], sexChoice: true)]
            let familyHref = SiteURL.family(base, id: (family?.value.id.uuid.uuidString.lowercased()) ?? "")
            action = familyHref + "/add-child"
            cancel = familyHref
            position = maker.select(
                "position", label: messages["act.position"],
                choices: [("0", messages["act.first_child"])]
                    + children.enumerated().map { (String($0.offset + 1), messages.format("act.after_child", $0.element)) },
                default: String(children.count))
        }
        let model = FamilyActPageModel(
            heading: heading, action: action, version: values["version"] ?? family.map { String($0.version) } ?? "", cancelHref: cancel, notice: notice,
            isError: status != .ok, relatives: relatives, union: act == .addChild ? nil : union, position: position)
        return page.site.html(.familyAct, model: model, frame: page.frame(heading), status: status)
    }
}
