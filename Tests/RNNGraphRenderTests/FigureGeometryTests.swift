import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import RNNGraphKit
import RNNGraphRender

/// The centre of every `<g class="node">` of an SVG, by title, from the extent of its shapes.
final class SVGNodeCentres: NSObject, XMLParserDelegate {
    private(set) var centres: [String: (x: Double, y: Double)] = [:]
    private var title: String?
    private var inTitle = false
    private var xs: [Double] = [], ys: [Double] = []

    static func read(_ svg: Data) -> [String: (x: Double, y: Double)] {
        let collector = SVGNodeCentres()
        let parser = XMLParser(data: svg)
        parser.delegate = collector
        parser.parse()
        return collector.centres
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        switch name {
        case "g" where attributes["class"] == "node": title = ""; xs = []; ys = []
        case "title" where title != nil: inTitle = true
        case "ellipse" where title != nil:
            let (cx, cy) = (Double(attributes["cx"] ?? "") ?? 0, Double(attributes["cy"] ?? "") ?? 0)
            let (rx, ry) = (Double(attributes["rx"] ?? "") ?? 0, Double(attributes["ry"] ?? "") ?? 0)
            xs += [cx - rx, cx + rx]; ys += [cy - ry, cy + ry]
        case "polygon" where title != nil: add(attributes["points"] ?? "")
        case "path" where title != nil: add(attributes["d"] ?? "")
        default: break
        }
    }

    /// Adds the coordinate pairs of a `points` or path `d` attribute.
    private func add(_ text: String) {
        let numbers = text.split { !"0123456789.-".contains($0) }.compactMap { Double($0) }
        for k in stride(from: 0, to: numbers.count - 1, by: 2) { xs.append(numbers[k]); ys.append(numbers[k + 1]) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if inTitle { title! += string } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "title" { inTitle = false }
        if name == "g", let title, !xs.isEmpty {
            centres[title] = ((xs.min()! + xs.max()!) / 2, (ys.min()! + ys.max()!) / 2)
            self.title = nil
        }
    }
}

/// The drawn figure of every bundled model, read back from the SVG: each time step
/// in its own column, columns in time order, rows by dependency within a step.
@Suite struct FigureGeometryTests {
    /// The x-extent of each step's nodes in a drawn figure, each step's band left of the next one's
    /// (expected); a target whose time is no step's (the next input x_{N+1}) belongs to the nearest step.
    static func stepBands(_ graph: ComputationGraph, _ centre: [String: (x: Double, y: Double)], _ what: String)
        -> [Int: ClosedRange<Double>] {
        let steps = Set(graph.variables.compactMap { $0.kind == .target ? nil : $0.time })
        var band: [Int: ClosedRange<Double>] = [:]
        for variable in graph.variables {
            guard var t = variable.time, let x = centre[variable.name]?.x else { continue }
            if !steps.contains(t) { t = steps.min { abs($0 - t) < abs($1 - t) }! }
            band[t] = band[t].map { min($0.lowerBound, x)...max($0.upperBound, x) } ?? x...x
        }
        let times = band.keys.sorted()
        for (t, u) in zip(times, times.dropFirst()) {
            #expect(band[t]!.upperBound + 20 < band[u]!.lowerBound, "\(what): step \(t) \(band[t]!) runs into step \(u) \(band[u]!)")
        }
        return band
    }

    @Test(arguments: BundledModels.names)
    func everyStepIsOneColumn(model name: String) throws {
        for length in 1...8 {
            let model = try Model(ModelOptions(definition: BundledModels.definition(named: name)!, length: length))
            let graph = model.graph
            let svg = try GraphvizRenderer.render(try Figure(model), format: .svg)
            let centre = SVGNodeCentres.read(svg)
            let parametersDrawn = centre[graph.variables(of: .parameter).first?.name ?? ""] != nil
            #expect(centre.count == graph.count - (parametersDrawn ? 0 : graph.variables(of: .parameter).count),
                    "\(name) N=\(length): every variable drawn")
            let band = Self.stepBands(graph, centre, "\(name) N=\(length)")
            let times = band.keys.sorted()

            // Initial states: left of step 1 for a forward recurrence, right of step N for a backward one.
            let first = graph.variables.filter { $0.time == 1 && $0.kind != .target }.compactMap { centre[$0.name]?.x }
            let last = graph.variables.filter { $0.time == length && $0.kind != .target }
                .compactMap { centre[$0.name]?.x }
            for initial in graph.variables(of: .initialState) {
                let x = centre[initial.name]!.x
                if initial.time! < 1 { #expect(x < first.min()!, "\(name) N=\(length): \(initial.name) left of step 1") }
                if initial.time! > length { #expect(x > last.max()!, "\(name) N=\(length): \(initial.name) right of step N") }
            }

            // Parameters outside the columns, the loss on top, and within a step every edge runs upwards
            // (SVG y grows downwards), but from one state carried to later steps into another (an LSTM's
            // c_t → h_t: the cell state runs above h).
            let timedXs = graph.variables.filter { $0.time != nil }.compactMap { centre[$0.name]?.x }
            for parameter in graph.variables(of: .parameter) where parametersDrawn {
                #expect(centre[parameter.name]!.x < timedXs.min()!, "\(name) N=\(length): \(parameter.name) outside")
            }
            if let loss = graph.loss {
                #expect(centre.values.allSatisfy { $0.y >= centre[loss.name]!.y }, "\(name) N=\(length): loss on top")
            }
            let carried = Set(graph.edges.filter { (from, to) in
                (graph[to].time ?? .min) > (graph[from].time ?? .max)
            }.map { graph[$0.from].symbol.ascii })
            for (from, to) in graph.edges where graph[from].time == graph[to].time && graph[from].time != nil
                && !(carried.contains(graph[from].symbol.ascii) && carried.contains(graph[to].symbol.ascii)) {
                #expect(centre[graph[from].name]!.y > centre[graph[to].name]!.y,
                        "\(name) N=\(length): \(graph[from].name) → \(graph[to].name) runs upwards")
            }
        }
    }
}

/// The nodes and edges of an SVG as drawn: each node's outline (the outermost ellipse,
/// or the extent of its polygon or path) and each edge's Bézier path, by title.
final class SVGDrawing: NSObject, XMLParserDelegate {
    enum Outline { case ellipse(cx: Double, cy: Double, rx: Double, ry: Double), box(ClosedRange<Double>, ClosedRange<Double>) }
    private(set) var nodes: [String: Outline] = [:]
    /// Control points of every edge path: a start, then three per cubic segment.
    private(set) var edges: [(title: String, points: [(x: Double, y: Double)])] = []
    private var kind: String?, title = "", inTitle = false
    private var outline: Outline?, path: [(x: Double, y: Double)] = []

    static func read(_ svg: Data) -> SVGDrawing {
        let drawing = SVGDrawing()
        let parser = XMLParser(data: svg)
        parser.delegate = drawing
        parser.parse()
        return drawing
    }

    private static func pairs(_ text: String) -> [(x: Double, y: Double)] {
        let numbers = text.split { !"0123456789.-".contains($0) }.compactMap { Double($0) }
        return stride(from: 0, to: numbers.count - 1, by: 2).map { (numbers[$0], numbers[$0 + 1]) }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        switch name {
        case "g" where attributes["class"] == "node" || attributes["class"] == "edge":
            kind = attributes["class"]; title = ""; outline = nil; path = []
        case "title" where kind != nil: inTitle = true
        case "ellipse" where kind == "node":
            let e = ["cx", "cy", "rx", "ry"].map { Double(attributes[$0] ?? "") ?? 0 }
            if case .ellipse(_, _, let rx, _)? = outline, rx >= e[2] { break }
            outline = .ellipse(cx: e[0], cy: e[1], rx: e[2], ry: e[3])
        case "polygon" where kind == "node", "path" where kind == "node":
            let points = Self.pairs(attributes["points"] ?? attributes["d"] ?? "")
            guard let xs = points.map(\.x).min().map({ $0...points.map(\.x).max()! }),
                  let ys = points.map(\.y).min().map({ $0...points.map(\.y).max()! }) else { break }
            outline = .box(xs, ys)
        case "path" where kind == "edge": path = Self.pairs(attributes["d"] ?? "")
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if inTitle { title += string } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "title" { inTitle = false }
        guard name == "g", let kind else { return }
        if kind == "node", let outline { nodes[title] = outline }
        if kind == "edge" { edges.append((title, path)) }
        self.kind = nil
    }

    /// Whether `p` lies inside the outline, more than `margin` points from its border.
    static func inside(_ p: (x: Double, y: Double), _ outline: Outline, margin: Double) -> Bool {
        switch outline {
        case .ellipse(let cx, let cy, let rx, let ry):
            guard rx > margin, ry > margin else { return false }
            let u = (p.x - cx) / (rx - margin), v = (p.y - cy) / (ry - margin)
            return u * u + v * v < 1
        case .box(let xs, let ys):
            return p.x > xs.lowerBound + margin && p.x < xs.upperBound - margin
                && p.y > ys.lowerBound + margin && p.y < ys.upperBound - margin
        }
    }
}

/// No edge of any drawn figure passes through a node it does not start or end at:
/// every edge path of the SVG, sampled along its Bézier segments, stays outside
/// every other node's outline.
@Suite struct EdgeRoutingTests {
    private func crossings(_ figure: Figure) throws -> [String] {
        let drawing = SVGDrawing.read(try GraphvizRenderer.render(figure, format: .svg))
        var found: [String] = []
        #expect(!drawing.edges.isEmpty && !drawing.nodes.isEmpty)
        for edge in drawing.edges {
            let ends = edge.title.components(separatedBy: "->")
            let points = edge.points
            #expect(points.count >= 4 && (points.count - 1) % 3 == 0, "\(edge.title): a Bézier path")
            var samples: [(x: Double, y: Double)] = []
            for k in stride(from: 0, to: points.count - 3, by: 3) {
                let (p0, p1, p2, p3) = (points[k], points[k + 1], points[k + 2], points[k + 3])
                for step in 0...40 {
                    let t = Double(step) / 40, s = 1 - t
                    let a = s * s * s, b = 3 * s * s * t, c = 3 * s * t * t, d = t * t * t
                    samples.append((a * p0.x + b * p1.x + c * p2.x + d * p3.x, a * p0.y + b * p1.y + c * p2.y + d * p3.y))
                }
            }
            for (name, outline) in drawing.nodes where !ends.contains(name) {
                if samples.contains(where: { SVGDrawing.inside($0, outline, margin: 1) }) {
                    found.append("\(edge.title) crosses \(name)")
                }
            }
        }
        return found
    }

    @Test(arguments: BundledModels.names)
    func noEdgeCrossesANode(model name: String) throws {
        for length in [1, 2, 3, 5, 8] {
            let model = try Model(ModelOptions(definition: BundledModels.definition(named: name)!, length: length))
            let found = try crossings(try Figure(model))
            #expect(found.isEmpty, "\(name) N=\(length): \(found.prefix(5))")
        }
    }

    /// Long figures (hundreds of edges, once drawn as straight lines through nodes)
    /// and every path at once as small multiples.
    @Test func largeFiguresAndPanelsToo() throws {
        for (name, length) in [("cs187", 30), ("lstm", 12), ("goodfellow", 20)] {
            let model = try Model(ModelOptions(definition: BundledModels.definition(named: name)!, length: length))
            let found = try crossings(try Figure(model))
            #expect(found.isEmpty, "\(name) N=\(length): \(found.prefix(5))")
        }
        let model = try Model(ModelOptions(length: 3))
        let paths = try Derivation(model: model, wrt: "U").paths
        let highlights = paths.enumerated().map { k, path in
            Highlight(edges: zip(path, path.dropFirst()).map { Highlight.Edge($0, $1) }, caption: "term \(k + 1)")
        }
        let found = try crossings(try Figure(model, options: FigureOptions(highlights: highlights)))
        #expect(found.isEmpty, "panels: \(found.prefix(5))")
    }
}
