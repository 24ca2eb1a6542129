import Foundation

/// GeneWeb's fan chart: the root in the centre, each generation a ring, Sosa n of generation g
/// spanning the g-th ring from angle θ0 + i·S/2^g to θ0 + (i+1)·S/2^g (i = n − 2^g), fathers
/// on the left. The opening S is 180°, 270° or 360°. Inner rings write names along the ring,
/// outer rings (narrow sectors) across it; every line is cut to the room it has.
public struct FanChart: Sendable {
    /// One drawn sector.
    public struct Sector: Sendable {
        public let sosa: UInt64
        public let generation: Int
        /// Angles in degrees, 0 pointing up, clockwise.
        public let startAngle: Double
        public let endAngle: Double
        public let innerRadius: Double
        public let outerRadius: Double
        public let person: ChartPerson
        public let lines: [ChartLine]
        /// Rotation of the text (degrees, about the text's own anchor point).
        public let rotation: Double
        /// Where the text is anchored (its centre).
        public let anchorX: Double
        public let anchorY: Double
        /// The straight length the text may take, and the angular thickness its lines may take.
        public let room: Double
    }

    public let sectors: [Sector]
    public let width: Double
    public let height: Double
    let centreX: Double
    let centreY: Double

    static let centreRadius = 62.0
    static let ringWidth = 88.0
    static let margin = 6.0

    public init(_ entries: [(sosa: UInt64, person: ChartPerson)], generations: Int, angle: Double) {
        let generations = min(max(generations, 1), 10)
        let span = min(max(angle, 90), 360)
        let outer = Self.centreRadius + Double(generations - 1) * Self.ringWidth
        // The drawing's bounding box: a full circle, or the part of it the opening covers.
        let half = span / 2
        let below = half > 90 ? outer * -cos(half * .pi / 180) : 0
        let lowestCentre = max(below, Self.centreRadius)
        centreX = outer + Self.margin
        centreY = outer + Self.margin
        width = 2 * (outer + Self.margin)
        height = outer + lowestCentre + 2 * Self.margin
        var sectors: [Sector] = []
        for (sosa, person) in entries.sorted(by: { $0.sosa < $1.sosa }) {
            let generation = 63 - sosa.leadingZeroBitCount
            guard sosa >= 1, generation < generations else { continue }
            let slots = Double(UInt64(1) << UInt64(generation))
            let position = Double(sosa - (UInt64(1) << UInt64(generation)))
            let start = -half + position * span / slots
            let end = start + span / slots
            let inner = generation == 0 ? 0 : Self.centreRadius + Double(generation - 1) * Self.ringWidth
            let outerRadius = generation == 0 ? Self.centreRadius : inner + Self.ringWidth
            sectors.append(
                Self.sector(
                    sosa: sosa, generation: generation, start: start, end: end, inner: inner, outer: outerRadius, person: person, centre: (centreX, centreY)))
        }
        self.sectors = sectors
    }

    static func point(_ angle: Double, _ radius: Double, _ centre: (Double, Double)) -> (Double, Double) {
        let radians = angle * .pi / 180
        return (centre.0 + radius * sin(radians), centre.1 - radius * cos(radians))
    }

    private static func sector(
        sosa: UInt64, generation: Int, start: Double, end: Double, inner: Double, outer: Double, person: ChartPerson, centre: (Double, Double)
    ) -> Sector {
        let middleAngle = (start + end) / 2
        let texts = [(person.name, ChartLine.Role.name), (person.detail ?? "", ChartLine.Role.detail)].filter { !$0.0.isEmpty }
        let (anchorX, anchorY): (Double, Double)
        var rotation: Double
        var room: Double
        var thickness: Double
        if generation == 0 {
            // The root: horizontal, in the middle of the centre disc.
            (anchorX, anchorY) = (centre.0, centre.1 - (end - start < 360 ? centreRadius / 2.5 : 0))
            rotation = 0
            room = 2 * centreRadius * 0.8
            thickness = centreRadius
        } else {
            let middleRadius = (inner + outer) / 2
            (anchorX, anchorY) = point(middleAngle, middleRadius, centre)
            let sweep = (end - start) * .pi / 180
            let arc = middleRadius * sweep
            if arc >= outer - inner {
                // Wide sector: text along the ring, the chord at the inner edge bounding it.
                rotation = middleAngle
                room = 2 * (inner + 6) * sin(min(sweep, .pi) / 2) - 8
                thickness = outer - inner - 8
            } else {
                // Narrow sector: text across the ring, reading outwards.
                rotation = middleAngle - 90
                room = outer - inner - 10
                thickness = inner * sweep - 2
            }
            if rotation > 90 { rotation -= 180 }
            if rotation < -90 { rotation += 180 }
        }
        let fitting = texts.prefix(max(0, Int(thickness / ChartMetrics.lineHeight))).enumerated()
        let lineCount = Double(min(texts.count, max(0, Int(thickness / ChartMetrics.lineHeight))))
        let lines = fitting.map { index, item -> ChartLine in
            let size = item.1 == .name ? ChartMetrics.detailSize + 1 : ChartMetrics.detailSize
            let offset = (Double(index) - (lineCount - 1) / 2) * ChartMetrics.lineHeight + size / 3
            return ChartLine(
                text: TextMeasure.fit(item.0, width: max(room, 0), fontSize: size), x: anchorX, baseline: anchorY + offset, fontSize: size, role: item.1,
                room: max(room, 0))
        }
        return Sector(
            sosa: sosa, generation: generation, startAngle: start, endAngle: end, innerRadius: inner, outerRadius: outer, person: person,
            lines: lines.filter { !$0.text.isEmpty }, rotation: rotation, anchorX: anchorX, anchorY: anchorY, room: room)
    }

    /// The sector's outline as SVG path data.
    func path(_ sector: Sector) -> String {
        let centre = (centreX, centreY)
        let n = SVGWriter.number
        if sector.endAngle - sector.startAngle >= 360 && sector.innerRadius == 0 {
            let r = sector.outerRadius
            return "M\(n(centreX - r)) \(n(centreY))a\(n(r)) \(n(r)) 0 1 0 \(n(2 * r)) 0a\(n(r)) \(n(r)) 0 1 0 \(n(-2 * r)) 0Z"
        }
        let large = sector.endAngle - sector.startAngle > 180 ? 1 : 0
        let (ox1, oy1) = Self.point(sector.startAngle, sector.outerRadius, centre)
        let (ox2, oy2) = Self.point(sector.endAngle, sector.outerRadius, centre)
        var d = "M\(n(ox1)) \(n(oy1))A\(n(sector.outerRadius)) \(n(sector.outerRadius)) 0 \(large) 1 \(n(ox2)) \(n(oy2))"
        if sector.innerRadius > 0 {
            let (ix2, iy2) = Self.point(sector.endAngle, sector.innerRadius, centre)
            let (ix1, iy1) = Self.point(sector.startAngle, sector.innerRadius, centre)
            d += "L\(n(ix2)) \(n(iy2))A\(n(sector.innerRadius)) \(n(sector.innerRadius)) 0 \(large) 0 \(n(ix1)) \(n(iy1))Z"
        } else {
            d += "L\(n(centreX)) \(n(centreY))Z"
        }
        return d
    }

    /// The chart as an inline `<svg>`; each sector a link to the person (none when restricted).
    public func svg(title: String, id: String) -> String {
        var writer = SVGWriter()
        let n = SVGWriter.number
        writer.element(
            "svg",
            [
                ("xmlns", "http://www.w3.org/2000/svg"), ("class", "chart fan"), ("id", id), ("role", "group"), ("aria-labelledby", "\(id)-title"),
                ("viewBox", "0 0 \(n(width)) \(n(height))"), ("width", n(width)), ("height", n(height)),
            ]
        ) { svg in
            svg.element("title", [("id", "\(id)-title")]) { $0.text(title) }
            for sector in sectors {
                let content: (inout SVGWriter) -> Void = { group in
                    group.element("title") { $0.text(sector.person.fullText) }
                    group.element("path", [("d", path(sector))])
                    for line in sector.lines {
                        var attributes = [("x", n(line.x)), ("y", n(line.baseline)), ("class", line.role.rawValue), ("text-anchor", "middle")]
                        if sector.rotation != 0 { attributes.append(("transform", "rotate(\(n(sector.rotation)) \(n(sector.anchorX)) \(n(sector.anchorY)))")) }
                        group.element("text", attributes) { $0.text(line.text) }
                    }
                }
                let attributes = [("class", "sector \(sector.person.style.rawValue)"), ("id", "fan-sosa-\(sector.sosa)")]
                if let href = sector.person.href {
                    svg.element("a", attributes + [("href", href)], content: content)
                } else {
                    svg.element("g", attributes, content: content)
                }
            }
        }
        return writer.markup
    }
}
