import GenewebSite

/// The ancestors page (template `ancestors`).
struct AncestorsPageModel {
    struct Entry {
        let sosa: UInt64
        let person: PersonLinkModel
        /// Set for a later place of an ancestor listed already (implex).
        let repeatOf: UInt64?
        let name: String
    }

    struct Generation {
        let label: String
        let entries: [Entry]
    }

    let heading: String
    let generationChoices: [ChoiceModel]
    let fanHref: String
    let descendantsHref: String
    let personHref: String
    let chart: String
    let generations: [Generation]
    let truncated: Bool
}

/// The fan chart page (template `fan`).
struct FanPageModel {
    let heading: String
    let generationChoices: [ChoiceModel]
    let angleChoices: [ChoiceModel]
    let ancestorsHref: String
    let personHref: String
    let chart: String
}

/// The descendants page (template `descendants`).
struct DescendantsPageModel {
    struct Entry {
        let label: String
        let depth: Int
        let person: PersonLinkModel
    }

    let heading: String
    let generationChoices: [ChoiceModel]
    let ancestorsHref: String
    let personHref: String
    let chart: String
    let cut: Bool
    let entries: [Entry]
}

/// The relationship page (template `relationship`).
struct RelationshipPageModel {
    struct Path {
        let heading: String
        let chart: String
    }

    struct Result {
        let sentence: String
        let paths: Listing<Path>
        let figures: [LabelledValue]
    }

    let heading: String
    let query: String
    let candidates: Listing<PersonLinkModel>
    let noCandidates: Bool
    let result: Result?
}
