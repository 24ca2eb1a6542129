/// The descendants of one person, top down, as a tidy tree: each box is a descendant with a
/// line per union (the spouse), children below in the order given (unions in order, then birth
/// order). Where the tree is cut, a "more" box links to the chart rooted at that descendant.
public enum DescendantChart {
    public struct Entry: Sendable {
        public var person: ChartPerson
        /// One line per union, "⚭ spouse, year" say.
        public var unions: [String]
        public var children: [Entry]
        /// Where the chart continues below this person, when their children are not drawn.
        public var moreHref: String?

        public init(person: ChartPerson, unions: [String] = [], children: [Entry] = [], moreHref: String? = nil) {
            self.person = person
            self.unions = unions
            self.children = children
            self.moreHref = moreHref
        }
    }

    /// At most this many union lines in a box; further unions read "…".
    static let unionLines = 3

    public static func make(_ root: Entry, moreDescendants: String) -> TreeChart {
        var nodes: [TreeChart.Node] = []
        func add(_ entry: Entry) -> Int {
            var texts: [(String, ChartLine.Role)] = [(entry.person.name, .name), (entry.person.detail ?? "", .detail)]
            for union in entry.unions.prefix(unionLines) { texts.append((union, .spouse)) }
            if entry.unions.count > unionLines { texts.append(("…", .spouse)) }
            let title = ([entry.person.fullText] + entry.unions).joined(separator: "; ")
            let index = nodes.count
            nodes.append(
                TreeChart.Node(
                    texts: texts, href: entry.person.href, title: title, kind: .person(entry.person.style), anchor: nil,
                    width: ChartMetrics.boxWidth, height: ChartMetrics.height(lines: texts.count)))
            for child in entry.children {
                let childIndex = add(child)
                nodes[index].children.append(childIndex)
            }
            if let more = entry.moreHref {
                nodes.append(
                    TreeChart.Node(
                        texts: [("↓", .note)], href: more, title: "\(moreDescendants) \(entry.person.name)", kind: .more,
                        width: ChartMetrics.moreWidth, height: ChartMetrics.moreHeight))
                nodes[index].children.append(nodes.count - 1)
            }
            return index
        }
        let root = add(root)
        return TreeChart(nodes: nodes, root: root, direction: .topDown)
    }
}
