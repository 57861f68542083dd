extension Figure {
    /// Node margin, in points (the figure's `margin` of 0.04 inches).
    static let nodeMargin = 0.04 * 72

    /// Fixes every node's size (`width`, `height`, `fixedsize`) and routes every
    /// edge around the nodes (see `EdgeRouter`): a blocked edge gets its own `pos`,
    /// any earlier `pos` of an edge is replaced. Graphviz then only draws
    /// (`layout=nop2`: nodes and edges where the figure puts them, the remaining
    /// edges as straight lines).
    mutating func route() {
        var outlines: [NodeOutline] = []
        var index: [String: Int] = [:]
        for k in nodes.indices {
            guard let position = nodes[k].position else { continue }
            let attributes = nodes[k].attributes
            let value = { (name: String) in attributes.last { $0.name == name }?.value }
            let shape = value("shape") ?? "ellipse"
            var size: (width: Double, height: Double)
            if let width = value("width").flatMap(Double.init), let height = value("height").flatMap(Double.init) {
                size = (width * 72, height * 72)
            } else {
                size = NodeOutline.sized(shape: shape, label: value("label") ?? nodes[k].id, margin: Self.nodeMargin)
                nodes[k].attributes += [Attribute("width", Self.inches(size.width)),
                                        Attribute("height", Self.inches(size.height)),
                                        Attribute("fixedsize", "true")]
                // Graphviz sizes the rounded numbers: the router uses the same.
                size = (Double(Self.inches(size.width))! * 72, Double(Self.inches(size.height))! * 72)
            }
            let round = ["ellipse", "circle", "doublecircle", "oval", "point"].contains(shape)
            index[nodes[k].id] = outlines.count
            outlines.append(NodeOutline(form: round ? .ellipse : .box, x: position.x, y: position.y,
                                        width: size.width, height: size.height))
        }
        var router = EdgeRouter(outlines: outlines, rowGap: FigureLayout.rowGap)
        let ends = edges.map { edge in index[edge.from].flatMap { a in index[edge.to].map { (a, $0) } } }
        let fans = FanRouting(ends: ends, outlines: outlines, router: router)
        for k in edges.indices {
            edges[k].attributes.removeAll { $0.name == "pos" }
            guard let (a, b) = ends[k], a != b else { continue }
            if let fan = fans.routes[k] {
                edges[k].attributes.append(Attribute("pos", router.spline(from: a, to: b, bends: fan.bends, tip: fan.tip)))
                continue
            }
            guard let bends = router.bends(from: a, to: b) else { continue }
            edges[k].attributes.append(Attribute("pos", router.spline(from: a, to: b, bends: bends)))
        }
    }

    /// Points as inches with four decimals, as Graphviz reads sizes.
    static func inches(_ points: Double) -> String {
        let tenThousandths = Int((points / 72 * 10_000).rounded(.up))
        let fraction = String(tenThousandths % 10_000)
        return "\(tenThousandths / 10_000)." + String(repeating: "0", count: 4 - fraction.count) + fraction
    }
}
