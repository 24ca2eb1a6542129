import Foundation
import GenewebCharts
import GenewebCore
import GenewebSite
import GenewebStore
import Hummingbird

extension SiteController {
    /// `/b/{base}/p/{key}/ancestors?generations=5`: pedigree chart and Sosa list.
    @Sendable func ancestors(_ request: Request, context: AppRequestContext) async throws -> Response {
        let timer = ServerTiming()
        var query = QueryParameters(request)
        let generations = query.integerOrFallback(SiteQuery.pedigreeGenerations)
        try query.validate()
        let page = try await open(request, context)
        let root = try await page.index(key: try Self.key(context), persons: persons)
        let graph = page.graph
        // One generation more than drawn, to know which edge boxes have ancestors to go to.
        let (found, truncated) = graph.ancestors(of: root, maxGenerations: generations - 1)
        let sights = try await page.sights(found.map(\.person), persons: persons)
        let rootPerson = try page.requireFull(root, in: sights).value
        let name = SitePeople.name(rootPerson)

        // An ancestor is shown only through a line of visible persons, once in full, then as a
        // reference to the first place.
        let places = Self.sosaPlaces(found)
        var shown: [UInt64: GenealogyGraph.Index] = [:]
        var firstPlace: [GenealogyGraph.Index: UInt64] = [:]
        var entries: [PedigreeChart.Entry] = []
        var listed: [AncestorsPageModel.Entry] = []
        let base = page.base.name
        for (sosa, index) in places {
            guard let sight = sights[index] else { continue }
            if sosa > 1 {
                // Its child must be drawn in full (not restricted, not a reference).
                guard let child = shown[sosa / 2], sights[child]?.isFull == true, firstPlace[child] == sosa / 2 else { continue }
            }
            shown[sosa] = index
            let link = page.people.link(sight)
            if let first = firstPlace[index] {
                entries.append(PedigreeChart.Entry(sosa: sosa, person: page.people.chartPerson(sight), repeatOf: first))
                listed.append(AncestorsPageModel.Entry(sosa: sosa, person: link, repeatOf: first, name: link.name))
                continue
            }
            firstPlace[index] = sosa
            let generation = 63 - sosa.leadingZeroBitCount
            var more: String?
            if generation == generations - 1, sight.isFull, case .full(let stored, _) = sight {
                let (father, mother) = graph.parents(of: index)
                if father != nil || mother != nil {
                    more = SiteURL.person(base, key: SitePeople.pageKey(stored.value)) + "/ancestors" + SiteURL.query([("generations", String(generations))])
                }
            }
            let chartHref = page.people.chartPerson(sight).href
            entries.append(PedigreeChart.Entry(sosa: sosa, person: page.people.chartPerson(sight, href: chartHref), moreHref: more))
            listed.append(AncestorsPageModel.Entry(sosa: sosa, person: link, repeatOf: nil, name: link.name))
        }
        let messages = page.messages
        let heading = messages.format("ancestors_of", name)
        let chart = PedigreeChart.make(entries, labels: PedigreeChart.Labels(sosa: messages["sosa"], moreAncestors: messages["more_ancestors"]))
        var byGeneration: [Int: [AncestorsPageModel.Entry]] = [:]
        for entry in listed { byGeneration[63 - entry.sosa.leadingZeroBitCount, default: []].append(entry) }
        let groups = byGeneration.keys.sorted().map {
            AncestorsPageModel.Generation(label: messages.format("generation", String($0 + 1)), entries: byGeneration[$0]!)
        }
        let personHref = SiteURL.person(base, key: SitePeople.pageKey(rootPerson))
        let model = AncestorsPageModel(
            heading: heading, generationChoices: (1...10).map { ChoiceModel(value: $0, selected: $0 == generations) },
            fanHref: personHref + "/fan", descendantsHref: personHref + "/descendants", personHref: personHref,
            chart: chart.svg(title: heading, id: "pedigree-chart", cssClass: "pedigree"), generations: groups, truncated: truncated)
        return page.site.html(.ancestors, model: model, frame: page.frame(heading), timing: timer)
    }

    /// `/b/{base}/p/{key}/fan?generations=6&angle=360`: the fan chart.
    @Sendable func fan(_ request: Request, context: AppRequestContext) async throws -> Response {
        var query = QueryParameters(request)
        let generations = query.integerOrFallback(SiteQuery.fanGenerations)
        let angle = Int(query.choice(SiteQuery.fanAngle) ?? "270") ?? 270
        try query.validate()
        let page = try await open(request, context)
        let root = try await page.index(key: try Self.key(context), persons: persons)
        let (found, _) = page.graph.ancestors(of: root, maxGenerations: generations - 1)
        let sights = try await page.sights(found.map(\.person), persons: persons)
        let rootPerson = try page.requireFull(root, in: sights).value
        // Every Sosa place is drawn (a fan shows implex as it is), through visible persons only.
        let places = Self.sosaPlaces(found)
        var drawn: [UInt64: Bool] = [:]
        var entries: [(sosa: UInt64, person: ChartPerson)] = []
        for (sosa, index) in places {
            guard let sight = sights[index], sosa == 1 || drawn[sosa / 2] == true else { continue }
            drawn[sosa] = sight.isFull
            entries.append((sosa, page.people.chartPerson(sight)))
        }
        let heading = page.messages.format("fan_of", SitePeople.name(rootPerson))
        let personHref = SiteURL.person(page.base.name, key: SitePeople.pageKey(rootPerson))
        let model = FanPageModel(
            heading: heading, generationChoices: (2...8).map { ChoiceModel(value: $0, selected: $0 == generations) },
            angleChoices: [180, 270, 360].map { ChoiceModel(value: $0, selected: $0 == angle) }, ancestorsHref: personHref + "/ancestors",
            personHref: personHref, chart: FanChart(entries, generations: generations, angle: Double(angle)).svg(title: heading, id: "fan-chart"))
        return page.site.html(.fan, model: model, frame: page.frame(heading))
    }

    /// Every (Sosa number, ancestor) place, by Sosa number: an ancestor reached by several lines
    /// holds several places.
    static func sosaPlaces(_ found: [GenealogyGraph.Ancestor]) -> [(sosa: UInt64, person: GenealogyGraph.Index)] {
        found.flatMap { ancestor in ancestor.sosaNumbers.map { (sosa: $0, person: ancestor.person) } }.sorted { $0.sosa < $1.sosa }
    }

    /// Boxes at most in one descendant chart; past it, "more" links continue from the cut.
    static let descendantBoxLimit = 300

    /// `/b/{base}/p/{key}/descendants?generations=4`: tidy tree and d'Aboville list.
    @Sendable func descendants(_ request: Request, context: AppRequestContext) async throws -> Response {
        let timer = ServerTiming()
        var query = QueryParameters(request)
        let generations = query.integerOrFallback(SiteQuery.descendantGenerations)
        try query.validate()
        let page = try await open(request, context)
        let root = try await page.index(key: try Self.key(context), persons: persons)
        let graph = page.graph
        // Breadth first, so a cut keeps whole generations near the root.
        var included: [GenealogyGraph.Index] = [root]
        var depth: [GenealogyGraph.Index: Int] = [root: 0]
        var cursor = 0
        var cut = false
        while cursor < included.count {
            let person = included[cursor]
            cursor += 1
            guard depth[person]! < generations else { continue }
            for child in graph.children[Int(person)] where depth[child] == nil {
                if included.count >= Self.descendantBoxLimit {
                    cut = true
                    break
                }
                depth[child] = depth[person]! + 1
                included.append(child)
            }
        }
        let spouses = included.flatMap { graph.spouses[Int($0)] }
        let sights = try await page.sights(included + spouses, persons: persons)
        let rootPerson = try page.requireFull(root, in: sights).value
        let base = page.base.name
        let messages = page.messages
        var listed: [DescendantsPageModel.Entry] = []
        var drawn: Set<GenealogyGraph.Index> = []
        // The tree below a person, through visible persons only; children in the graph's order
        // (families in order, children in birth order).
        func entry(_ person: GenealogyGraph.Index, label: String) -> DescendantChart.Entry {
            let sight = sights[person]!
            drawn.insert(person)
            listed.append(DescendantsPageModel.Entry(label: label, depth: min(depth[person]! + 1, 6), person: page.people.link(sight)))
            guard case .full(let stored, _) = sight else { return DescendantChart.Entry(person: page.people.chartPerson(sight)) }
            let unions = graph.spouses[Int(person)].compactMap { sights[$0] }.map { "⚭ " + page.people.link($0).name }
            var children: [DescendantChart.Entry] = []
            var more: String?
            for (position, child) in graph.children[Int(person)].enumerated() {
                if depth[child] == (depth[person] ?? 0) + 1, sights[child] != nil, !drawn.contains(child) {
                    children.append(entry(child, label: "\(label).\(position + 1)"))
                } else if more == nil {
                    more = SiteURL.person(base, key: SitePeople.pageKey(stored.value)) + "/descendants" + SiteURL.query([("generations", String(generations))])
                }
            }
            return DescendantChart.Entry(person: page.people.chartPerson(sight), unions: unions, children: children, moreHref: more)
        }
        let tree = entry(root, label: "1")
        let heading = messages.format("descendants_of", SitePeople.name(rootPerson))
        let chart = DescendantChart.make(tree, moreDescendants: messages["more_descendants"])
        let personHref = SiteURL.person(base, key: SitePeople.pageKey(rootPerson))
        let model = DescendantsPageModel(
            heading: heading, generationChoices: (1...12).map { ChoiceModel(value: $0, selected: $0 == generations) },
            ancestorsHref: personHref + "/ancestors", personHref: personHref,
            chart: chart.svg(title: heading, id: "descendant-chart", cssClass: "descendants"), cut: cut, entries: listed)
        return page.site.html(.descendants, model: model, frame: page.frame(heading), timing: timer)
    }
}
