/// A chart of boxes joined as a tree, laid out tidily (`TidyTree`) in one of two directions:
/// ancestors left to right (the root on the left, fathers above mothers), descendants top down.
/// Pedigree and descendant charts build their nodes and hand them here; the geometry
/// (`boxes`, `connectors`, `size`) is what tests check and what `svg` draws.
public struct TreeChart: Sendable {
    public enum Direction: Sendable {
        case leftToRight, topDown
    }

    /// A box before layout.
    struct Node {
        var texts: [(String, ChartLine.Role)]
        var href: String?
        var title: String
        var kind: ChartBox.Kind
        var anchor: String?
        var width: Double
        var height: Double
        var children: [Int] = []
    }

    public let boxes: [ChartBox]
    /// Orthogonal connector paths (SVG path data), parent to children.
    public let connectors: [String]
    public let width: Double
    public let height: Double
    public let direction: Direction

    static let margin = 8.0
    /// Space between generations, and between neighbouring boxes of one generation.
    static let generationGap = 36.0
    static let siblingGap = 10.0

    init(nodes: [Node], root: Int, direction: Direction) {
        self.direction = direction
        guard nodes.indices.contains(root) else {
            (boxes, connectors, width, height) = ([], [], 2 * Self.margin, 2 * Self.margin)
            return
        }
        let children = nodes.map(\.children)
        // Along the layout axis: box heights when left to right, widths when top down.
        let extent = nodes.map { direction == .leftToRight ? $0.height : $0.width }
        let centres = TidyTree(children: children, extent: extent, separation: Self.siblingGap).layout(root: root)

        // Depth of each node, and the start of each generation along the other axis.
        var depth = [Int](repeating: 0, count: nodes.count)
        var order = [root]
        var cursor = 0
        while cursor < order.count {
            let node = order[cursor]
            cursor += 1
            for child in children[node] {
                depth[child] = depth[node] + 1
                order.append(child)
            }
        }
        let generations = (depth.max() ?? 0) + 1
        var thickness = [Double](repeating: 0, count: generations)
        for node in order {
            let size = direction == .leftToRight ? nodes[node].width : nodes[node].height
            thickness[depth[node]] = max(thickness[depth[node]], size)
        }
        var start = [Double](repeating: Self.margin, count: generations)
        for generation in 1..<max(generations, 1) {
            start[generation] = start[generation - 1] + thickness[generation - 1] + Self.generationGap
        }

        var rects = [ChartRect](repeating: ChartRect(x: 0, y: 0, width: 0, height: 0), count: nodes.count)
        for node in order {
            let item = nodes[node]
            let along = centres[node] + Self.margin
            switch direction {
            case .leftToRight:
                rects[node] = ChartRect(x: start[depth[node]], y: along - item.height / 2, width: item.width, height: item.height)
            case .topDown:
                rects[node] = ChartRect(x: along - item.width / 2, y: start[depth[node]], width: item.width, height: item.height)
            }
        }
        boxes = order.map { node in
            let item = nodes[node]
            let rect = rects[node]
            return ChartBox(
                rect: rect, lines: ChartMetrics.lines(item.texts, x: rect.x, y: rect.y, width: rect.width), href: item.href,
                title: item.title, kind: item.kind, anchor: item.anchor)
        }
        connectors = order.compactMap { node -> String? in
            let kids = children[node]
            guard !kids.isEmpty else { return nil }
            let from = rects[node]
            var path = ""
            switch direction {
            case .leftToRight:
                let elbow = from.maxX + Self.generationGap / 2
                path += "M\(SVGWriter.number(from.maxX)) \(SVGWriter.number(from.y + from.height / 2))H\(SVGWriter.number(elbow))"
                for kid in kids {
                    let to = rects[kid]
                    path +=
                        "M\(SVGWriter.number(elbow)) \(SVGWriter.number(from.y + from.height / 2))V\(SVGWriter.number(to.y + to.height / 2))H\(SVGWriter.number(to.x))"
                }
            case .topDown:
                let elbow = from.maxY + Self.generationGap / 2
                path += "M\(SVGWriter.number(from.x + from.width / 2)) \(SVGWriter.number(from.maxY))V\(SVGWriter.number(elbow))"
                for kid in kids {
                    let to = rects[kid]
                    path +=
                        "M\(SVGWriter.number(from.x + from.width / 2)) \(SVGWriter.number(elbow))H\(SVGWriter.number(to.x + to.width / 2))V\(SVGWriter.number(to.y))"
                }
            }
            return path
        }
        width = (rects.map(\.maxX).max() ?? 0) + Self.margin
        height = (rects.map(\.maxY).max() ?? 0) + Self.margin
    }

    /// The chart as an inline `<svg>`: a group with its title, connectors, then one link per box
    /// (keyboard-reachable, its title the accessible name). No style attributes or scripts: the
    /// page's stylesheet colours the classes, so the strict CSP holds.
    public func svg(title: String, id: String, cssClass: String) -> String {
        var writer = SVGWriter()
        writer.element(
            "svg",
            [
                ("xmlns", "http://www.w3.org/2000/svg"), ("class", "chart \(cssClass)"), ("id", id), ("role", "group"),
                ("aria-labelledby", "\(id)-title"), ("viewBox", "0 0 \(SVGWriter.number(width)) \(SVGWriter.number(height))"),
                ("width", SVGWriter.number(width)), ("height", SVGWriter.number(height)),
            ]
        ) { svg in
            svg.element("title", [("id", "\(id)-title")]) { $0.text(title) }
            svg.element("path", [("class", "links"), ("d", connectors.joined())])
            for box in boxes { Self.draw(box, into: &svg) }
        }
        return writer.markup
    }

    static func draw(_ box: ChartBox, into svg: inout SVGWriter) {
        let kindClass: String
        switch box.kind {
        case .person(let style): kindClass = style.rawValue
        case .repeated: kindClass = "repeated"
        case .more: kindClass = "more"
        }
        var attributes: [(String, String)] = [("class", "box \(kindClass)")]
        if let anchor = box.anchor { attributes.append(("id", anchor)) }
        let drawContent: (inout SVGWriter) -> Void = { group in
            group.element("title") { $0.text(box.title) }
            let rect = box.rect
            group.element(
                "rect",
                [
                    ("x", SVGWriter.number(rect.x)), ("y", SVGWriter.number(rect.y)), ("width", SVGWriter.number(rect.width)),
                    ("height", SVGWriter.number(rect.height)), ("rx", "4"),
                ])
            for line in box.lines {
                group.element("text", [("x", SVGWriter.number(line.x)), ("y", SVGWriter.number(line.baseline)), ("class", line.role.rawValue)]) {
                    $0.text(line.text)
                }
            }
        }
        if let href = box.href {
            svg.element("a", attributes + [("href", href)], content: drawContent)
        } else {
            svg.element("g", attributes, content: drawContent)
        }
    }
}
