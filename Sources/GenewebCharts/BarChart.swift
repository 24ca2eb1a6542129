/// Horizontal bars, one row per label (a century, an age range), one bar per series in the row
/// (men and women, say): readable on a phone, where vertical bars with many labels are not. Each
/// bar is labelled with its value, so the chart reads without a legend; the page also gives the
/// same figures as a table.
public struct BarChart: Sendable {
    public struct Row: Sendable {
        public var label: String
        public var values: [Double]

        public init(label: String, values: [Double]) {
            self.label = label
            self.values = values
        }
    }

    public struct Bar: Sendable {
        public let rect: ChartRect
        public let series: Int
        public let value: Double
        public let text: ChartLine
    }

    public let labels: [ChartLine]
    public let bars: [Bar]
    public let width: Double
    public let height: Double
    public let seriesClasses: [String]

    static let labelWidth = 110.0
    static let barArea = 360.0
    static let valueWidth = 60.0
    static let barHeight = 14.0
    static let rowGap = 8.0

    /// `format` writes a value ("72", "28.5"); `seriesClasses` names each series for the stylesheet;
    /// a value that is not a number (NaN: nothing measured) is drawn as "–" without a bar.
    public init(rows: [Row], seriesClasses: [String], format: (Double) -> String) {
        self.seriesClasses = seriesClasses
        let largest = max(rows.flatMap(\.values).filter { $0.isFinite }.max() ?? 1, 1e-9)
        var y = 4.0
        var labels: [ChartLine] = []
        var bars: [Bar] = []
        let size = ChartMetrics.detailSize
        for row in rows {
            let rowHeight = Double(max(row.values.count, 1)) * Self.barHeight
            labels.append(
                ChartLine(
                    text: TextMeasure.fit(row.label, width: Self.labelWidth - 8, fontSize: size), x: 4, baseline: y + rowHeight / 2 + size / 3,
                    fontSize: size, role: .detail, room: Self.labelWidth - 8))
            for (series, value) in row.values.enumerated() {
                // A value that is not a number (nothing to average) has no bar and reads "–".
                let known = value.isFinite
                let safe = known ? max(value, 0) : 0
                let length = max(safe / largest * Self.barArea, safe > 0 ? 1 : 0)
                let top = y + Double(series) * Self.barHeight
                let rect = ChartRect(x: Self.labelWidth, y: top + 1, width: length, height: Self.barHeight - 2)
                let text = ChartLine(
                    text: TextMeasure.fit(known ? format(safe) : "–", width: Self.valueWidth - 6, fontSize: size), x: rect.maxX + 4,
                    baseline: top + Self.barHeight / 2 + size / 3, fontSize: size, role: .detail, room: Self.valueWidth - 6)
                bars.append(Bar(rect: rect, series: series, value: safe, text: text))
            }
            y += rowHeight + Self.rowGap
        }
        self.labels = labels
        self.bars = bars
        width = Self.labelWidth + Self.barArea + Self.valueWidth
        height = y
    }

    public func svg(title: String, id: String) -> String {
        var writer = SVGWriter()
        let n = SVGWriter.number
        writer.element(
            "svg",
            [
                ("xmlns", "http://www.w3.org/2000/svg"), ("class", "chart bars"), ("id", id), ("role", "img"), ("aria-labelledby", "\(id)-title"),
                ("viewBox", "0 0 \(n(width)) \(n(height))"), ("width", n(width)), ("height", n(height)),
            ]
        ) { svg in
            svg.element("title", [("id", "\(id)-title")]) { $0.text(title) }
            svg.element("path", [("class", "axis"), ("d", "M\(n(Self.labelWidth)) 0V\(n(height))")])
            for label in labels {
                svg.element("text", [("x", n(label.x)), ("y", n(label.baseline))]) { $0.text(label.text) }
            }
            for bar in bars {
                let cssClass = seriesClasses.indices.contains(bar.series) ? seriesClasses[bar.series] : "series-\(bar.series)"
                svg.element(
                    "rect",
                    [("class", cssClass), ("x", n(bar.rect.x)), ("y", n(bar.rect.y)), ("width", n(bar.rect.width)), ("height", n(bar.rect.height))])
                svg.element("text", [("x", n(bar.text.x)), ("y", n(bar.text.baseline))]) { $0.text(bar.text.text) }
            }
        }
        return writer.markup
    }
}
