import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A figure as Graphviz's SVG draws it, read back for measuring: node outlines,
/// edge paths sampled from their cubic Béziers, estimated text boxes and the legend.
/// Coordinates are the SVG's own (y downwards), all inside one transform.
struct SVGFigure {
    /// A point of the drawing.
    struct Point: Equatable { var x: Double, y: Double }

    /// An axis-aligned box.
    struct Box: Equatable {
        var minX: Double, minY: Double, maxX: Double, maxY: Double
        var centre: Point { Point(x: (minX + maxX) / 2, y: (minY + maxY) / 2) }
        /// The area two boxes share after each is shrunk by `inset` points a side.
        func overlap(_ other: Box, inset: Double = 0) -> Double {
            let w = min(maxX, other.maxX) - max(minX, other.minX) - 2 * inset
            let h = min(maxY, other.maxY) - max(minY, other.minY) - 2 * inset
            return w > 0 && h > 0 ? w * h : 0
        }
        func union(_ other: Box) -> Box {
            Box(minX: min(minX, other.minX), minY: min(minY, other.minY),
                maxX: max(maxX, other.maxX), maxY: max(maxY, other.maxY))
        }
        /// Distance from `p` to the box (0 inside).
        func distance(to p: Point) -> Double {
            let dx = max(minX - p.x, 0, p.x - maxX), dy = max(minY - p.y, 0, p.y - maxY)
            return (dx * dx + dy * dy).squareRoot()
        }
    }

    /// A text element: its estimated box, colour and words.
    struct Text: Equatable { var box: Box, color: String, string: String }

    /// A drawn node: title, outline, whether it is round, the texts inside it, and
    /// the texts beside it (an annotation), and its stroke colours.
    struct Node {
        var title: String
        var box: Box
        var round: Bool
        var label: [Text] = []
        var annotation: [Text] = []
        var strokes: [String] = []

        /// Whether `p` lies inside the outline, more than `margin` points from its border.
        func contains(_ p: Point, margin: Double) -> Bool {
            let c = box.centre, a = (box.maxX - box.minX) / 2 - margin, b = (box.maxY - box.minY) / 2 - margin
            guard a > 0, b > 0 else { return false }
            let u = (p.x - c.x) / a, v = (p.y - c.y) / b
            return round ? u * u + v * v < 1 : abs(u) < 1 && abs(v) < 1
        }

        /// Approximate distance from `p` to the outline (0 inside).
        func distance(to p: Point) -> Double {
            guard round else { return box.distance(to: p) }
            let c = box.centre, a = (box.maxX - box.minX) / 2, b = (box.maxY - box.minY) / 2
            let dx = p.x - c.x, dy = p.y - c.y
            let r = (dx * dx + dy * dy).squareRoot()
            guard r > 0 else { return 0 }
            let border = 1 / ((dx / r / a) * (dx / r / a) + (dy / r / b) * (dy / r / b)).squareRoot()
            return max(0, r - border)
        }
    }

    /// A drawn edge: tail and head titles, its path sampled as a polyline, its label's texts and colours.
    struct Edge {
        var tail: String, head: String
        var polyline: [Point]
        var label: [Text] = []
        var strokes: [String] = []
        var labelBox: Box? { label.dropFirst().reduce(label.first?.box) { $0?.union($1.box) } }
    }

    var nodes: [Node] = []
    var edges: [Edge] = []
    /// The legend's boxes and texts (everything drawn outside nodes and edges but the background).
    var legend: [Box] = []
    var legendTexts: [Text] = []

    /// Reads Graphviz SVG.
    static func read(_ data: Data) -> SVGFigure {
        let reader = Reader()
        let parser = XMLParser(data: data)
        parser.delegate = reader
        parser.parse()
        return reader.figure
    }

    /// The estimated box of a text drawn at (`x`, `y`) (its baseline) in `size`-point Helvetica.
    static func textBox(x: Double, y: Double, size: Double, anchor: String, count: Int) -> Box {
        let width = Double(count) * size * 0.6
        let left = anchor == "middle" ? x - width / 2 : anchor == "end" ? x - width : x
        return Box(minX: left, minY: y - 0.75 * size, maxX: left + width, maxY: y + 0.2 * size)
    }

    /// Points along a path `d` of `M x,y C x,y x,y x,y …`, `perSegment` samples a cubic.
    static func sample(_ d: String, perSegment: Int = 24) -> [Point] {
        let numbers = d.split { !"0123456789.-e".contains($0) }.compactMap { Double($0) }
        let points = stride(from: 0, to: numbers.count - 1, by: 2).map { Point(x: numbers[$0], y: numbers[$0 + 1]) }
        guard let first = points.first else { return [] }
        var out = [first]
        var k = 0
        while k + 3 < points.count {
            let (p0, p1, p2, p3) = (points[k], points[k + 1], points[k + 2], points[k + 3])
            for step in 1...perSegment {
                let t = Double(step) / Double(perSegment), s = 1 - t
                let a = s * s * s, b = 3 * s * s * t, c = 3 * s * t * t, e = t * t * t
                out.append(Point(x: a * p0.x + b * p1.x + c * p2.x + e * p3.x,
                                 y: a * p0.y + b * p1.y + c * p2.y + e * p3.y))
            }
            k += 3
        }
        return out
    }

    private final class Reader: NSObject, XMLParserDelegate {
        var figure = SVGFigure()
        private var groupDepth = 0
        /// The class of the open node or edge group and the depth it opened at.
        private var group: (kind: String, depth: Int)?
        private var title = "", inTitle = false
        private var texts: [Text] = [], strokes: [String] = []
        private var outline: (box: Box, round: Bool)?, path: [Point] = []
        private var text: (x: Double, y: Double, size: Double, anchor: String, color: String)?
        private var words = ""
        private var sawBackground = false

        private static func pairs(_ text: String) -> [Point] {
            let numbers = text.split { !"0123456789.-".contains($0) }.compactMap { Double($0) }
            return stride(from: 0, to: numbers.count - 1, by: 2).map { Point(x: numbers[$0], y: numbers[$0 + 1]) }
        }

        private static func box(_ points: [Point]) -> Box? {
            guard !points.isEmpty else { return nil }
            return Box(minX: points.map(\.x).min()!, minY: points.map(\.y).min()!,
                       maxX: points.map(\.x).max()!, maxY: points.map(\.y).max()!)
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            let stroke = attributes["stroke"]
            switch name {
            case "g":
                groupDepth += 1
                if let kind = attributes["class"], kind == "node" || kind == "edge" {
                    group = (kind, groupDepth)
                    title = ""; texts = []; strokes = []; outline = nil; path = []
                }
            case "title" where group != nil: inTitle = true
            case "text":
                text = (Double(attributes["x"] ?? "") ?? 0, Double(attributes["y"] ?? "") ?? 0,
                        Double(attributes["font-size"] ?? "") ?? 14, attributes["text-anchor"] ?? "start",
                        attributes["fill"] ?? "black")
                words = ""
            case "ellipse", "polygon", "path", "polyline":
                var points: [Point]
                if name == "ellipse" {
                    let e = ["cx", "cy", "rx", "ry"].map { Double(attributes[$0] ?? "") ?? 0 }
                    points = [Point(x: e[0] - e[2], y: e[1] - e[3]), Point(x: e[0] + e[2], y: e[1] + e[3])]
                } else {
                    points = Self.pairs(attributes["points"] ?? attributes["d"] ?? "")
                }
                guard let box = Self.box(points) else { break }
                guard let group else {
                    // The first polygon is the white background; the rest belongs to the legend.
                    if !sawBackground { sawBackground = true } else { figure.legend.append(box) }
                    if let stroke { strokes.append(stroke) }
                    break
                }
                if let stroke { strokes.append(stroke) }
                if group.kind == "node" {
                    // The outermost shape is the outline (a double circle has two).
                    if outline == nil || box.maxX - box.minX > outline!.box.maxX - outline!.box.minX {
                        outline = (box, name == "ellipse")
                    }
                } else if name == "path" {
                    path = SVGFigure.sample(attributes["d"] ?? "")
                }
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inTitle { title += string }
            if text != nil { words += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch name {
            case "title": inTitle = false
            case "text":
                guard let t = text else { break }
                let item = Text(box: SVGFigure.textBox(x: t.x, y: t.y, size: t.size, anchor: t.anchor,
                                                       count: words.count),
                                color: t.color, string: words)
                if group != nil { texts.append(item) } else { figure.legendTexts.append(item) }
                text = nil
            case "g":
                defer { groupDepth -= 1 }
                guard let open = group, open.depth == groupDepth else { break }
                group = nil
                let decoded = title.replacingOccurrences(of: "&#45;", with: "-")
                if open.kind == "node", let outline {
                    var node = Node(title: decoded, box: outline.box, round: outline.round)
                    node.strokes = strokes
                    for item in texts {
                        // A text whose centre is inside the outline is the label; any other, an annotation.
                        if node.contains(item.box.centre, margin: 0) { node.label.append(item) } else {
                            node.annotation.append(item)
                        }
                    }
                    figure.nodes.append(node)
                } else if open.kind == "edge" {
                    let ends = decoded.components(separatedBy: "->")
                    figure.edges.append(Edge(tail: ends.first ?? "", head: ends.last ?? "", polyline: path,
                                             label: texts, strokes: strokes))
                }
            default: break
            }
        }
    }
}
