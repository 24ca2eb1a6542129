import Testing

@testable import GenewebCharts

/// Charts are checked on the geometry they compute: no two boxes overlap, no line of text is
/// wider than its box, and the layouts have the shape their algorithms promise.
@Suite("Chart geometry")
struct ChartGeometryTests {
    static func person(_ name: String, _ style: ChartPerson.Style = .male) -> ChartPerson {
        ChartPerson(name: name, detail: "1801–1870", href: "/p/\(name)", style: style)
    }

    static func expectNoOverlap(_ boxes: [ChartBox], sourceLocation: SourceLocation = #_sourceLocation) {
        for (i, a) in boxes.enumerated() {
            for b in boxes[(i + 1)...] where a.rect.overlaps(b.rect) {
                Issue.record("\(a.title) overlaps \(b.title): \(a.rect) \(b.rect)", sourceLocation: sourceLocation)
            }
        }
    }

    static func expectTextFits(_ boxes: [ChartBox], sourceLocation: SourceLocation = #_sourceLocation) {
        for box in boxes {
            for line in box.lines {
                #expect(line.width <= line.room + 0.001, "\"\(line.text)\" is \(line.width) wide for \(line.room)", sourceLocation: sourceLocation)
                #expect(line.x >= box.rect.x && line.x + line.width <= box.rect.maxX + 0.001, sourceLocation: sourceLocation)
                #expect(line.baseline <= box.rect.maxY && line.baseline - line.fontSize >= box.rect.y - 0.001, sourceLocation: sourceLocation)
            }
        }
    }

    @Test("a full 10-generation pedigree: 1,023 boxes, none overlapping, every name cut to fit, fathers above mothers")
    func fullPedigree() {
        var entries: [PedigreeChart.Entry] = []
        for sosa in UInt64(1)...1023 {
            let name = sosa % 7 == 0 ? "Maximilian Wolfgang Amadeus Johann Chrysostomus von Habsburg-Lothringen \(sosa)" : "Ancestor \(sosa)"
            entries.append(PedigreeChart.Entry(sosa: sosa, person: Self.person(name, sosa % 2 == 0 ? .male : .female)))
        }
        let chart = PedigreeChart.make(entries, labels: .init(sosa: "Sosa", moreAncestors: "More"))
        #expect(chart.boxes.count == 1023)
        Self.expectNoOverlap(chart.boxes)
        Self.expectTextFits(chart.boxes)
        let byAnchor = Dictionary(uniqueKeysWithValues: chart.boxes.compactMap { box in box.anchor.map { ($0, box.rect) } })
        for sosa in 1...511 {
            let (child, father, mother) = (byAnchor["sosa-\(sosa)"]!, byAnchor["sosa-\(2 * sosa)"]!, byAnchor["sosa-\(2 * sosa + 1)"]!)
            #expect(father.maxY <= mother.y, "the father of \(sosa) is above the mother")
            #expect(father.x > child.maxX && mother.x > child.maxX, "parents are right of their child")
        }
        #expect(chart.boxes.contains { $0.lines.first?.text.hasSuffix("…") == true }, "long names are cut")
    }

    @Test("a sparse pedigree is as tall as its known ancestors need, not 2^(generations-1) slots")
    func sparsePedigree() {
        // A single paternal line of ten generations: Sosa 1, 2, 4, … 512.
        let entries = (0..<10).map { PedigreeChart.Entry(sosa: UInt64(1) << UInt64($0), person: Self.person("Line \($0)")) }
        let chart = PedigreeChart.make(entries, labels: .init(sosa: "Sosa", moreAncestors: "More"))
        #expect(chart.boxes.count == 10)
        #expect(chart.height < 100, "one box high, got \(chart.height)")
    }

    @Test("implex: an ancestor's second place is a reference to the first, and the edge boxes continue the chart")
    func implexAndEdges() {
        let entries = [
            PedigreeChart.Entry(sosa: 1, person: Self.person("Child")),
            PedigreeChart.Entry(sosa: 2, person: Self.person("Father"), moreHref: "/more/father"),
            PedigreeChart.Entry(sosa: 3, person: Self.person("Mother", .female)),
            PedigreeChart.Entry(sosa: 6, person: Self.person("Common"), repeatOf: 4),
            PedigreeChart.Entry(sosa: 4, person: Self.person("Common")),
        ]
        let chart = PedigreeChart.make(entries, labels: .init(sosa: "Sosa", moreAncestors: "More ancestors of"))
        let repeated = chart.boxes.filter { $0.kind == .repeated }
        #expect(repeated.count == 1 && repeated[0].href == "#sosa-4" && repeated[0].anchor == "sosa-6")
        #expect(repeated[0].lines.map(\.text).contains("→ Sosa 4"))
        let more = chart.boxes.filter { $0.kind == .more }
        #expect(more.count == 1 && more[0].href == "/more/father" && more[0].title == "More ancestors of Father")
        Self.expectNoOverlap(chart.boxes)
    }

    @Test("a descendant tree is as wide as its widest generation, not its number of leaves")
    func tidyWidth() {
        // A root with 3 children, each with 3 children, each with 3: 27 leaves, widest generation 27.
        func family(_ depth: Int, _ name: String) -> DescendantChart.Entry {
            DescendantChart.Entry(
                person: Self.person(name), unions: ["⚭ Spouse of \(name)"], children: depth == 0 ? [] : (1...3).map { family(depth - 1, "\(name).\($0)") })
        }
        let chart = DescendantChart.make(family(3, "1"), moreDescendants: "More")
        #expect(chart.boxes.count == 40)
        Self.expectNoOverlap(chart.boxes)
        Self.expectTextFits(chart.boxes)
        let widest = 27 * ChartMetrics.boxWidth + 26 * TreeChart.siblingGap + 2 * TreeChart.margin
        #expect(abs(chart.width - widest) < 1, "\(chart.width) vs \(widest)")

        // A long chain with one wide generation at the end stays that wide, where one column per
        // leaf of every generation (GeneWeb's tables) would not.
        var chain = DescendantChart.Entry(person: Self.person("bottom"), children: (1...5).map { DescendantChart.Entry(person: Self.person("leaf \($0)")) })
        for level in 0..<8 {
            chain = DescendantChart.Entry(
                person: Self.person("level \(level)"), children: [chain, DescendantChart.Entry(person: Self.person("sibling \(level)"))])
        }
        let long = DescendantChart.make(chain, moreDescendants: "More")
        Self.expectNoOverlap(long.boxes)
        #expect(long.width < 9 * (ChartMetrics.boxWidth + TreeChart.siblingGap), "\(long.width)")
    }

    @Test("parents are centred over their children, children in the given order left to right")
    func centring() {
        let tree = DescendantChart.Entry(person: Self.person("P"), children: ["A", "B", "C"].map { DescendantChart.Entry(person: Self.person($0)) })
        let chart = DescendantChart.make(tree, moreDescendants: "More")
        let byName = Dictionary(uniqueKeysWithValues: chart.boxes.map { ($0.title.components(separatedBy: ",")[0], $0.rect) })
        let (p, a, b, c) = (byName["P"]!, byName["A"]!, byName["B"]!, byName["C"]!)
        #expect(a.maxX < b.x && b.maxX < c.x)
        #expect(abs((p.x + p.width / 2) - (a.x + c.maxX) / 2) < 0.01)
        #expect(a.y > p.maxY)
    }

    @Test("fan chart: sectors tile the opening, each line fits its room", arguments: [180.0, 270.0, 360.0])
    func fan(angle: Double) {
        var entries: [(sosa: UInt64, person: ChartPerson)] = []
        for sosa in UInt64(1)...255 {
            entries.append((sosa, Self.person(sosa % 5 == 0 ? "Bartholomew Featherstonehaugh-Cholmondeley" : "Person \(sosa)")))
        }
        let chart = FanChart(entries, generations: 8, angle: angle)
        #expect(chart.sectors.count == 255)
        for generation in 1..<8 {
            let ring = chart.sectors.filter { $0.generation == generation }.sorted { $0.startAngle < $1.startAngle }
            #expect(ring.count == 1 << generation)
            #expect(abs(ring.first!.startAngle + angle / 2) < 1e-9 && abs(ring.last!.endAngle - angle / 2) < 1e-9)
            for (left, right) in zip(ring, ring.dropFirst()) { #expect(abs(left.endAngle - right.startAngle) < 1e-9) }
        }
        for sector in chart.sectors {
            for line in sector.lines { #expect(line.width <= sector.room + 0.001, "\(line.text) in Sosa \(sector.sosa)") }
        }
        #expect(chart.width > 0 && chart.height > 0 && chart.height <= chart.width + 1)
    }

    @Test("names are escaped in the SVG: markup in a name stays text")
    func escaping() {
        let evil = ChartPerson(name: "<script>alert(1)</script> & \"x\"", detail: "'1800'", href: "/p/a?b=1&c=2", style: .female)
        let svg = PedigreeChart.make([PedigreeChart.Entry(sosa: 1, person: evil)], labels: .init(sosa: "Sosa", moreAncestors: "More"))
            .svg(title: "Ancestors of <b>", id: "t", cssClass: "pedigree")
        #expect(!svg.contains("<script>") && !svg.contains("<b>"))
        #expect(svg.contains("&lt;script&gt;") && svg.contains("&amp;") && svg.contains("/p/a?b=1&amp;c=2"))
        let fan = FanChart([(1, evil)], generations: 2, angle: 180).svg(title: "<i>", id: "f")
        #expect(!fan.contains("<script>") && !fan.contains("<i>"))
    }

    @Test("a restricted person's box has no link and no dates")
    func restricted() {
        let hidden = ChartPerson(name: "Private person", style: .restricted)
        let chart = PedigreeChart.make(
            [PedigreeChart.Entry(sosa: 1, person: Self.person("Root")), PedigreeChart.Entry(sosa: 2, person: hidden)],
            labels: .init(sosa: "Sosa", moreAncestors: "More"))
        let box = chart.boxes.first { $0.kind == .person(.restricted) }
        #expect(box?.href == nil && box?.lines.map(\.text) == ["Private person", ""])
        #expect(chart.svg(title: "t", id: "t", cssClass: "pedigree").contains("<g class=\"box restricted\""))
    }

    @Test("text is measured wider for wide letters, accents count as their letter, and fitting cuts with an ellipsis")
    func measuring() {
        #expect(TextMeasure.width("WWW", fontSize: 13) > TextMeasure.width("iii", fontSize: 13))
        #expect(TextMeasure.width("é", fontSize: 13) == TextMeasure.width("e", fontSize: 13))
        let cut = TextMeasure.fit("A very long name that does not fit", width: 80, fontSize: 13)
        #expect(cut.hasSuffix("…") && TextMeasure.width(cut, fontSize: 13) <= 80)
        #expect(TextMeasure.fit("Short", width: 80, fontSize: 13) == "Short")
        #expect(TextMeasure.fit("Anything", width: 1, fontSize: 13) == "")
    }

    @Test("pyramid: men left of the axis, women right, the youngest at the bottom, bars in proportion")
    func pyramid() {
        let chart = PyramidChart(rows: [.init(label: "0–9", men: 10, women: 5), .init(label: "10–19", men: 0, women: 20)])
        let men = chart.bars.filter(\.isMen)
        let women = chart.bars.filter { !$0.isMen }
        #expect(men.allSatisfy { $0.rect.maxX <= chart.axis } && women.allSatisfy { $0.rect.x >= chart.axis })
        #expect(men[0].rect.y > men[1].rect.y, "the first row is the lowest")
        #expect(women[1].rect.width == PyramidChart.side && abs(men[0].rect.width - PyramidChart.side / 2) < 0.001)
        #expect(chart.svg(title: "Pyramid", id: "p").contains(">20<"))
    }

    @Test("bars: longest value takes the whole bar area, values are written, nothing below zero or not finite")
    func bars() {
        let chart = BarChart(
            rows: [.init(label: "1800–1899", values: [40, 20]), .init(label: "1900–1999", values: [80, .nan])], seriesClasses: ["male", "female"],
            format: { String(Int($0)) })
        #expect(chart.bars.count == 4)
        #expect(chart.bars.map(\.rect.width).max() == BarChart.barArea)
        #expect(chart.bars.allSatisfy { $0.rect.width >= 0 && $0.value.isFinite })
        let svg = chart.svg(title: "Births", id: "b")
        #expect(svg.contains(">80<") && svg.contains("class=\"female\""))
        #expect(chart.bars[3].text.text == "–" && chart.bars[3].rect.width == 0, "nothing measured: no bar, a dash")
    }
}
