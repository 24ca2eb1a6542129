/// The ancestors of one person, left to right, placed by Sosa number: the father of Sosa n is
/// 2n, the mother 2n + 1, so fathers are drawn above mothers. An ancestor reached again through
/// another line (implex) is drawn once; the later place is a small box that links to the first.
/// Boxes at the chart's edge whose person has more ancestors end in a "more" link that re-roots
/// the chart there.
public enum PedigreeChart {
    public struct Entry: Sendable {
        public var sosa: UInt64
        public var person: ChartPerson
        /// The Sosa number where this ancestor is already drawn.
        public var repeatOf: UInt64?
        /// Where the chart continues from this person (a pedigree rooted here).
        public var moreHref: String?

        public init(sosa: UInt64, person: ChartPerson, repeatOf: UInt64? = nil, moreHref: String? = nil) {
            self.sosa = sosa
            self.person = person
            self.repeatOf = repeatOf
            self.moreHref = moreHref
        }
    }

    /// The words the chart writes, in the page's language.
    public struct Labels: Sendable {
        /// "Sosa" before a number.
        public var sosa: String
        /// The accessible name of a "more" link, before the person's name.
        public var moreAncestors: String

        public init(sosa: String, moreAncestors: String) {
            self.sosa = sosa
            self.moreAncestors = moreAncestors
        }
    }

    public static func make(_ entries: [Entry], labels: Labels) -> TreeChart {
        var nodes: [TreeChart.Node] = []
        var nodeOf: [UInt64: Int] = [:]
        let personHeight = ChartMetrics.height(lines: 2)
        for entry in entries.sorted(by: { $0.sosa < $1.sosa }) {
            // Every ancestor but the root hangs from its child, Sosa n / 2.
            let child = entry.sosa > 1 ? nodeOf[entry.sosa / 2] : nil
            if entry.sosa > 1 && child == nil { continue }
            if nodeOf[entry.sosa] != nil { continue }
            let node: TreeChart.Node
            if let first = entry.repeatOf {
                let reference = "\(labels.sosa) \(first)"
                node = TreeChart.Node(
                    texts: [(entry.person.name, .name), ("→ " + reference, .note)], href: "#sosa-\(first)",
                    title: "\(entry.person.fullText) (\(reference))", kind: .repeated, anchor: "sosa-\(entry.sosa)",
                    width: ChartMetrics.boxWidth, height: personHeight)
            } else {
                node = TreeChart.Node(
                    texts: [(entry.person.name, .name), (entry.person.detail ?? "", .detail)], href: entry.person.href,
                    title: entry.person.fullText, kind: .person(entry.person.style), anchor: "sosa-\(entry.sosa)",
                    width: ChartMetrics.boxWidth, height: personHeight)
            }
            nodeOf[entry.sosa] = nodes.count
            nodes.append(node)
            if let child { nodes[child].children.append(nodes.count - 1) }
            if let more = entry.moreHref, entry.repeatOf == nil {
                let parent = nodes.count - 1
                nodes.append(
                    TreeChart.Node(
                        texts: [("→", .note)], href: more, title: "\(labels.moreAncestors) \(entry.person.name)", kind: .more,
                        width: ChartMetrics.moreWidth, height: ChartMetrics.moreHeight))
                nodes[parent].children.append(nodes.count - 1)
            }
        }
        return TreeChart(nodes: nodes, root: 0, direction: .leftToRight)
    }
}
