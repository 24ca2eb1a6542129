import Foundation
import GenewebCore
import GenewebSite
import GenewebStore
import Hummingbird

extension SiteController {
    static let indexPageSize = 200
    static let listPageSize = 50

    /// `/b/{base}/surnames?prefix=&order=name|count&page=`.
    @Sendable func surnames(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await nameIndex(.surnames, request, context)
    }

    /// `/b/{base}/first-names?prefix=&order=name|count&page=`.
    @Sendable func firstNames(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await nameIndex(.firstNames, request, context)
    }

    /// `/b/{base}/places?prefix=&order=name|count&page=`: GeneWeb's place index, the places of
    /// the persons' events with the number of persons at each.
    @Sendable func places(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await nameIndex(.places, request, context)
    }

    /// The three indexes of a base: where they live, what they are called, what they count.
    enum SiteIndex {
        case surnames, firstNames, places

        var path: String {
            switch self {
            case .surnames: "/surnames"
            case .firstNames: "/first-names"
            case .places: "/places"
            }
        }

        var headingKey: String {
            switch self {
            case .surnames: "surnames"
            case .firstNames: "first_names"
            case .places: "places"
            }
        }

        var menu: PageFrame.MenuEntry {
            switch self {
            case .surnames: .surnames
            case .firstNames: .firstNames
            case .places: .places
            }
        }
    }

    private func nameIndex(_ index: SiteIndex, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        var query = QueryParameters(request)
        let prefix = query.text(SiteQuery.prefix)
        let order = query.choice(SiteQuery.order).flatMap(NameIndexRepository.Order.init(rawValue:)) ?? .name
        let number = query.integerOrFallback(SiteQuery.page)
        try query.validate()
        let page = try await open(request, context, needsGraph: false)
        let offset = (number - 1) * Self.indexPageSize
        let (found, total): ([NameCount], Int)
        switch index {
        case .surnames, .firstNames:
            (found, total) = try await names.names(
                index == .surnames ? .surname : .firstName, base: page.base.id, visibility: page.visibility, prefix: prefix, order: order,
                offset: offset, limit: Self.indexPageSize)
        case .places:
            (found, total) = try await names.places(
                base: page.base.id, visibility: page.visibility, prefix: prefix, order: order, offset: offset, limit: Self.indexPageSize)
        }
        let messages = page.messages
        let path = SiteURL.base(page.base.name) + index.path
        let heading = messages[index.headingKey]
        let items = found.map { found -> NameCountModel in
            // Places read as the person pages write them ("Paris, France").
            let name = index == .places ? SitePeople.place(found.name) ?? found.name : found.name
            return NameCountModel(name: name, count: found.count, href: path + "/" + SiteURL.component(name))
        }
        func link(order: NameIndexRepository.Order, page: Int) -> String {
            path + SiteURL.query([("prefix", prefix ?? ""), ("order", order.rawValue), ("page", String(page))].filter { !$0.1.isEmpty })
        }
        let orders = [
            LinkModel(messages["by_name"], link(order: .name, page: 1), current: order == .name),
            LinkModel(messages["by_count"], link(order: .count, page: 1), current: order == .count),
        ]
        let model = NameIndexPageModel(
            heading: heading, prefix: prefix ?? "", orders: orders, names: Listing(items),
            pager: Self.pager(number: number, total: total, size: Self.indexPageSize, messages: messages) { link(order: order, page: $0) })
        return page.site.html(.nameIndex, model: model, frame: page.frame(heading, current: index.menu))
    }

    /// `/b/{base}/surnames/{name}`: the persons of one surname.
    @Sendable func surname(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await personsOfName(surname: true, request, context)
    }

    /// `/b/{base}/first-names/{name}`: the persons of one first name.
    @Sendable func firstName(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await personsOfName(surname: false, request, context)
    }

    /// `/b/{base}/places/{place}`: the persons with an event at one place.
    @Sendable func place(_ request: Request, context: AppRequestContext) async throws -> Response {
        var query = QueryParameters(request)
        let number = query.integerOrFallback(SiteQuery.page)
        try query.validate()
        let name = try context.parameters.require("name")
        guard name.count <= 500 else { throw APIError.notFound("No such place") }
        let page = try await open(request, context, needsGraph: false)
        let (items, total) = try await persons.list(
            base: page.base.id, filter: PersonFilter(place: name), visibility: page.visibility, offset: (number - 1) * Self.listPageSize,
            limit: Self.listPageSize)
        let sights = try await page.policy.sight(items, persons: persons)
        let messages = page.messages
        let heading = messages.format("place_heading", SitePeople.place(name) ?? name)
        let path = SiteURL.base(page.base.name) + "/places/" + SiteURL.component(name)
        let model = PersonListPageModel(
            heading: heading, summary: messages.count("persons_count", total), persons: Listing(sights.map(page.people.link)),
            pager: Self.pager(number: number, total: total, size: Self.listPageSize, messages: messages) { path + SiteURL.query([("page", String($0))]) })
        return page.site.html(.personList, model: model, frame: page.frame(heading, current: .places))
    }

    private func personsOfName(surname isSurname: Bool, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        var query = QueryParameters(request)
        let number = query.integerOrFallback(SiteQuery.page)
        try query.validate()
        let name = try context.parameters.require("name")
        guard name.count <= 100 else { throw APIError.notFound("No such name") }
        let page = try await open(request, context, needsGraph: false)
        let filter = isSurname ? PersonFilter(exactSurname: name) : PersonFilter(exactFirstName: name)
        let (items, total) = try await persons.list(
            base: page.base.id, filter: filter, visibility: page.visibility, offset: (number - 1) * Self.listPageSize, limit: Self.listPageSize)
        let sights = try await page.policy.sight(items, persons: persons)
        let messages = page.messages
        let heading = messages.format(isSurname ? "surname_heading" : "first_name_heading", name)
        let path = SiteURL.base(page.base.name) + (isSurname ? "/surnames/" : "/first-names/") + SiteURL.component(name)
        let model = PersonListPageModel(
            heading: heading, summary: messages.count("persons_count", total), persons: Listing(sights.map(page.people.link)),
            pager: Self.pager(number: number, total: total, size: Self.listPageSize, messages: messages) { path + SiteURL.query([("page", String($0))]) })
        return page.site.html(.personList, model: model, frame: page.frame(heading, current: isSurname ? .surnames : .firstNames))
    }

    /// `/b/{base}/search?q=`: persons by any words of their name, ranked as the JSON search ranks
    /// them; a single exact key goes straight to the person.
    @Sendable func searchPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        var query = QueryParameters(request)
        let words = query.text(SiteQuery.query)
        let number = query.integerOrFallback(SiteQuery.page)
        try query.validate()
        var page = try await open(request, context, needsGraph: false)
        page = page.searching(words ?? "")
        let messages = page.messages
        guard let words else {
            let heading = messages["search"]
            let model = PersonListPageModel(heading: heading, summary: nil, persons: Listing([]), pager: nil)
            return page.site.html(.personList, model: model, frame: page.frame(heading))
        }
        let (hits, total) = try await search.search(
            PersonSearch(query: words), base: page.base.id, visibility: page.visibility, offset: (number - 1) * Self.listPageSize, limit: Self.listPageSize)
        let sights = try await page.policy.sight(hits.map(\.person), persons: persons)
        let heading = messages.format("search_heading", words)
        let path = SiteURL.base(page.base.name) + "/search"
        let model = PersonListPageModel(
            heading: heading, summary: messages.count("results_count", total), persons: Listing(sights.map(page.people.link)),
            pager: Self.pager(number: number, total: total, size: Self.listPageSize, messages: messages) {
                path + SiteURL.query([("q", words), ("page", String($0))])
            })
        return page.site.html(.personList, model: model, frame: page.frame(heading))
    }

    /// Previous and next links, nil when everything fits on one page.
    static func pager(number: Int, total: Int, size: Int, messages: Messages, href: (Int) -> String) -> PagerModel? {
        let pages = max(1, (total + size - 1) / size)
        guard pages > 1 else { return nil }
        return PagerModel(
            previous: number > 1 ? href(min(number - 1, pages)) : nil, next: number < pages ? href(number + 1) : nil,
            position: messages.format("page_of", String(number), String(pages)))
    }
}
