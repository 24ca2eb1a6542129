/// Reingold–Tilford tidy layout along one axis: each subtree is laid out, then placed beside its
/// left siblings as close as their contours allow at every depth, and a parent is centred over
/// its first and last child. The width therefore follows the widest generation, not the number
/// of leaves (GeneWeb's tables give every leaf its own column).
///
/// Contours are kept per depth, so merging costs the subtree's height: O(nodes × depth), ample
/// for the few hundred boxes a chart holds.
struct TidyTree {
    /// Children of each node, in order.
    let children: [[Int]]
    /// Extent of each node along the layout axis.
    let extent: [Double]
    /// Space between neighbouring boxes.
    let separation: Double

    /// The centre of each node along the axis, the leftmost box starting at 0.
    func layout(root: Int) -> [Double] {
        var offset = [Double](repeating: 0, count: children.count)
        let contour = place(root, &offset)
        var centre = [Double](repeating: 0, count: children.count)
        // Offsets are relative to the parent: accumulate them from the root down.
        var stack = [(root, -contour.map(\.low).min()!)]
        while let (node, position) = stack.popLast() {
            centre[node] = position
            for child in children[node] { stack.append((child, position + offset[child])) }
        }
        return centre
    }

    private struct Span {
        var low: Double
        var high: Double
    }

    /// Lays out `node`'s subtree; returns its contour (per depth, relative to `node`'s centre)
    /// and writes each child's offset from `node`.
    private func place(_ node: Int, _ offset: inout [Double]) -> [Span] {
        let half = extent[node] / 2
        let own = Span(low: -half, high: half)
        let kids = children[node]
        guard !kids.isEmpty else { return [own] }
        var merged: [Span] = []
        var positions: [Double] = []
        for child in kids {
            let contour = place(child, &offset)
            var shift = 0.0
            if !merged.isEmpty {
                shift = -Double.infinity
                for depth in 0..<min(merged.count, contour.count) {
                    shift = max(shift, merged[depth].high - contour[depth].low + separation)
                }
            }
            positions.append(shift)
            for depth in 0..<contour.count {
                let span = Span(low: contour[depth].low + shift, high: contour[depth].high + shift)
                if depth < merged.count {
                    merged[depth].high = span.high
                    merged[depth].low = min(merged[depth].low, span.low)
                } else {
                    merged.append(span)
                }
            }
        }
        // Centre the parent over its first and last child.
        let middle = (positions.first! + positions.last!) / 2
        for (child, position) in zip(kids, positions) { offset[child] = position - middle }
        return [own] + merged.map { Span(low: $0.low - middle, high: $0.high - middle) }
    }
}
