import Foundation
import GenewebCharts
import GenewebCore
import GenewebSite
import GenewebStore
import Hummingbird

extension SiteController {
    /// `/b/{base}/p/{key}/relationship?with=…`: how two persons are related. `with` is the
    /// second person's GeneWeb key, or words of a name, which list the persons to choose from.
    @Sendable func relationship(_ request: Request, context: AppRequestContext) async throws -> Response {
        var query = QueryParameters(request)
        let other = query.text(SiteQuery.other)
        try query.validate()
        let page = try await open(request, context)
        let (stored, root) = try await page.person(key: try Self.key(context), persons: persons)
        let messages = page.messages
        let name = SitePeople.name(stored.value)
        let heading = messages.format("relationship_of", name)
        let base = page.base.name
        let here = SiteURL.person(base, key: SitePeople.pageKey(stored.value)) + "/relationship"
        var result: RelationshipPageModel.Result?
        var candidates: [PersonLinkModel] = []
        var searched = false

        var second: GenealogyGraph.Index?
        if let other, NameNormalizer.parsePersonKey(other) != nil || UUID(uuidString: other) != nil {
            second = try? await page.person(key: other, persons: persons).1
        }
        if let second {
            let graph = page.graph
            let relation = graph.relationship(root, second, maxGenerations: GenealogyQuery.maximumGenerations)
            // Everyone the answer shows: both ends, the common ancestors and each line down.
            var lines:
                [(link: GenealogyGraph.RelationshipLink, ancestor: GenealogyGraph.Index, first: [GenealogyGraph.Index], second: [GenealogyGraph.Index])] = []
            let (fromFirst, fromSecond) =
                relation.kind == .marriage && relation.through != nil
                ? (graph.spouses[Int(root)].contains(relation.through!) ? (relation.through!, second) : (root, relation.through!)) : (root, second)
            for link in relation.links.prefix(10) {
                guard let ancestor = link.ancestors.first,
                    let up = graph.lineage(from: fromFirst, to: ancestor, generations: link.up),
                    let down = graph.lineage(from: fromSecond, to: ancestor, generations: link.down)
                else { continue }
                lines.append((link, ancestor, up, down))
            }
            let everyone = [root, second] + (relation.through.map { [$0] } ?? []) + lines.flatMap { $0.first + $0.second + $0.link.ancestors }
            let sights = try await page.sights(everyone, persons: persons)
            _ = try page.requireFull(root, in: sights)
            if case .full(let secondStored, _)? = sights[second] {
                let secondName = SitePeople.name(secondStored.value)
                result = relationshipResult(
                    relation, lines: lines, sights: sights, pair: (root, second), names: (name, secondName), sex: stored.value.sex, page: page)
            } else {
                // A hidden second person is as unknown as a missing one.
                searched = true
            }
        } else if let other {
            searched = true
            let (hits, _) = try await search.search(PersonSearch(query: other), base: page.base.id, visibility: page.visibility, offset: 0, limit: 30)
            // The page's own person first: hidden from this caller, the page does not exist.
            let sights = try await page.policy.sight([stored] + hits.map(\.person), persons: persons)
            guard sights.first?.isFull == true else { throw APIError.notFound("Person not found") }
            candidates = sights.dropFirst().compactMap { sight in
                guard case .full(let found, _) = sight, found.value.id != stored.value.id else { return nil }
                return PersonLinkModel(
                    name: SitePeople.name(found.value), detail: SitePeople.years(found.value),
                    href: here + SiteURL.query([("with", SitePeople.pageKey(found.value))]))
            }
        } else {
            let sights = try await page.sights([root], persons: persons)
            _ = try page.requireFull(root, in: sights)
        }
        let model = RelationshipPageModel(
            heading: heading, query: other ?? "", candidates: Listing(candidates), noCandidates: searched && candidates.isEmpty, result: result)
        return page.site.html(.relationship, model: model, frame: page.frame(heading))
    }

    private func relationshipResult(
        _ relation: GenealogyGraph.Relationship,
        lines: [(link: GenealogyGraph.RelationshipLink, ancestor: GenealogyGraph.Index, first: [GenealogyGraph.Index], second: [GenealogyGraph.Index])],
        sights: [GenealogyGraph.Index: PersonSight], pair: (GenealogyGraph.Index, GenealogyGraph.Index), names: (String, String), sex: Sex,
        page: SiteScope
    ) -> RelationshipPageModel.Result {
        let messages = page.messages
        let sentence: String
        switch relation.kind {
        case .same: sentence = messages["same_person"]
        case .none: sentence = messages.format("not_related", names.0, names.1)
        case .blood, .marriage:
            let words = page.site.language == .french ? Self.withFrenchArticle(relation.french, sex: sex) : relation.english
            sentence = messages.format("relationship_sentence", names.0, words, names.1)
        }
        // Each line: the common ancestor on top, the two lines of descent below.
        let paths = lines.enumerated().compactMap { position, line -> RelationshipPageModel.Path? in
            func chain(_ persons: [GenealogyGraph.Index]) -> DescendantChart.Entry? {
                // `persons` runs from the descendant up to the ancestor; drawn from below the ancestor down.
                var entry: DescendantChart.Entry?
                for person in persons.dropLast() {
                    guard let sight = sights[person] else { return nil }
                    entry = DescendantChart.Entry(person: page.people.chartPerson(sight), children: entry.map { [$0] } ?? [])
                }
                return entry
            }
            guard let top = sights[line.ancestor] else { return nil }
            let partner = line.link.ancestors.dropFirst().first.flatMap { sights[$0] }.map { "⚭ " + page.people.link($0).name }
            let children = [chain(line.first), chain(line.second)].compactMap { $0 }
            let tree = DescendantChart.Entry(person: page.people.chartPerson(top), unions: partner.map { [$0] } ?? [], children: children)
            // Each link in a sentence of its own: "Paul is the second cousin of Jeanne" through
            // these ancestors (the closest link is the page's sentence).
            let french = page.site.language == .french
            let ends = [line.first.first, line.second.first].map { index in index.flatMap { sights[$0] }.map { page.people.link($0).name } ?? "…" }
            let sex = line.first.first.map { page.graph.sexes[Int($0)] } ?? .unknown
            let words = french ? Self.withFrenchArticle(line.link.french, sex: sex) : line.link.english
            let heading = messages.format("relationship_sentence", ends[0], words, ends[1])
            let chart = DescendantChart.make(tree, moreDescendants: messages["more_descendants"])
            return RelationshipPageModel.Path(
                heading: heading, chart: chart.svg(title: heading, id: "relationship-chart-\(position + 1)", cssClass: "relationship"))
        }
        var calculator = KinshipCalculator(graph: page.graph)
        var figures: [LabelledValue] = []
        if relation.kind == .blood || relation.kind == .marriage {
            figures.append(LabelledValue(messages["kinship"], Self.percent(calculator.kinship(pair.0, pair.1))))
            for (index, name) in [(pair.0, names.0), (pair.1, names.1)] {
                figures.append(LabelledValue(messages.format("consanguinity_of", name), Self.percent(calculator.inbreeding(of: index))))
            }
        }
        return RelationshipPageModel.Result(sentence: sentence, paths: Listing(paths), figures: figures)
    }

    /// "0.78 %", enough digits to tell small coefficients apart.
    static func percent(_ coefficient: Double) -> String {
        let value = coefficient * 100
        if value == 0 { return "0 %" }
        return String(format: value < 0.01 ? "%.4f %%" : "%.2f %%", value)
    }

    /// "le frère", "la cousine", "l'oncle": French relationship names take their article.
    static func withFrenchArticle(_ words: String, sex: Sex) -> String {
        guard let first = words.first else { return words }
        if "aeéèêiouyhAEÉIOUYH".contains(first) { return "l’" + words }
        return (sex == .female ? "la " : "le ") + words
    }
}
