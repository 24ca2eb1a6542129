import Foundation
import GenewebCore
import GenewebSite

/// Builds the person form's page model from the form's values: labels from the catalog, each
/// field's problem in the page's language, and each date read back in words.
extension SiteController {
    func personFormModel(
        _ page: SiteScope, values: [String: String], errors: [FieldError], heading: String, action: String, version: Int?, cancel: String,
        notice: String?, isError: Bool = false, conflict: [LabelledValue] = [], placeHints: [String: String] = [:]
    ) -> PersonFormPageModel {
        let messages = page.messages
        let maker = FormFieldMaker(values: values, errors: errors, messages: messages, language: page.site.language.dateLanguage)
        let problems = maker.problems
        func field(_ name: String, textarea: Bool = false, hint: String? = nil, inputType: String = "text") -> FormFieldModel {
            maker.field(name, textarea: textarea, hint: hint, inputType: inputType)
        }
        let dateHint = messages["form.date_hint"]
        let witnessHint = messages["form.witnesses_hint"]
        func eventFields(_ prefix: String) -> [FormFieldModel] {
            [
                field(prefix + ".date", hint: dateHint), field(prefix + ".place", hint: placeHints[prefix + ".place"]), field(prefix + ".note", textarea: true),
                field(prefix + ".source"),
                field(prefix + ".witnesses", textarea: true, hint: witnessHint),
            ]
        }

        let vitals = PersonForm.vitalKinds.map { FormGroupModel(legend: messages.event($0), hidden: [], select: nil, fields: eventFields($0)) }
        let kindChoices =
            [("", messages["form.choose"])]
            + PersonForm.otherEventKinds.map { ($0, messages.event($0)) }
            .sorted { $0.1.localizedCompare($1.1) == .orderedAscending } + [("custom", messages["form.custom_event"])]
        let eventRows = PersonForm.rows("events", in: values) + PersonForm.blankRows
        let events = (0..<min(eventRows, PersonForm.maximumRows)).map { row -> FormGroupModel in
            let prefix = "events.\(row)"
            let select = FormSelectModel(
                name: prefix + ".kind", label: messages["form.kind"], choices: kindChoices, selected: values[prefix + ".kind"] ?? "",
                error: problems[prefix + ".kind"])
            let origin = values[prefix + ".origin"].map { [LabelledValue(prefix + ".origin", $0)] } ?? []
            return FormGroupModel(
                legend: messages.format("form.event_row", String(row + 1)), hidden: origin, select: select,
                fields: [field(prefix + ".custom_name")] + eventFields(prefix))
        }
        let titleRows = PersonForm.rows("titles", in: values) + 1
        let titles = (0..<min(titleRows, PersonForm.maximumRows)).map { row -> FormGroupModel in
            let prefix = "titles.\(row)"
            let origin = values[prefix + ".origin"].map { [LabelledValue(prefix + ".origin", $0)] } ?? []
            return FormGroupModel(
                legend: messages.format("form.title_row", String(row + 1)), hidden: origin, select: nil,
                fields: [field(prefix + ".title"), field(prefix + ".place"), field(prefix + ".start", hint: dateHint), field(prefix + ".end", hint: dateHint)],
                check: FormCheckModel(name: prefix + ".main", label: messages["form.main"], checked: values[prefix + ".main"] != nil))
        }
        let lines = messages["form.one_per_line"]
        return PersonFormPageModel(
            heading: heading, action: action, version: version.map(String.init) ?? "", cancelHref: cancel, notice: notice, isError: isError,
            conflict: Listing(conflict),
            names: [field("first_name"), field("surname"), field("occurrence", inputType: "number"), field("public_name")],
            sex: FormSelectModel(
                name: "sex", label: messages["form.sex"], choices: Sex.allCases.map { ($0.rawValue, messages["sex.\($0.rawValue)"]) },
                selected: values["sex"] ?? "unknown", error: problems["sex"]),
            access: FormSelectModel(
                name: "access", label: messages["form.access"], choices: ["iftitles", "public", "private"].map { ($0, messages["access.\($0)"]) },
                selected: values["access"] ?? "iftitles", error: problems["access"]),
            deathType: FormSelectModel(
                name: "death_type", label: messages["form.death_type"], choices: DeathTypeName.names.map { ($0, messages["death.\($0)"]) },
                selected: values["death_type"] ?? "dont_know_if_dead", error: problems["death_type"]),
            facts: [field("occupation")] + PersonForm.listFields.map { field($0, textarea: true, hint: lines) },
            vitals: vitals, events: events, titles: titles,
            texts: [field("notes", textarea: true), field("sources", textarea: true)])
    }
}
