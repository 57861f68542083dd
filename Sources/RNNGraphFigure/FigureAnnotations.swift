import Foundation

/// Annotations (`--annotate` values or gradients) placed after the edges are
/// routed, each in a fixed slot touching its own node — below, above, right,
/// left, then the shoulders and the corners, the first that covers no other node,
/// is clearly nearer its own node than any other, and meets no edge, no edge label
/// and no other annotation (else, one row or entry a line,
/// the same slots; else the slot that meets the fewest) — as a plain-text node of
/// its own whose id is `note:` and the node's id, drawn with the SVG class
/// `annotation`. The edges are then routed again, so that any edge that met a
/// note goes around it.
extension Figure {
    /// The font size of annotations, in points.
    static let annotationFontSize = 9.0
    /// The colour of annotations.
    static let annotationColor = "#333333"
    /// The space between a node's outline and its annotation, in points.
    static let annotationGap = 2.0
    /// How much farther than its own node every other node must be from an annotation, in points.
    static let attribution = 4.0

    /// The id of the plain-text node that holds the annotation of the node `id`.
    public static func annotationID(of id: String) -> String { "note:" + id }

    /// Adds a placed note for every node with an annotation.
    mutating func placeAnnotations() {
        guard nodes.contains(where: { !$0.annotation.isEmpty }) else { return }
        let boxes = nodes.compactMap(Self.box)
        var taken: [Box] = edges.compactMap { edgeLabelBox($0) }
        let paths = edges.map(edgeSegments)
        var notes: [Node] = []
        for node in nodes where !node.annotation.isEmpty {
            guard let own = Self.box(node) else { continue }
            // One line first; where every slot of it meets something, a tensor one row
            // (or entry) a line, which fits the narrower slots.
            var best = Box(x: own.x, y: own.y, width: 0, height: 0), bestCost = Int.max, bestLines: [String] = []
            for lines in [[node.annotation], Self.stacked(node.annotation)] where bestCost > 0 {
                let extents = lines.map { NodeOutline.labelExtent(FigureLabel.escape($0), size: Self.annotationFontSize) }
                let w = (extents.map(\.width).max() ?? 0) + 2, h = Self.annotationFontSize * 1.2 * Double(lines.count)
                let g = Self.annotationGap
                let dx = own.width / 2 + g + w / 2, dy = own.height / 2 + g + h / 2
                let shoulder = own.width / 4 + w / 2
                let candidates = [(0.0, -dy), (0, dy), (dx, 0), (-dx, 0),
                                  (shoulder, -dy), (-shoulder, -dy), (shoulder, dy), (-shoulder, dy),
                                  (dx, -dy), (-dx, -dy), (dx, dy), (-dx, dy)]
                    .map { Box(x: own.x + $0.0, y: own.y + $0.1, width: w, height: h) }
                // Over a node or a note: 100; nearer another node than its own by less
                // than `attribution`: 50; each edge it meets (routed around it after): 1, or 2 for
                // a straight edge (one cubic), which would have to bend.
                func cost(_ box: Box) -> Int {
                    let grown = box.grown(1)
                    let onNodes = boxes.filter { $0.id != node.id && $0.overlaps(grown) }.count
                    let onNotes = taken.filter { $0.overlaps(grown) }.count
                    let near = box.gap(own) + Self.attribution
                    let ambiguous = boxes.filter { $0.id != node.id && box.gap($0) <= near }.count
                    // As far from edges as the router keeps them from nodes, so that routing
                    // again moves only the edges that meet a note in every slot.
                    let clear = box.grown(EdgeRouter.clearance + 1)
                    let onEdges = paths.reduce(0) { sum, path in
                        sum + (path.contains { clear.crosses($0.0, $0.1) } ? (path.count <= 8 ? 2 : 1) : 0)
                    }
                    return 100 * (onNodes + onNotes) + 50 * ambiguous + onEdges
                }
                for candidate in candidates {
                    let c = cost(candidate)
                    if c < bestCost { best = candidate; bestCost = c; bestLines = lines }
                    if c == 0 { break }
                }
            }
            let label = "<FONT POINT-SIZE=\"\(Int(Self.annotationFontSize))\" COLOR=\"\(Self.annotationColor)\">"
                + bestLines.map(FigureLabel.escape).joined(separator: "<BR ALIGN=\"LEFT\"/>")
                + (bestLines.count > 1 ? "<BR ALIGN=\"LEFT\"/>" : "") + "</FONT>"
            let (w, h) = (best.width, best.height)
            taken.append(best)
            notes.append(Node(id: Self.annotationID(of: node.id), attributes: [
                Attribute("label", label, html: true), Attribute("shape", "plaintext"),
                Attribute("fontsize", String(Int(Self.annotationFontSize))), Attribute("margin", "0"),
                Attribute("width", Self.inches(w)), Attribute("height", Self.inches(h)), Attribute("fixedsize", "true"),
                Attribute("class", "annotation"), Attribute("tooltip", node.annotation),
                Attribute("pos", Self.pos(best.x, best.y)),
            ], latex: bestLines.map(TikZPrinter.text).joined(separator: "\\\\")))
        }
        nodes += notes
        // An edge that still meets a note goes around it, as around any node.
        if !notes.isEmpty { route() }
    }

    /// An annotation such as `∇ [[1, 2], [3, 4]]` one row a line (`∇ [[1, 2],`, `[3, 4]]`),
    /// or a vector one entry a line; a number stays one line.
    static func stacked(_ text: String) -> [String] {
        let separator = text.contains("[[") ? "], [" : ", "
        let parts = text.components(separatedBy: separator)
        guard parts.count > 1 else { return [text] }
        let closing = separator == "], [" ? "]," : ","
        let opening = separator == "], [" ? "  [" : "  "
        return parts.enumerated().map { k, part in
            (k == 0 ? "" : opening) + part + (k == parts.count - 1 ? "" : closing)
        }
    }

    /// An axis-aligned box, in points, centred at (`x`, `y`).
    struct Box {
        var id = ""
        let x: Double, y: Double, width: Double, height: Double

        func grown(_ pad: Double) -> Box { Box(id: id, x: x, y: y, width: width + 2 * pad, height: height + 2 * pad) }

        func overlaps(_ other: Box) -> Bool {
            abs(x - other.x) * 2 < width + other.width && abs(y - other.y) * 2 < height + other.height
        }

        /// The distance between the borders of two boxes (0 when they touch or overlap).
        func gap(_ other: Box) -> Double {
            let dx = max(0, abs(x - other.x) - (width + other.width) / 2)
            let dy = max(0, abs(y - other.y) - (height + other.height) / 2)
            return (dx * dx + dy * dy).squareRoot()
        }

        func contains(_ p: (x: Double, y: Double)) -> Bool {
            abs(p.x - x) * 2 < width && abs(p.y - y) * 2 < height
        }

        /// Whether the segment from `p` to `q` passes through the box (sampled every point).
        func crosses(_ p: (x: Double, y: Double), _ q: (x: Double, y: Double)) -> Bool {
            let length = ((q.x - p.x) * (q.x - p.x) + (q.y - p.y) * (q.y - p.y)).squareRoot()
            let steps = max(1, Int(length.rounded(.up)))
            return (0...steps).contains { k in
                let t = Double(k) / Double(steps)
                return contains((p.x + (q.x - p.x) * t, p.y + (q.y - p.y) * t))
            }
        }
    }

    /// The box of a placed node of fixed size.
    private static func box(_ node: Node) -> Box? {
        let value = { (name: String) in node.attributes.last { $0.name == name }.flatMap { Double($0.value) } }
        guard let p = node.position, let w = value("width"), let h = value("height") else { return nil }
        return Box(id: node.id, x: p.x, y: p.y, width: w * 72, height: h * 72)
    }

    /// The drawn course of an edge as straight segments: its routed Bézier sampled,
    /// or the line between its nodes' centres.
    private func edgeSegments(_ edge: Edge) -> [((x: Double, y: Double), (x: Double, y: Double))] {
        if let pos = edge.attributes.last(where: { $0.name == "pos" })?.value {
            let points = FigureGeometry.parseSpline(pos).points
            var samples: [(x: Double, y: Double)] = points.prefix(1).map { ($0.x, $0.y) }
            var k = 0
            while k + 3 < points.count {
                let (a, b, c, d) = (points[k], points[k + 1], points[k + 2], points[k + 3])
                for s in 1...8 {
                    let t = Double(s) / 8, u = 1 - t
                    let w0 = u * u * u, w1 = 3 * u * u * t, w2 = 3 * u * t * t, w3 = t * t * t
                    samples.append((w0 * a.x + w1 * b.x + w2 * c.x + w3 * d.x, w0 * a.y + w1 * b.y + w2 * c.y + w3 * d.y))
                }
                k += 3
            }
            return zip(samples, samples.dropFirst()).map { ($0, $1) }
        }
        guard let a = nodes.first(where: { $0.id == edge.from })?.position,
              let b = nodes.first(where: { $0.id == edge.to })?.position else { return [] }
        return [((a.x, a.y), (b.x, b.y))]
    }

    /// The box of an edge's label, where the figure placed it (`lp`), if it has both.
    private func edgeLabelBox(_ edge: Edge) -> Box? {
        guard let label = edge.attributes.last(where: { $0.name == "label" })?.value,
              let lp = edge.attributes.last(where: { $0.name == "lp" })?.value else { return nil }
        let parts = lp.split(separator: ",").compactMap { Double($0.filter { $0 != "!" }) }
        guard parts.count == 2 else { return nil }
        let extent = NodeOutline.labelExtent(label, size: 12)
        return Box(x: parts[0], y: parts[1], width: extent.width, height: extent.height)
    }
}
