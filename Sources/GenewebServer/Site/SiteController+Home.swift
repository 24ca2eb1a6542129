import Foundation
import GenewebCore
import GenewebSite
import GenewebStore
import Hummingbird

extension SiteController {
    /// `/b`: the server's bases.
    @Sendable func bases(_ request: Request, context: AppRequestContext) async throws -> Response {
        let site = SiteRequest(request, context: context, forms: accounts.formTokens)
        let names = try await scope.bases.summaries().map(\.name).sorted()
        let model = BasesPageModel(bases: Listing(names.map { LinkModel($0, SiteURL.base($0)) }))
        return site.html(.bases, model: model, frame: site.frame(title: site.messages["bases_heading"], base: nil))
    }

    /// `/b/{base}`: the base's home.
    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        let timer = ServerTiming()
        let page = try await open(request, context, needsGraph: false)
        let messages = page.messages
        let baseID = page.base.id
        let visibility = page.visibility
        let (surnames, _) = try await names.names(.surname, base: baseID, visibility: visibility, prefix: nil, order: .count, offset: 0, limit: 20)
        let (firstNames, _) = try await names.names(.firstName, base: baseID, visibility: visibility, prefix: nil, order: .count, offset: 0, limit: 20)
        let (_, personCount) = try await persons.list(base: baseID, filter: PersonFilter(), visibility: visibility, offset: 0, limit: 0)
        let path = SiteURL.base(page.base.name)
        let today = page.policy.rule.today
        let (month, day) = Self.monthDay(today)
        let anniversaries = try await anniversaryItems(page: page, month: month, day: day, limit: 10)
        // Latest changes: the persons edited last that this caller may see.
        let recent = try await accounts.audit.recentlyChangedPersons(base: page.base.name, limit: 30)
        let recentSights = try await page.policy.sight(ids: recent, base: baseID, persons: persons)
        let changed = recent.compactMap { id in recentSights[id].flatMap { $0.isFull ? page.people.link($0) : nil } }.prefix(10)
        let model = HomePageModel(
            name: page.base.name, counts: messages.count("persons_count", personCount),
            surnames: Listing(surnames.map { NameCountModel(name: $0.name, count: $0.count, href: path + "/surnames/" + SiteURL.component($0.name)) }),
            firstNames: Listing(firstNames.map { NameCountModel(name: $0.name, count: $0.count, href: path + "/first-names/" + SiteURL.component($0.name)) }),
            surnamesHref: path + "/surnames", firstNamesHref: path + "/first-names",
            anniversariesHeading: messages.format("anniversaries_of", Self.dayText(month: month, day: day, messages: messages)),
            anniversaries: Listing(anniversaries), anniversariesHref: path + "/anniversaries", statisticsHref: path + "/statistics",
            changes: Listing(Array(changed)))
        return page.site.html(.home, model: model, frame: page.frame(page.base.name, current: .home), timing: timer)
    }

    /// Births, deaths and marriages of a day, as "Born 150 years ago — name" lines.
    private func anniversaryItems(page: SiteScope, month: Int, day: Int, limit: Int) async throws -> [HomePageModel.Anniversary] {
        let (births, deaths) = try await anniversaries.personEvents(base: page.base.id, month: month, day: day, visibility: page.visibility, limit: limit)
        let marriages = try await anniversaries.marriages(base: page.base.id, month: month, day: day, visibility: page.visibility, limit: limit)
        let ids = births.map(\.personID) + deaths.map(\.personID) + marriages.flatMap(\.parentIDs)
        let sights = try await page.policy.sight(ids: ids, base: page.base.id, persons: persons)
        let year = Self.currentYear(page.policy.rule.today)
        let messages = page.messages
        var items: [HomePageModel.Anniversary] = []
        for (events, key) in [(births, "born_years_ago"), (deaths, "died_years_ago")] {
            for event in events {
                guard let sight = sights[event.personID], sight.isFull else { continue }
                items.append(HomePageModel.Anniversary(what: messages.format(key, String(year - event.year)), person: page.people.link(sight)))
            }
        }
        for marriage in marriages {
            let links = marriage.parentIDs.compactMap { sights[$0] }.filter(\.isFull).map(page.people.link)
            guard let first = links.first else { continue }
            let couple = PersonLinkModel(name: links.map(\.name).joined(separator: " & "), detail: nil, href: first.href)
            items.append(HomePageModel.Anniversary(what: messages.format("married_years_ago", String(year - marriage.year)), person: couple))
        }
        return items
    }

    /// `/b/{base}/anniversaries?day=&month=`: the births, deaths and marriages of a day.
    /// `?month=5` alone: the whole month, by day.
    @Sendable func anniversariesPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        var query = QueryParameters(request)
        let askedDay = query.integer(SiteQuery.day)
        let askedMonth = query.integer(SiteQuery.month)
        try query.validate()
        let page = try await open(request, context, needsGraph: false)
        let today = Self.monthDay(page.policy.rule.today)
        let month = askedMonth ?? today.month
        // A month asked for without a day is the whole month; nothing asked is today.
        let day = askedMonth != nil && askedDay == nil ? nil : min(askedDay ?? today.day, DateCalendar.gregorian.daysIn(month: month, year: 2000))
        let messages = page.messages
        let days = AnniversaryRepository.days(month: month, day: day)
        let (births, deaths) = try await anniversaries.personEvents(base: page.base.id, days: days, visibility: page.visibility, limit: 500)
        let marriages = try await anniversaries.marriages(base: page.base.id, days: days, visibility: page.visibility, limit: 500)
        let ids = births.map(\.personID) + deaths.map(\.personID) + marriages.flatMap(\.parentIDs)
        let sights = try await page.policy.sight(ids: ids, base: page.base.id, persons: persons)
        // The day is written too when the page holds a whole month.
        func when(_ year: Int, _ monthDay: Int) -> String {
            day == nil ? "\(Self.dayText(month: month, day: monthDay % 100, messages: messages)) \(year)" : String(year)
        }
        func items(_ events: [AnniversaryRepository.PersonEvent]) -> [AnniversariesPageModel.Item] {
            events.compactMap { event in
                guard let sight = sights[event.personID], sight.isFull else { return nil }
                return AnniversariesPageModel.Item(year: when(event.year, event.monthDay), persons: [page.people.link(sight)])
            }
        }
        let marriageItems = marriages.compactMap { marriage -> AnniversariesPageModel.Item? in
            let links = marriage.parentIDs.compactMap { sights[$0] }.filter(\.isFull).map(page.people.link)
            return links.isEmpty ? nil : AnniversariesPageModel.Item(year: when(marriage.year, marriage.monthDay), persons: links)
        }
        let period = day.map { Self.dayText(month: month, day: $0, messages: messages) } ?? messages["month.\(month)"]
        let heading = messages.format(day == nil ? "anniversaries_month" : "anniversaries_heading", period)
        let model = AnniversariesPageModel(
            heading: heading,
            days: [AnniversariesPageModel.DayChoice(value: "", label: messages["whole_month"], selected: day == nil)]
                + (1...31).map { AnniversariesPageModel.DayChoice(value: String($0), label: String($0), selected: $0 == day) },
            months: (1...12).map { AnniversariesPageModel.MonthChoice(value: $0, label: messages["month.\($0)"], selected: $0 == month) },
            groups: [
                AnniversariesPageModel.Group(id: "births", title: messages["births"], items: Listing(items(births))),
                AnniversariesPageModel.Group(id: "deaths", title: messages["deaths"], items: Listing(items(deaths))),
                AnniversariesPageModel.Group(id: "marriages", title: messages["marriages"], items: Listing(marriageItems)),
            ])
        return page.site.html(.anniversaries, model: model, frame: page.frame(heading, current: .anniversaries))
    }

    /// "2 December", "2 décembre" (the French first of the month is "1er").
    static func dayText(month: Int, day: Int, messages: Messages) -> String {
        let dayText = messages.language == "fr" && day == 1 ? "1er" : String(day)
        return "\(dayText) \(messages["month.\(month)"])"
    }

    /// Month and day of a Julian day number (the living rule's "today").
    static func monthDay(_ julianDay: Int) -> (month: Int, day: Int) {
        let date = DateCalendar.gregorian.date(julianDay: julianDay)
        return (date.month, date.day)
    }

    static func currentYear(_ julianDay: Int) -> Int {
        DateCalendar.gregorian.date(julianDay: julianDay).year
    }
}
