import Foundation
import GenewebCharts
import GenewebCore
import GenewebSite
import GenewebStore
import Hummingbird

extension SiteController {
    /// `/b/{base}/statistics`: counts and charts over the persons the caller may see, kept until
    /// the base changes (one scan of the whole base, shared with nobody who sees more).
    @Sendable func statisticsPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let page = try await open(request, context, needsGraph: false)
        let version = try await graphs.repository.version(of: page.base.id)
        let key = "site-statistics|\(page.base.id)|\(page.policy.seesEverything)|\(page.site.language.rawValue)"
        let (statistics, names, visibility, rule) = (self.statistics, self.names, page.visibility, page.policy.rule)
        let messages = page.messages
        let baseID = page.base.id
        let people = page.people
        let body = try await figures.answer(for: key, base: baseID, version: version, day: rule.today) {
            let figures = try await statistics.statistics(base: baseID, visibility: visibility, rule: rule, listLength: 10)
            let (surnames, _) = try await names.names(.surname, base: baseID, visibility: visibility, prefix: nil, order: .count, offset: 0, limit: 15)
            let (firstNames, _) = try await names.names(.firstName, base: baseID, visibility: visibility, prefix: nil, order: .count, offset: 0, limit: 15)
            let model = Self.statisticsModel(figures, surnames: surnames, firstNames: firstNames, messages: messages, people: people)
            return try JSONEncoder().encode(model)
        }
        guard let body else {
            var response = page.site.html(
                .error, model: SiteErrorModel(heading: messages["error.503"], message: messages["error.503.text"]),
                frame: page.frame(messages["error.503"]), status: .serviceUnavailable)
            response.headers[.retryAfter] = "10"
            return response
        }
        let model = try JSONDecoder().decode(StatisticsPageModel.self, from: body)
        return page.site.html(.statistics, model: model, frame: page.frame(model.heading, current: .statistics))
    }

    static func statisticsModel(
        _ figures: BaseStatistics, surnames: [NameCount], firstNames: [NameCount], messages: Messages, people: SitePeople
    ) -> StatisticsPageModel {
        let counts = [
            ("persons", figures.persons), ("men", figures.men), ("women", figures.women), ("deceased", figures.deceased), ("families", figures.families),
        ].map { StatisticsPageModel.Counted(label: messages[$0.0], value: String($0.1)) }
        var charts: [StatisticsPageModel.Chart] = []
        // The figures' centuries are their first year (1800 for 1800–1899).
        let centuryLabel: (Int) -> String = { "\($0)–\($0 + 99)" }

        let births = figures.birthsByCentury.sorted { $0.century < $1.century }
        if !births.isEmpty {
            let rows = births.map { BarChart.Row(label: centuryLabel($0.century), values: [Double($0.persons)]) }
            charts.append(
                chart(
                    "births", messages["births_by_century"], rows, classes: ["all"], format: { String(Int($0)) },
                    columns: [messages["century"], messages["count"]],
                    table: births.map { [centuryLabel($0.century), String($0.persons)] }))
        }
        for (id, title, averages) in [
            ("life-expectancy", messages["life_expectancy"], figures.lifeExpectancy), ("age-at-marriage", messages["age_at_marriage"], figures.ageAtMarriage),
        ] where !averages.isEmpty {
            let centuries = Array(Set(averages.map(\.century))).sorted()
            // NaN where nobody of that sex and century was measured: no bar, "–".
            func average(_ century: Int, _ sex: Sex) -> Double { averages.first { $0.century == century && $0.sex == sex }?.averageYears ?? .nan }
            func text(_ value: Double) -> String { value.isNaN ? "–" : String(format: "%.1f", value) }
            let rows = centuries.map { BarChart.Row(label: centuryLabel($0), values: [average($0, .male), average($0, .female)]) }
            charts.append(
                chart(
                    id, title, rows, classes: ["male", "female"], format: { String(format: "%.1f", $0) },
                    columns: [messages["century"], messages["men"], messages["women"]],
                    table: centuries.map { [centuryLabel($0), text(average($0, .male)), text(average($0, .female))] }))
        }
        if !figures.deathsByAge.isEmpty {
            func count(_ decade: Int, _ sex: Sex) -> Int { figures.deathsByAge.first { $0.decade == decade && $0.sex == sex }?.persons ?? 0 }
            let label: (Int) -> String = { $0 >= 10 ? "100+" : "\($0 * 10)–\($0 * 10 + 9)" }
            let rows = (0...10).map { PyramidChart.Row(label: label($0), men: count($0, .male), women: count($0, .female)) }
            let title = messages["population_pyramid"]
            charts.append(
                StatisticsPageModel.Chart(
                    id: "pyramid", title: title, svg: PyramidChart(rows: rows).svg(title: title, id: "pyramid-chart"),
                    columns: [messages["age_range"], messages["men"], messages["women"]],
                    rows: (0...10).reversed().map { StatisticsPageModel.TableRow(cells: [label($0), String(count($0, .male)), String(count($0, .female))]) }))
        }
        for (id, title, column, names) in [
            ("surnames", messages["frequent_surnames"], messages["surnames"], surnames),
            ("first-names", messages["frequent_first_names"], messages["first_names"], firstNames),
        ] where !names.isEmpty {
            let rows = names.map { BarChart.Row(label: $0.name, values: [Double($0.count)]) }
            charts.append(
                chart(
                    id, title, rows, classes: ["all"], format: { String(Int($0)) }, columns: [column, messages["count"]],
                    table: names.map { [$0.name, String($0.count)] }))
        }
        let longest = figures.longestLived.map { aged in
            StatisticsPageModel.Aged(
                person: StatisticsPageModel.Link(name: "\(aged.firstName) \(aged.surname)", detail: aged.birthYear.map { "° \($0)" }, href: nil),
                age: messages.format("years", String(aged.years)))
        }
        return StatisticsPageModel(
            heading: messages["statistics"], counts: counts, charts: charts, longestLived: ListingBox(longest))
    }

    private static func chart(
        _ id: String, _ title: String, _ rows: [BarChart.Row], classes: [String], format: (Double) -> String, columns: [String], table: [[String]]
    ) -> StatisticsPageModel.Chart {
        let svg = BarChart(rows: rows, seriesClasses: classes, format: format).svg(title: title, id: "\(id)-chart")
        return StatisticsPageModel.Chart(id: id, title: title, svg: svg, columns: columns, rows: table.map { StatisticsPageModel.TableRow(cells: $0) })
    }
}
