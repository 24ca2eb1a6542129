import GenewebSite

/// The person page (template `person`). Lists are `Listing`s: templates see stored properties
/// only, and write a list's wrapper only when it has items.
struct PersonPageModel {
    struct Relative {
        let role: String
        let person: PersonLinkModel
    }

    struct Witness {
        let person: PersonLinkModel
        let role: String?
    }

    struct EventRow {
        let kind: String
        let date: String?
        let place: String?
        /// The place's page (the persons with an event there).
        let placeHref: String?
        let note: String?
        let source: String?
        let witnesses: Listing<Witness>
    }

    struct Sibling {
        let person: PersonLinkModel
        let half: String?
    }

    struct Union {
        let spouse: PersonLinkModel?
        let events: Listing<EventRow>
        let children: Listing<PersonLinkModel>
        let familyHref: String?
        /// For editors: the form adding a child to this union.
        let addChildHref: String?
    }

    let name: String
    let years: String?
    let sex: String
    let facts: Listing<LabelledValue>
    let chartLinks: [LinkModel]
    /// Edit, delete, history: for editors and admins only (empty otherwise).
    let editLinks: Listing<LinkModel>
    let parents: Listing<Relative>
    let events: Listing<EventRow>
    let unions: Listing<Union>
    let siblings: Listing<Sibling>
    let notes: String?
    let sources: String?
    let miniChart: String
    /// The person's first picture, and every media they are in that this caller may see.
    let portrait: PictureModel?
    let gallery: Listing<PictureModel>
    /// For editors: the form adding a picture or a document.
    let addMediaHref: String?
}

/// A picture or a document on a page.
struct PictureModel {
    let href: String
    let title: String
    let alt: String
    let isImage: Bool
}

/// Adding a picture or a document to a person (template `mediaForm`).
struct MediaFormModel {
    let heading: String
    let action: String
    let cancelHref: String
    let notice: String?
    let limit: String
}

/// The family page (template `family`).
struct FamilyPageModel {
    let title: String
    /// Edit the family, add a child: for editors and admins only (empty otherwise).
    let editLinks: Listing<LinkModel>
    let parents: Listing<PersonPageModel.Relative>
    let events: Listing<PersonPageModel.EventRow>
    let children: Listing<PersonLinkModel>
    let notes: String?
}
