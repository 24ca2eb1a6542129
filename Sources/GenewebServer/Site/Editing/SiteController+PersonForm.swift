import Foundation
import GenewebCore
import GenewebSite
import GenewebStore
import Hummingbird

/// The person form (editors and admins): `/b/{base}/p/{key}/edit` and `/b/{base}/new-person`.
///
/// "Check" shows the form again with every date read back in words and every problem next to
/// its field, saving nothing; "Save" does the same when something is wrong, and otherwise
/// writes through the same store call as `PATCH /persons/{id}` (same audit, same versions, same
/// occurrence rules) and goes to the person's page. The form carries the version it was opened
/// at: when someone else saved in between, the answer is a 409 page with their values beside
/// the form, still filled with this editor's input, now at their version.
extension SiteController {
    @Sendable func editPersonForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let page = try await open(request, context)
        let stored = try await editedPerson(page, context)
        let keys = try await WitnessInput.keys(of: stored.value, persons: persons, base: page.base.id)
        let values = PersonForm.values(of: stored.value, witnessKeys: keys)
        let model = personFormModel(
            page, values: values, errors: [], heading: page.messages.format("edit_person", SitePeople.name(stored.value)),
            action: editHref(page, stored.value), version: stored.version, cancel: page.people.href(stored.value), notice: nil)
        return page.site.html(.personForm, model: model, frame: page.frame(model.heading))
    }

    @Sendable func editPerson(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await SiteForm.read(request, context: context)
        let page = try await open(request, context)
        try requireFormToken(form["csrf"], page.site)
        let stored = try await editedPerson(page, context)
        let (witnesses, values, witnessErrors) = try await WitnessInput.resolve(PersonForm.values(of: form), page: page, persons: persons, search: search)
        var (person, errors) = PersonForm.apply(values, to: stored.value, witnesses: witnesses)
        errors += witnessErrors
        let heading = page.messages.format("edit_person", SitePeople.name(stored.value))
        let action = editHref(page, stored.value)
        let cancel = page.people.href(stored.value)
        let version = form.text("version").flatMap(Int.init)
        // Shown again (Check, or something to correct): places the base does not know get hints.
        let hints = !errors.isEmpty || form["action"] == "check" ? try await placeHints(values, page: page) : [:]
        func again(_ errors: [FieldError], notice: String, status: HTTPResponse.Status, version: Int?, conflict: [LabelledValue] = []) -> Response {
            let model = personFormModel(
                page, values: values, errors: errors, heading: heading, action: action, version: version, cancel: cancel, notice: notice,
                isError: status != .ok, conflict: conflict, placeHints: hints)
            return page.site.html(.personForm, model: model, frame: page.frame(heading), status: status)
        }
        if !errors.isEmpty { return again(errors, notice: page.messages["form.has_errors"], status: .unprocessableContent, version: version) }
        if form["action"] == "check" { return again([], notice: page.messages["form.checked"], status: .ok, version: version) }
        // A form opened before someone else's save: nothing is overwritten, both are shown.
        if let version, version != stored.version {
            return again(
                [], notice: page.messages["conflict.text"], status: .conflict, version: stored.version,
                conflict: differences(theirs: stored.value, yours: person, messages: page.messages, people: page.people))
        }
        let renamed = person.firstName != stored.value.firstName || person.surname != stored.value.surname
        let occurrence: PersonRepository.OccurrenceChoice = renamed && person.occurrence == stored.value.occurrence ? .smallestFree : .asGiven
        let before = PersonForm.values(of: stored.value, witnessKeys: try await WitnessInput.keys(of: stored.value, persons: persons, base: page.base.id))
        let changed = values.keys.filter { $0 != "version" && $0 != "action" && values[$0] != before[$0] ?? "" }
        let entry = context.auditEntry(
            "person.update", entityType: "person", entityID: person.id.uuid.uuidString.lowercased(), base: page.base.name,
            details: [
                "fields": Set(changed.map { String($0.split(separator: ".").first ?? "") }).sorted().joined(separator: ","),
                "version_before": String(stored.version), "via": "site",
            ])
        let updated: Stored<Person>
        do {
            updated = try await persons.update(person, base: page.base.id, expectedVersion: stored.version, occurrence: occurrence, audit: entry)
        } catch WriteConflict.duplicateKey {
            return again(
                [FieldError(field: "occurrence", message: "taken")], notice: page.messages["form.has_errors"], status: .conflict, version: version)
        } catch WriteConflict.staleVersion {
            // Someone saved between our read and our write: read theirs and show both.
            let current = try await editedPerson(page, context)
            return again(
                [], notice: page.messages["conflict.text"], status: .conflict, version: current.version,
                conflict: differences(theirs: current.value, yours: person, messages: page.messages, people: page.people))
        }
        return Self.seeOther(page.people.href(updated.value))
    }

    @Sendable func newPersonForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let page = try await open(request, context, needsGraph: false)
        let heading = page.messages["new_person"]
        let model = personFormModel(
            page, values: ["sex": "unknown", "access": "iftitles", "death_type": "dont_know_if_dead"], errors: [], heading: heading,
            action: SiteURL.base(page.base.name) + "/new-person", version: nil, cancel: SiteURL.base(page.base.name), notice: nil)
        return page.site.html(.personForm, model: model, frame: page.frame(heading))
    }

    @Sendable func newPerson(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await SiteForm.read(request, context: context)
        let page = try await open(request, context, needsGraph: false)
        try requireFormToken(form["csrf"], page.site)
        let (witnesses, values, witnessErrors) = try await WitnessInput.resolve(PersonForm.values(of: form), page: page, persons: persons, search: search)
        var (person, errors) = PersonForm.apply(values, to: nil, witnesses: witnesses)
        errors += witnessErrors
        let heading = page.messages["new_person"]
        let hints = !errors.isEmpty || form["action"] == "check" ? try await placeHints(values, page: page) : [:]
        func again(_ errors: [FieldError], notice: String, status: HTTPResponse.Status) -> Response {
            let model = personFormModel(
                page, values: values, errors: errors, heading: heading, action: SiteURL.base(page.base.name) + "/new-person", version: nil,
                cancel: SiteURL.base(page.base.name), notice: notice, isError: status != .ok, placeHints: hints)
            return page.site.html(.personForm, model: model, frame: page.frame(heading), status: status)
        }
        if !errors.isEmpty { return again(errors, notice: page.messages["form.has_errors"], status: .unprocessableContent) }
        if form["action"] == "check" { return again([], notice: page.messages["form.checked"], status: .ok) }
        let entry = context.auditEntry(
            "person.create", entityType: "person", entityID: person.id.uuid.uuidString.lowercased(), base: page.base.name,
            details: ["key": person.key, "via": "site"])
        do {
            // No occurrence typed: the smallest free number for the name, as the API does.
            let choice: PersonRepository.OccurrenceChoice = form.text("occurrence") == nil ? .smallestFree : .asGiven
            let stored = try await persons.insert(person, base: page.base.id, occurrence: choice, audit: entry)
            return Self.seeOther(page.people.href(stored.value))
        } catch WriteConflict.duplicateKey {
            return again([FieldError(field: "occurrence", message: "taken")], notice: page.messages["form.has_errors"], status: .conflict)
        }
    }

    // MARK: Parts

    /// The person of the address, read in full: editors and admins see every person.
    func editedPerson(_ page: SiteScope, _ context: AppRequestContext) async throws -> Stored<Person> {
        let root = try await page.index(key: try Self.key(context), persons: persons)
        guard let stored = try await persons.find(page.graph.ids[Int(root)], base: page.base.id) else {
            throw APIError.notFound("Person not found")
        }
        return stored
    }

    func editHref(_ page: SiteScope, _ person: Person) -> String {
        page.people.href(person) + "/edit"
    }

    static func seeOther(_ location: String) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        return Response(status: .seeOther, headers: headers)
    }

    /// A post without the page's token (a forged or stale form) is refused before anything else.
    func requireFormToken(_ token: String?, _ site: SiteRequest) throws {
        try site.requireFormToken(token, forms: accounts.formTokens)
    }

    /// Where the saved person differs from this form, in the page's words: each side's value.
    func differences(theirs: Person, yours: Person, messages: Messages, people: SitePeople) -> [LabelledValue] {
        let before = PersonForm.values(of: theirs)
        let after = PersonForm.values(of: yours)
        return Set(before.keys).union(after.keys).sorted().compactMap { key in
            let old = before[key] ?? ""
            let new = after[key] ?? ""
            guard old != new, !key.hasSuffix(".origin") else { return nil }
            return LabelledValue(formLabel(key, messages: messages), messages.format("conflict.values", old.isEmpty ? "—" : old, new.isEmpty ? "—" : new))
        }
    }

    /// The label of a form field by its name (`birth.date` → "Birth: date").
    func formLabel(_ name: String, messages: Messages) -> String {
        let parts = name.split(separator: ".").map(String.init)
        guard parts.count > 1 else { return messages["form.\(name)"] }
        let group = PersonForm.vitalKinds.contains(parts[0]) ? messages.event(parts[0]) : messages["form.\(parts[0])"] + " \(Int(parts[1]).map { $0 + 1 } ?? 0)"
        return group + " · " + messages["form.\(parts.last!)"]
    }
}
