extension Figure {
    /// Node margin, in points (the figure's `margin` of 0.04 inches).
    static let nodeMargin = 0.04 * 72
    /// The size of edge labels, in points (the figure's edge `fontsize`).
    static let edgeLabelSize = 12.0

    /// Fixes every node's size (`width`, `height`, `fixedsize`) and routes every
    /// edge around the nodes (see `EdgeRouter`, `FanRouting`): a blocked or labelled
    /// edge gets its own `pos`, any earlier `pos` of an edge is replaced; places every
    /// edge label beside its edge (`lp`, see `LabelPlacement`). Graphviz then only draws
    /// (`layout=nop2`: nodes and edges where the figure puts them, the remaining
    /// edges as straight lines).
    /// Returns the number of edges laid along parameters' lanes (see `ParameterLanes`).
    @discardableResult
    mutating func route() -> Int {
        var outlines: [NodeOutline] = []
        var index: [String: Int] = [:]
        // Text without a border (an annotation's note): not a node of the figure's rows.
        var texts = Set<Int>()
        for k in nodes.indices {
            guard let position = nodes[k].position else { continue }
            let attributes = nodes[k].attributes
            let value = { (name: String) in attributes.last { $0.name == name }?.value }
            let shape = value("shape") ?? "ellipse"
            if shape == "plaintext" { texts.insert(outlines.count) }
            var size: (width: Double, height: Double)
            if let width = value("width").flatMap(Double.init), let height = value("height").flatMap(Double.init) {
                size = (width * 72, height * 72)
            } else {
                size = NodeOutline.sized(shape: shape, label: value("label") ?? nodes[k].id, margin: Self.nodeMargin)
                nodes[k].attributes += [Attribute("width", Self.inches(size.width)),
                                        Attribute("height", Self.inches(size.height)),
                                        Attribute("fixedsize", "true")]
                // Graphviz sizes the rounded numbers: the router uses the same.
                size = (Self.roundedInches(size.width) * 72, Self.roundedInches(size.height) * 72)
            }
            let round = ["ellipse", "circle", "doublecircle", "oval", "point"].contains(shape)
            index[nodes[k].id] = outlines.count
            outlines.append(NodeOutline(form: round ? .ellipse : .box, x: position.x, y: position.y,
                                        width: size.width, height: size.height))
        }
        var router = EdgeRouter(outlines: outlines, rowGap: FigureLayout.rowGap)
        let ends = edges.map { edge in index[edge.from].flatMap { a in index[edge.to].map { (a, $0) } } }
        for case let (a, b)? in ends where a != b { router.reserveRow(from: a, to: b) }
        let centre = { (k: Int) in (x: outlines[k].x, y: outlines[k].y) }
        var drawn = PathCrossings(paths: ends.map { end in end.map { [centre($0.0), centre($0.1)] } ?? [] })
        let fans = FanRouting(ends: ends, outlines: outlines, texts: texts, router: router,
                              crossings: { drawn.crossings(of: $0, edge: $1) })
        for (k, route) in fans.routes { drawn.update(k, path: [centre(ends[k]!.0)] + route.bends + [route.tip, centre(ends[k]!.1)]) }
        let fansOut = FanOutRouting(ends: ends, outlines: outlines, texts: texts, router: router, taken: Set(fans.routes.keys),
                                     crossings: { drawn.crossings(of: $0, edge: $1) })
        for k in fansOut.routes.keys.sorted() {
            let route = fansOut.routes[k]!, (a, b) = ends[k]!
            drawn.update(k, path: [centre(a), route.start] + route.bends + [centre(b)])
            router.record([route.start] + route.bends + [centre(b)])
        }
        let lanes = ParameterLanes(ends: ends, outlines: outlines, texts: texts, router: router,
                                   taken: Set(fans.routes.keys).union(fansOut.routes.keys))
        for k in lanes.routes.keys.sorted() {
            let route = lanes.routes[k]!, (a, b) = ends[k]!
            drawn.update(k, path: [centre(a), route.start] + route.bends + [route.tip, centre(b)])
            router.record([route.start] + route.bends + [route.tip])
        }
        // Every edge's path as a polyline (the Bézier control points), for placing labels.
        var paths: [[EdgeRouter.Point]] = []
        for k in edges.indices {
            edges[k].attributes.removeAll { $0.name == "pos" || $0.name == "lp" }
            guard let (a, b) = ends[k], a != b else { paths.append([]); continue }
            let labelled = edges[k].attributes.contains { $0.name == "label" }
            let out = fansOut.routes[k].map { (start: $0.start, bends: $0.bends, tip: EdgeRouter.Point?.none) }
                ?? lanes.routes[k].map { (start: $0.start, bends: $0.bends, tip: Optional($0.tip)) }
            let route = fans.routes[k].map { (bends: $0.bends, tip: Optional($0.tip)) }
                ?? out.map { (bends: $0.bends, tip: $0.tip) }
                ?? router.bends(from: a, to: b, crossings: { drawn.crossings(of: $0, edge: k, limit: $1) })
                    .map { (bends: $0, tip: nil) }
            if let route, out == nil { drawn.update(k, path: [centre(a)] + route.bends + [centre(b)]) }
            // A labelled edge always gets its `pos`: Graphviz then takes the label's `lp` as given.
            guard route != nil || out != nil || labelled else {
                paths.append([outlines[a].border(towards: (outlines[b].x, outlines[b].y)),
                              outlines[b].border(towards: (outlines[a].x, outlines[a].y))])
                continue
            }
            let spline = router.spline(from: a, to: b, bends: route?.bends ?? [], start: out?.start, tip: route?.tip ?? nil)
            edges[k].attributes.append(Attribute("pos", spline.pos))
            paths.append(spline.points + [spline.tip])
        }
        var placement = LabelPlacement(outlines: outlines, paths: paths)
        // Labelled edges out of each tail: three or more make a fan.
        var leaving: [Int: Int] = [:]
        for (k, end) in ends.enumerated() where edges[k].attributes.contains(where: { $0.name == "label" }) {
            if let (a, _) = end { leaving[a, default: 0] += 1 }
        }
        for k in edges.indices where !paths[k].isEmpty {
            guard let label = edges[k].attributes.last(where: { $0.name == "label" })?.value else { continue }
            let size = NodeOutline.labelExtent(label, size: Self.edgeLabelSize)
            let fan = (ends[k].flatMap { leaving[$0.0] } ?? 0) >= FanRouting.minimumEdges
            // On the line first for an edge of a fan out of its tail: the fan's edges run too close
            // together for a label between them.
            let (centre, onLine) = placement.place(edge: k, width: size.width + 2, height: size.height, fan: fan,
                                                   onLineFirst: fansOut.routes[k] != nil)
            edges[k].attributes.append(Attribute("lp", "\(Int(centre.x.rounded())),\(Int(centre.y.rounded()))"))
            if onLine {
                // Over its own line: on a white ground, so that the line does not run through the words.
                edges[k].attributes.append(Attribute("label", "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" "
                    + "CELLPADDING=\"1\" BGCOLOR=\"white\"><TR><TD>" + label + "</TD></TR></TABLE>", html: true))
            }
        }
        return lanes.routes.count
    }

    /// The value of ``inches(_:)``'s text (the same double as parsing it: both round the same fraction).
    static func roundedInches(_ points: Double) -> Double {
        Double(Int((points / 72 * 10_000).rounded(.up))) / 10_000
    }

    /// Points as inches with four decimals, as Graphviz reads sizes.
    static func inches(_ points: Double) -> String {
        let tenThousandths = Int((points / 72 * 10_000).rounded(.up))
        let fraction = String(tenThousandths % 10_000)
        return "\(tenThousandths / 10_000)." + String(repeating: "0", count: 4 - fraction.count) + fraction
    }
}
