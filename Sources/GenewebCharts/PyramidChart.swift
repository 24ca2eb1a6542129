/// A population pyramid: one row per age group, the youngest at the bottom, men's bars to the
/// left of the axis and women's to the right, each labelled with its count.
public struct PyramidChart: Sendable {
    public struct Row: Sendable {
        public var label: String
        public var men: Int
        public var women: Int

        public init(label: String, men: Int, women: Int) {
            self.label = label
            self.men = men
            self.women = women
        }
    }

    public let bars: [(rect: ChartRect, isMen: Bool, text: ChartLine)]
    public let labels: [ChartLine]
    public let width: Double
    public let height: Double
    let axis: Double

    static let side = 220.0
    static let labelWidth = 70.0
    static let valueWidth = 44.0
    static let rowHeight = 18.0

    /// `rows` from the youngest group up.
    public init(rows: [Row]) {
        let largest = Double(max(rows.map { max($0.men, $0.women) }.max() ?? 1, 1))
        axis = Self.valueWidth + Self.side
        width = 2 * (Self.valueWidth + Self.side) + Self.labelWidth
        height = Double(rows.count) * Self.rowHeight + 8
        let size = ChartMetrics.detailSize
        var bars: [(ChartRect, Bool, ChartLine)] = []
        var labels: [ChartLine] = []
        for (index, row) in rows.enumerated() {
            let top = height - 4 - Double(index + 1) * Self.rowHeight
            let baseline = top + Self.rowHeight / 2 + size / 3
            let menLength = Double(max(row.men, 0)) / largest * Self.side
            let womenLength = Double(max(row.women, 0)) / largest * Self.side
            let menRect = ChartRect(x: axis - menLength, y: top + 2, width: menLength, height: Self.rowHeight - 4)
            let womenStart = axis + Self.labelWidth
            let womenRect = ChartRect(x: womenStart, y: top + 2, width: womenLength, height: Self.rowHeight - 4)
            let menText = String(row.men)
            let menX = menRect.x - 4 - TextMeasure.width(menText, fontSize: size)
            bars.append((menRect, true, ChartLine(text: menText, x: menX, baseline: baseline, fontSize: size, role: .detail, room: Self.valueWidth - 4)))
            bars.append(
                (
                    womenRect, false,
                    ChartLine(text: String(row.women), x: womenRect.maxX + 4, baseline: baseline, fontSize: size, role: .detail, room: Self.valueWidth - 4)
                ))
            let label = TextMeasure.fit(row.label, width: Self.labelWidth - 8, fontSize: size)
            labels.append(
                ChartLine(
                    text: label, x: axis + (Self.labelWidth - TextMeasure.width(label, fontSize: size)) / 2, baseline: baseline, fontSize: size,
                    role: .detail, room: Self.labelWidth - 8))
        }
        self.bars = bars
        self.labels = labels
    }

    public func svg(title: String, id: String) -> String {
        var writer = SVGWriter()
        let n = SVGWriter.number
        writer.element(
            "svg",
            [
                ("xmlns", "http://www.w3.org/2000/svg"), ("class", "chart bars pyramid"), ("id", id), ("role", "img"),
                ("aria-labelledby", "\(id)-title"), ("viewBox", "0 0 \(n(width)) \(n(height))"), ("width", n(width)), ("height", n(height)),
            ]
        ) { svg in
            svg.element("title", [("id", "\(id)-title")]) { $0.text(title) }
            for bar in bars {
                svg.element(
                    "rect",
                    [
                        ("class", bar.isMen ? "male" : "female"), ("x", n(bar.rect.x)), ("y", n(bar.rect.y)), ("width", n(bar.rect.width)),
                        ("height", n(bar.rect.height)),
                    ])
                svg.element("text", [("x", n(bar.text.x)), ("y", n(bar.text.baseline))]) { $0.text(bar.text.text) }
            }
            for label in labels {
                svg.element("text", [("x", n(label.x)), ("y", n(label.baseline))]) { $0.text(label.text) }
            }
        }
        return writer.markup
    }
}
