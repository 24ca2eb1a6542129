import GenewebSite

/// One field of an editing form: its label, what it holds, the problem with it, and for a
/// date what the server read in it ("about 1850"), shown back before anything is saved.
struct FormFieldModel {
    let name: String
    let id: String
    let label: String
    let value: String
    let error: String?
    let words: String?
    let hint: String?
    let textarea: Bool
    let inputType: String
    /// `place` or `person`: the site's script offers choices as it is typed (`/b/{base}/suggest`).
    let suggest: String?

    init(
        name: String, label: String, value: String, error: String? = nil, words: String? = nil, hint: String? = nil, textarea: Bool = false,
        inputType: String = "text", suggest: String? = nil
    ) {
        self.name = name
        id = "f-" + name.replacingOccurrences(of: ".", with: "-")
        self.label = label
        self.value = value
        self.error = error
        self.words = words
        self.hint = hint
        self.textarea = textarea
        self.inputType = inputType
        self.suggest = suggest
    }
}

/// A choice among fixed values (sex, access, an event's kind).
struct FormSelectModel {
    struct Choice {
        let value: String
        let label: String
        let selected: Bool
    }

    let name: String
    let id: String
    let label: String
    let choices: [Choice]
    let error: String?

    init(name: String, label: String, choices: [(String, String)], selected: String, error: String? = nil) {
        self.name = name
        id = "f-" + name.replacingOccurrences(of: ".", with: "-")
        self.label = label
        self.choices = choices.map { Choice(value: $0.0, label: $0.1, selected: $0.0 == selected) }
        self.error = error
    }
}

/// A yes-or-no field (a title is the person's main one).
struct FormCheckModel {
    let name: String
    let id: String
    let label: String
    let checked: Bool

    init(name: String, label: String, checked: Bool) {
        self.name = name
        id = "f-" + name.replacingOccurrences(of: ".", with: "-")
        self.label = label
        self.checked = checked
    }
}

/// A group of fields under a legend: a main event, an other event's row, a title's row.
struct FormGroupModel {
    let legend: String
    let hidden: [LabelledValue]
    let select: FormSelectModel?
    let fields: [FormFieldModel]
    var check: FormCheckModel?
}

/// The person form (template `personForm`), new or existing.
struct PersonFormPageModel {
    let heading: String
    let action: String
    let version: String
    let cancelHref: String
    /// A notice over the form: the dates were checked, or the form has errors.
    let notice: String?
    let isError: Bool
    /// After someone else's change: what they saved where it differs from this form.
    let conflict: Listing<LabelledValue>
    let names: [FormFieldModel]
    let sex: FormSelectModel
    let access: FormSelectModel
    let deathType: FormSelectModel
    let facts: [FormFieldModel]
    let vitals: [FormGroupModel]
    let events: [FormGroupModel]
    let titles: [FormGroupModel]
    let texts: [FormFieldModel]
}

/// Deleting a person: what else changes, and the button (template `deletePerson`).
struct DeletePageModel {
    let heading: String
    let action: String
    let version: String
    let consequences: Listing<String>
    let cancelHref: String
    /// The person changed since the page was shown: the page says so and asks again.
    var notice: String?
}

/// A record's changes from the audit log (template `history`).
struct HistoryPageModel {
    struct Change {
        let when: String
        let who: String
        let what: String
        let fields: String?
    }

    /// A version the store kept, with the link to compare and restore it.
    struct EarlierVersion {
        let number: String
        let when: String
        let summary: String
        let href: String
    }

    let heading: String
    let backHref: String
    let backLabel: String
    let changes: Listing<Change>
    let versions: Listing<EarlierVersion>
}

/// An earlier version beside the record as it is, and the button that restores it.
struct RestorePageModel {
    let heading: String
    let written: String
    let action: String
    let version: String
    let rows: Listing<VersionComparison.Row>
    let droppedLinks: String?
    let backHref: String
    let notice: String?
}

/// One relative on a family act's form: an existing person (key, or words and then a choice
/// among the persons found) or a new one.
struct RelativeFormModel {
    struct Candidate {
        let id: String
        let name: String
        let value: String
        let label: String
    }

    let legend: String
    let existing: FormFieldModel
    let candidates: Listing<Candidate>
    let sex: FormSelectModel?
    let fields: [FormFieldModel]
}

/// Add spouse, add parents, add child (template `familyAct`): the relatives, the union's
/// relation and marriage, the child's place among the siblings.
struct FamilyActPageModel {
    let heading: String
    let action: String
    let version: String
    let cancelHref: String
    let notice: String?
    let isError: Bool
    let relatives: [RelativeFormModel]
    let union: FormGroupModel?
    let position: FormSelectModel?
}

/// The family form (template `familyForm`): both spouses, the union, the children's order.
struct FamilyFormPageModel {
    struct ChildRow {
        let id: String
        let name: String
        let idField: String
        let position: FormFieldModel
    }

    let heading: String
    let action: String
    let version: String
    let cancelHref: String
    let notice: String?
    let isError: Bool
    let parents: [FormGroupModel]
    let union: FormGroupModel
    let divorce: FormGroupModel
    let texts: [FormFieldModel]
    let children: Listing<ChildRow>
}

/// Merging two records of one person (template `mergePerson`): first the other record (a key,
/// or words then a choice among the persons found), then each differing fact with a choice.
struct MergePageModel {
    struct Row {
        let label: String
        let name: String
        let keptID: String
        let otherID: String
        let bothID: String?
        let kept: String
        let other: String
        let choseOther: Bool
        let choseBoth: Bool
    }

    let heading: String
    let notice: String?
    let isError: Bool
    /// Step one: the search form and the persons found.
    let searchAction: String
    let query: String
    let candidates: Listing<LinkModel>
    /// Step two: the comparison, posted to `action`.
    let comparing: Bool
    let action: String
    let otherKey: String
    let otherName: String
    let version: String
    let otherVersion: String
    let rows: Listing<Row>
    let combined: String
    let cancelHref: String
}
