import GenewebSite

/// The statistics page (template `statistics`). Codable: it is kept, encoded, until the base
/// changes (its figures scan the whole base).
struct StatisticsPageModel: Codable {
    struct Chart: Codable {
        let id: String
        let title: String
        let svg: String
        let columns: [String]
        let rows: [TableRow]
    }

    struct TableRow: Codable {
        let cells: [String]
    }

    struct Counted: Codable {
        let label: String
        let value: String
    }

    struct Aged: Codable {
        let person: Link
        let age: String
    }

    struct Link: Codable {
        let name: String
        let detail: String?
        let href: String?
    }

    let heading: String
    let counts: [Counted]
    let charts: [Chart]
    let longestLived: ListingBox<Aged>
}

/// `Listing` that can be kept encoded.
struct ListingBox<Item: Codable>: Codable {
    let items: [Item]
    let any: Bool

    init(_ items: [Item]) {
        self.items = items
        any = !items.isEmpty
    }
}

/// The anniversaries page (template `anniversaries`).
struct AnniversariesPageModel {
    struct Item {
        let year: String
        let persons: [PersonLinkModel]
    }

    struct Group {
        let id: String
        let title: String
        let items: Listing<Item>
    }

    struct DayChoice {
        let value: String
        let label: String
        let selected: Bool
    }

    struct MonthChoice {
        let value: Int
        let label: String
        let selected: Bool
    }

    let heading: String
    let days: [DayChoice]
    let months: [MonthChoice]
    let groups: [Group]
}
