/// A rectangle on the chart, in pixels from the top left.
public struct ChartRect: Sendable, Hashable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var maxX: Double { x + width }
    public var maxY: Double { y + height }

    /// Whether the two share any area (touching edges do not count).
    public func overlaps(_ other: ChartRect) -> Bool {
        x < other.maxX && other.x < maxX && y < other.maxY && other.y < maxY
    }
}

/// One drawn box: where it is, the lines it shows (already cut to fit) and where it links.
public struct ChartBox: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A person (with the style of their sex, or restricted).
        case person(ChartPerson.Style)
        /// A later place of an ancestor already drawn (implex): refers to that box.
        case repeated
        /// A link that continues the chart from here (more ancestors or descendants).
        case more
    }

    public var rect: ChartRect
    public var lines: [ChartLine]
    public var href: String?
    /// The accessible name (a tooltip too): the full text, never cut.
    public var title: String
    public var kind: Kind
    /// An anchor other boxes can link to (`sosa-12`).
    public var anchor: String?

    public init(rect: ChartRect, lines: [ChartLine], href: String?, title: String, kind: Kind, anchor: String? = nil) {
        self.rect = rect
        self.lines = lines
        self.href = href
        self.title = title
        self.kind = kind
        self.anchor = anchor
    }
}

/// A line of text in a box, at its baseline.
public struct ChartLine: Sendable, Hashable {
    public enum Role: String, Sendable {
        case name, detail, spouse, note
    }

    public var text: String
    public var x: Double
    public var baseline: Double
    public var fontSize: Double
    public var role: Role
    /// The width the line may take.
    public var room: Double

    /// The width of the text as laid out (the same estimate that cut it).
    public var width: Double { TextMeasure.width(text, fontSize: fontSize) }
}

/// Sizes shared by the charts. Text sizes match `site.css` (`.chart .name`, `.detail`).
public enum ChartMetrics {
    public static let nameSize = 13.0
    public static let detailSize = 11.0
    public static let padding = 6.0
    public static let lineHeight = 16.0
    public static let boxWidth = 184.0
    public static let moreWidth = 34.0
    public static let moreHeight = 24.0

    /// A box's lines at `x, y`: name first, then the others, each cut to the box's inner width.
    static func lines(_ texts: [(String, ChartLine.Role)], x: Double, y: Double, width: Double) -> [ChartLine] {
        let room = width - 2 * padding
        return texts.enumerated().map { index, item in
            let size = item.1 == .name ? nameSize : detailSize
            return ChartLine(
                text: TextMeasure.fit(item.0, width: room, fontSize: size), x: x + padding,
                baseline: y + padding + Double(index) * lineHeight + size, fontSize: size, role: item.1, room: room)
        }
    }

    static func height(lines: Int) -> Double { 2 * padding + Double(max(lines, 1)) * lineHeight - 3 }
}
