import Foundation

/// The defects of a drawn figure, measured from its SVG (see `SVGFigure`): what
/// DESIGN.md's "Figures: what a good one looks like" asks of every figure.
struct FigureQuality {
    /// A kind of defect.
    enum Kind: String, CaseIterable {
        /// An edge passes through a node that is neither its tail nor its head.
        case throughNode = "edge through node"
        /// Two edges run on one line (within 2 pt for more than 20 pt of either) away from a node they share.
        case sharedLine = "shared line"
        /// An edge label lies on a node, another label, an annotation or the legend.
        case labelCollision = "label collision"
        /// An edge label is nearer another edge than its own.
        case labelAstray = "label nearer another edge"
        /// An annotation is nearer another node than its own.
        case annotationAstray = "annotation nearer another node"
        /// A text colour below 4.5:1 against white.
        case textContrast = "text contrast"
        /// A stroke colour below 3:1 against white.
        case strokeContrast = "stroke contrast"
        /// A parameter of the model that is neither a node nor in a label.
        case missingParameter = "missing parameter"
        /// Two nodes drawn over each other (their outlines overlap).
        case nodeOverlap = "node on node"
    }

    /// Every defect found, with a description naming what is wrong where.
    var defects: [(kind: Kind, what: String)] = []
    /// Points where two distinct edges cross (away from the nodes they share).
    var crossings = 0

    func count(_ kind: Kind) -> Int { defects.filter { $0.kind == kind }.count }

    /// Distance within which two edges count as one line.
    static let lineTolerance = 2.0
    /// Length of a shared line that makes a defect.
    static let sharedLength = 20.0
    /// Near a node two edges share, they may meet: this far from its outline.
    static let endZone = 25.0

    /// Measures `figure`; `parameters` are the texts of the model's parameters as drawn
    /// (empty skips that check).
    init(_ figure: SVGFigure, parameters: [String] = []) {
        let nodeByTitle = Dictionary(figure.nodes.map { ($0.title, $0) }, uniquingKeysWith: { a, _ in a })
        let edges = figure.edges.map { (edge: $0, points: Self.resample($0.polyline, spacing: 2)) }
        let index = SegmentIndex(edges.map(\.points), cell: 16)

        // Nodes over nodes: a point of one outline inside the other, sampled round its border.
        for (k, node) in figure.nodes.enumerated() {
            for other in figure.nodes[(k + 1)...] where node.box.overlap(other.box) > 0 {
                if Self.outline(of: node).contains(where: { other.contains($0, margin: 1) })
                    || Self.outline(of: other).contains(where: { node.contains($0, margin: 1) }) {
                    defects.append((.nodeOverlap, "\(node.title) on \(other.title)"))
                }
            }
        }

        // Edges through nodes.
        for edge in figure.edges {
            for node in figure.nodes where node.title != edge.tail && node.title != edge.head {
                if edge.polyline.contains(where: { node.contains($0, margin: 1.5) }) {
                    defects.append((.throughNode, "\(edge.tail)→\(edge.head) through \(node.title)"))
                }
            }
        }

        // Shared lines: the length of each edge within tolerance of another, away from the nodes
        // they share (a pair found once is not measured further).
        var shared: [Int: Set<Int>] = [:]
        for (a, (edge, points)) in edges.enumerated() {
            var along: [Int: Double] = [:]
            var found = Array(repeating: false, count: edges.count)
            found[a] = true
            for b in shared[a] ?? [] { found[b] = true }
            for p in points {
                for b in index.edges(near: p, within: Self.lineTolerance, skipping: found) {
                    let other = edges[b].edge
                    let common = Set([edge.tail, edge.head]).intersection([other.tail, other.head])
                    if common.contains(where: { nodeByTitle[$0].map { $0.distance(to: p) < Self.endZone } ?? false }) {
                        continue
                    }
                    // Points are 2 pt apart.
                    along[b, default: 0] += 2
                    if along[b]! > Self.sharedLength {
                        found[b] = true
                        shared[a, default: []].insert(b)
                        shared[b, default: []].insert(a)
                    }
                }
            }
        }
        for (a, others) in shared.sorted(by: { $0.key < $1.key }) {
            for b in others.sorted() where b > a {
                let (e, f) = (edges[a].edge, edges[b].edge)
                defects.append((.sharedLine, "\(e.tail)→\(e.head) and \(f.tail)→\(f.head) on one line"))
            }
        }

        // Crossings: intersections of the sampled paths of two edges, away from the nodes they share.
        crossings = index.crossings { a, b, point in
            let (e, f) = (figure.edges[a], figure.edges[b])
            let common = Set([e.tail, e.head]).intersection([f.tail, f.head])
            return !common.contains { nodeByTitle[$0].map { $0.distance(to: point) < 4 } ?? false }
        }

        // Labels: collisions and distance to their own edge.
        let labels = figure.edges.enumerated().compactMap { k, e in e.labelBox.map { (k, $0) } }
        let annotations = figure.nodes.compactMap { node in
            node.annotation.dropFirst().reduce(node.annotation.first?.box) { $0?.union($1.box) }.map { (node, $0) }
        }
        for (k, box) in labels {
            let edge = figure.edges[k]
            let name = "label of \(edge.tail)→\(edge.head)"
            for node in figure.nodes where Self.overlaps(box, node) {
                defects.append((.labelCollision, "\(name) on \(node.title)"))
            }
            for (j, other) in labels where j > k && box.overlap(other, inset: 1) > 0 {
                defects.append((.labelCollision, "\(name) on label of \(figure.edges[j].tail)→\(figure.edges[j].head)"))
            }
            for (node, other) in annotations where box.overlap(other, inset: 1) > 0 {
                defects.append((.labelCollision, "\(name) on annotation of \(node.title)"))
            }
            if figure.legend.contains(where: { box.overlap($0, inset: 1) > 0 }) {
                defects.append((.labelCollision, "\(name) on the legend"))
            }
            let centre = box.centre
            let own = Self.distance(centre, edges[k].points)
            if let nearest = edges.indices.filter({ $0 != k })
                .min(by: { Self.distance(centre, edges[$0].points) < Self.distance(centre, edges[$1].points) }),
                Self.distance(centre, edges[nearest].points) + 1 < own {
                defects.append((.labelAstray, "\(name) nearer \(edges[nearest].edge.tail)→\(edges[nearest].edge.head)"))
            }
        }

        // Annotations: nearest their own node.
        for (node, box) in annotations {
            let own = node.distance(to: box.centre)
            if let other = figure.nodes.filter({ $0.title != node.title })
                .min(by: { $0.distance(to: box.centre) < $1.distance(to: box.centre) }),
                other.distance(to: box.centre) + 1 < own {
                defects.append((.annotationAstray, "annotation of \(node.title) nearer \(other.title)"))
            }
        }

        // Contrast against white.
        let texts = figure.nodes.flatMap { $0.label + $0.annotation } + figure.edges.flatMap(\.label) + figure.legendTexts
        for colour in Set(texts.map(\.color)).sorted() {
            if let ratio = Self.contrast(colour), ratio < 4.5 {
                defects.append((.textContrast, "text \(colour) \(String(format: "%.2f", ratio)):1"))
            }
        }
        let strokes = figure.nodes.flatMap(\.strokes) + figure.edges.flatMap(\.strokes)
        for colour in Set(strokes).sorted() {
            if let ratio = Self.contrast(colour), ratio < 3 {
                defects.append((.strokeContrast, "stroke \(colour) \(String(format: "%.2f", ratio)):1"))
            }
        }

        // Parameters: a node of that title, or a token of a node's or an edge's label.
        var drawn = Set(figure.nodes.map(\.title))
        for texts in figure.nodes.map(\.label) + figure.edges.map(\.label) {
            // A text whose middle lies below the text before it starts a line of its own (the parameters
            // written under a node's name); a subscript stays on its line.
            var joined = ""
            for (k, text) in texts.enumerated() {
                if k > 0, (text.box.minY + text.box.maxY) / 2 > texts[k - 1].box.maxY { joined += " " }
                joined += text.string
            }
            // A node's biases follow its name, each after a `+` (`f1+bf`, `r1+bir+bhr`); names in a list
            // stand a comma and a space apart (`V, s ⊙`), and a comma with no space after it belongs to
            // a subscript (`W_{input,hidden}`).
            for token in joined.split(whereSeparator: { " +".contains($0) }) {
                let name = token.drop { "+⊙·".contains($0) }
                drawn.insert(String(name.hasSuffix(",") ? name.dropLast() : name))
            }
        }
        for parameter in parameters where !drawn.contains(parameter) {
            defects.append((.missingParameter, parameter))
        }
    }

    /// Points around a node's outline, 36 of them.
    private static func outline(of node: SVGFigure.Node) -> [SVGFigure.Point] {
        let c = node.box.centre, a = (node.box.maxX - node.box.minX) / 2, b = (node.box.maxY - node.box.minY) / 2
        return (0..<36).map { k in
            let angle = Double(k) * .pi / 18
            guard node.round else {
                // The box's border, in the direction of the angle.
                let scale = 1 / max(abs(cos(angle)) / a, abs(sin(angle)) / b)
                return SVGFigure.Point(x: c.x + scale * cos(angle), y: c.y + scale * sin(angle))
            }
            return SVGFigure.Point(x: c.x + a * cos(angle), y: c.y + b * sin(angle))
        }
    }

    /// Whether a label box covers part of a node's outline (a round node's box less its corners).
    private static func overlaps(_ box: SVGFigure.Box, _ node: SVGFigure.Node) -> Bool {
        var outline = node.box
        if node.round {
            let (w, h) = ((outline.maxX - outline.minX) * 0.15 / 2, (outline.maxY - outline.minY) * 0.15 / 2)
            outline = SVGFigure.Box(minX: outline.minX + w, minY: outline.minY + h,
                                    maxX: outline.maxX - w, maxY: outline.maxY - h)
        }
        return box.overlap(outline, inset: 1) > 0
    }

    /// The polyline with points `spacing` apart along it (its end kept), however densely it was sampled:
    /// each point then stands for `spacing` of its length.
    static func resample(_ line: [SVGFigure.Point], spacing: Double) -> [SVGFigure.Point] {
        guard var previous = line.first else { return [] }
        var out = [previous]
        var left = spacing  // length still to go before the next point
        for p in line.dropFirst() {
            var d = ((p.x - previous.x) * (p.x - previous.x) + (p.y - previous.y) * (p.y - previous.y)).squareRoot()
            while d >= left {
                let t = left / d
                previous = SVGFigure.Point(x: previous.x + (p.x - previous.x) * t, y: previous.y + (p.y - previous.y) * t)
                out.append(previous)
                d -= left
                left = spacing
            }
            left -= d
            previous = p
        }
        if let last = line.last, out.last != last { out.append(last) }
        return out
    }

    /// Distance from `p` to the nearest point of a densely sampled polyline.
    static func distance(_ p: SVGFigure.Point, _ points: [SVGFigure.Point]) -> Double {
        points.map { ($0.x - p.x) * ($0.x - p.x) + ($0.y - p.y) * ($0.y - p.y) }.min().map { $0.squareRoot() } ?? .infinity
    }

    /// WCAG 2 contrast ratio of `colour` (`#rrggbb`, `black` or `white`) against white; nil for none.
    static func contrast(_ colour: String) -> Double? {
        let hex: String
        switch colour.lowercased() {
        case "none", "transparent": return nil
        case "black": hex = "000000"
        case "white": hex = "ffffff"
        default:
            guard colour.hasPrefix("#"), colour.count >= 7 else { return nil }
            hex = String(colour.dropFirst().prefix(6))
        }
        guard let value = Int(hex, radix: 16) else { return nil }
        let channel = { (shift: Int) -> Double in
            let c = Double((value >> shift) & 0xff) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        let luminance = 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
        return 1.05 / (luminance + 0.05)
    }
}

/// The segments of every edge's polyline, bucketed on a grid, for nearness and crossing tests.
struct SegmentIndex {
    private let lines: [[SVGFigure.Point]]
    private let cell: Double
    /// (edge, segment start index) by cell.
    private var buckets: [Int64: [(edge: Int, k: Int)]] = [:]

    init(_ lines: [[SVGFigure.Point]], cell: Double) {
        self.lines = lines
        self.cell = cell
        for (e, line) in lines.enumerated() {
            for k in line.indices.dropLast() {
                let (p, q) = (line[k], line[k + 1])
                for cx in key(min(p.x, q.x))...key(max(p.x, q.x)) {
                    for cy in key(min(p.y, q.y))...key(max(p.y, q.y)) {
                        buckets[cx << 32 &+ cy, default: []].append((e, k))
                    }
                }
            }
        }
    }

    private func key(_ v: Double) -> Int64 { Int64((v / cell).rounded(.down)) }

    /// The edges not marked in `skipped` with a segment within `tolerance` of `p`.
    func edges(near p: SVGFigure.Point, within tolerance: Double, skipping skipped: [Bool]) -> [Int] {
        var found: [Int] = []
        for cx in key(p.x - tolerance)...key(p.x + tolerance) {
            for cy in key(p.y - tolerance)...key(p.y + tolerance) {
                for (e, k) in buckets[cx << 32 &+ cy] ?? [] where !skipped[e] && !found.contains(e) {
                    if Self.distance(p, lines[e][k], lines[e][k + 1]) <= tolerance { found.append(e) }
                }
            }
        }
        return found
    }

    /// The number of points where segments of two distinct edges cross, merged within 3 pt per
    /// pair of edges, counting only those `counts` accepts.
    func crossings(counts: (Int, Int, SVGFigure.Point) -> Bool) -> Int {
        var points: [Int: [SVGFigure.Point]] = [:]
        for cellKey in buckets.keys.sorted() {
            let items = buckets[cellKey]!
            for i in items.indices {
                for j in items.indices where j > i && items[i].edge != items[j].edge {
                    let (a, b) = items[i].edge < items[j].edge ? (items[i], items[j]) : (items[j], items[i])
                    // A pair of segments meets in several cells: only the cell holding the point counts it.
                    guard let x = Self.intersection(lines[a.edge][a.k], lines[a.edge][a.k + 1],
                                                    lines[b.edge][b.k], lines[b.edge][b.k + 1]),
                          key(x.x) << 32 &+ key(x.y) == cellKey, counts(a.edge, b.edge, x) else { continue }
                    let pair = a.edge * lines.count + b.edge
                    if !(points[pair] ?? []).contains(where: { abs($0.x - x.x) < 3 && abs($0.y - x.y) < 3 }) {
                        points[pair, default: []].append(x)
                    }
                }
            }
        }
        return points.values.reduce(0) { $0 + $1.count }
    }

    static func distance(_ p: SVGFigure.Point, _ a: SVGFigure.Point, _ b: SVGFigure.Point) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y
        let length = dx * dx + dy * dy
        let t = length == 0 ? 0 : max(0, min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length))
        let x = a.x + t * dx - p.x, y = a.y + t * dy - p.y
        return (x * x + y * y).squareRoot()
    }

    /// The point where segments pq and rs properly cross, if they do.
    static func intersection(_ p: SVGFigure.Point, _ q: SVGFigure.Point,
                             _ r: SVGFigure.Point, _ s: SVGFigure.Point) -> SVGFigure.Point? {
        let d1 = (q.x - p.x, q.y - p.y), d2 = (s.x - r.x, s.y - r.y)
        let denominator = d1.0 * d2.1 - d1.1 * d2.0
        guard abs(denominator) > 1e-9 else { return nil }
        let t = ((r.x - p.x) * d2.1 - (r.y - p.y) * d2.0) / denominator
        let u = ((r.x - p.x) * d1.1 - (r.y - p.y) * d1.0) / denominator
        guard t > 0, t <= 1, u > 0, u <= 1 else { return nil }
        return SVGFigure.Point(x: p.x + t * d1.0, y: p.y + t * d1.1)
    }
}
