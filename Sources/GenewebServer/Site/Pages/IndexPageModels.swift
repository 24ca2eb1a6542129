import GenewebSite

/// A name with its number of persons, linking to them.
struct NameCountModel {
    let name: String
    let count: Int
    let href: String
}

/// The surname or first-name index (template `nameIndex`).
struct NameIndexPageModel {
    let heading: String
    let prefix: String
    let orders: [LinkModel]
    let names: Listing<NameCountModel>
    let pager: PagerModel?
}

/// Persons of a name, or search results (template `personList`).
struct PersonListPageModel {
    let heading: String
    let summary: String?
    let persons: Listing<PersonLinkModel>
    let pager: PagerModel?
}

/// A base's home (template `home`).
struct HomePageModel {
    struct Anniversary {
        let what: String
        let person: PersonLinkModel
    }

    let name: String
    let counts: String
    let surnames: Listing<NameCountModel>
    let firstNames: Listing<NameCountModel>
    let surnamesHref: String
    let firstNamesHref: String
    let anniversariesHeading: String
    let anniversaries: Listing<Anniversary>
    let anniversariesHref: String
    let statisticsHref: String
    let changes: Listing<PersonLinkModel>
}

/// The server's bases (template `bases`).
struct BasesPageModel {
    let bases: Listing<LinkModel>
}
