import RNNGraphCore
import RNNGraphPaths

extension Figure {
    /// The cell view of `model`: one step drawn as the textbook cell diagram (Colah's
    /// LSTM figure), whatever the model's length. What the step reads from outside
    /// (`x_t`, `h_{t-1}`, `c_{t-1}`) enters on the left, its results leave on the right,
    /// every operation of its equations is a node (`σ` and `tanh` in yellow boxes, the
    /// element-wise `⊙`, `+`, `1 − ·` in pink circles, products in white), and a state
    /// that reaches the next step through element-wise operations only (an LSTM's `c`,
    /// a GRU's `h`) runs as a thick straight line along the top. Each parameter is
    /// written inside the operation it enters (`W ×` multiplies by `W`, `+ b` adds `b`);
    /// see `CellGraph`. Positions are the figure's own (`CellLayout`), edges routed
    /// around the nodes; Graphviz only draws.
    /// - Throws: `RNNGraphError` when the model cannot be unrolled.
    public init(cellOf model: Model, timeStyle: TimeIndexStyle? = nil, legend: Bool = true) throws {
        let cell = try CellGraph(model, timeStyle: timeStyle ?? model.options.defaultTimeStyle)
        var nodes = cell.nodes.map(Self.cellNode)
        let sizes = nodes.map { node -> (width: Double, height: Double) in
            let value = { (name: String) -> Double? in node.attributes.last { $0.name == name }.flatMap { Double($0.value) } }
            return ((value("width") ?? 0) * 72, (value("height") ?? 0) * 72)
        }
        let layout = CellLayout(cell, sizes: sizes)
        for k in nodes.indices {
            nodes[k].attributes.append(Attribute("pos", Figure.pos(layout.positions[k].x, layout.positions[k].y)))
        }
        let line = Set(cell.stateLines.flatMap { zip($0, $0.dropFirst()).map { "\($0)>\($1)" } })
        self.nodes = nodes
        edges = cell.edges.map { edge in
            Edge(from: cell.nodes[edge.from].id, to: cell.nodes[edge.to].id,
                 attributes: line.contains("\(edge.from)>\(edge.to)")
                    ? [Attribute("color", Self.stateLineColor), Attribute("penwidth", "2.5")] : [])
        }
        graphAttributes = [
            Attribute("layout", "nop2"), Attribute("splines", "line"),
            Attribute("fontname", "Helvetica"), Attribute("bgcolor", "white"),
        ]
        if legend {
            let kinds = VariableKind.allCases.filter { kind in cell.nodes.contains { $0.kind == kind } }
            var entries = kinds.map { kind in
                LegendEntry(caption: Self.cellLegendName(kind, of: cell.nodes.filter { $0.kind == kind }),
                            fill: FigureStyle.attributes(for: kind).first { $0.name == "fillcolor" }?.value, color: nil)
            }
            for group in CellOperationGroup.allCases where cell.nodes.contains(where: { CellOperationGroup($0.role) == group }) {
                entries.append(LegendEntry(caption: group.caption, fill: group.fill, color: nil))
            }
            if !cell.stateLines.isEmpty {
                entries.append(LegendEntry(caption: "state line", fill: nil, color: Self.stateLineColor))
            }
            self.legend = entries
            graphAttributes.append(Attribute("label", FigureLegend.html(entries), html: true))
            graphAttributes.append(Attribute("labelloc", "b"))
        }
        nodeDefaults = [Attribute("fontname", "Helvetica"), Attribute("fontsize", "14"), Attribute("margin", "0.04")]
        edgeDefaults = [Attribute("arrowsize", "0.7"), Attribute("color", "#555555"), Attribute("fontname", "Helvetica"),
                        Attribute("fontsize", "12")]
        route()
        routeCellInputs(cell, layout, sizes: sizes)
    }

    /// The legend caption of `kind` drawn as `nodes`: pre-activations, activations (gates) or both.
    private static func cellLegendName(_ kind: VariableKind, of nodes: [CellGraph.Node]) -> String {
        guard kind == .preActivation else { return FigureStyle.legendName(kind) }
        let activated = nodes.filter(\.isActivation).count
        return activated == 0 ? "pre-activation" : activated == nodes.count ? "activation" : "pre-activation / activation"
    }

    /// The colour of a state line's edges (dark grey, 9.7:1 on white).
    static let stateLineColor = "#444444"

    /// A node of the cell, sized: a variable as in every figure, an operation by its group.
    private static func cellNode(_ node: CellGraph.Node) -> Node {
        guard let group = CellOperationGroup(node.role) else {
            let kind = node.kind ?? .input
            var attributes = [Attribute("label", node.html, html: true)] + FigureStyle.attributes(for: kind)
            let shape = attributes.last { $0.name == "shape" }?.value ?? "ellipse"
            let size = NodeOutline.sized(shape: shape, label: node.html, margin: nodeMargin)
            attributes += [Attribute("width", inches(size.width)), Attribute("height", inches(size.height)),
                           Attribute("fixedsize", "true")]
            return Node(id: node.id, attributes: attributes, latex: "$" + node.latex + "$")
        }
        let text = NodeOutline.labelExtent(node.html, size: FigureStyle.operationFontSize)
        let round = group != .nonlinearity
        let width = round ? max(24, (text.width + 6) * 1.2) : max(30, text.width + 12)
        let height = round ? max(24, text.height * 1.2) : 24
        var attributes = [Attribute("label", node.html, html: true),
                          Attribute("shape", round ? "ellipse" : "box"),
                          Attribute("style", round ? "filled" : "filled,rounded"),
                          Attribute("fillcolor", group.fill), Attribute("color", "#555555"),
                          Attribute("fontsize", String(Int(FigureStyle.operationFontSize)))]
        attributes += [Attribute("width", inches(width)), Attribute("height", inches(height)),
                       Attribute("fixedsize", "true")]
        return Node(id: node.id, attributes: attributes, latex: "$" + node.latex + "$")
    }
}

/// How the cell view draws an operation, by what it does.
enum CellOperationGroup: CaseIterable {
    /// `σ`, `tanh`, ReLU, softmax: a yellow box, as Colah draws a layer.
    case nonlinearity
    /// `⊙`, `+`, `−`, `1 − ·` and the other entry-by-entry operations: a pink circle.
    case elementwise
    /// A matrix product or anything else (a loss, a mean, a stack): a white circle.
    case other

    /// The group of an operation node; `nil` for a variable.
    init?(_ role: CellGraph.Role) {
        guard case .operation(let primitive) = role else { return nil }
        switch primitive {
        case .activation?, .softmax?: self = .nonlinearity
        case nil, .sum?, .general(.hadamard)?, .general(.negate)?, .general(.power)?, .general(.exp)?,
             .general(.log)?: self = .elementwise
        case .matrixProduct?, .squaredError?, .crossEntropy?, .softmaxCrossEntropy?, .inner?, .mean?,
             .general(.transpose)?, .general(.stack)?, .general(.entrySum)?, .general(.catalogued)?: self = .other
        }
    }

    /// The fill: Tol's rainbow yellow and a pale pink, apart from every kind's fill; black
    /// text on both above 11:1.
    var fill: String {
        switch self {
        case .nonlinearity: return "#F6C141"
        case .elementwise: return "#F1BBD6"
        case .other: return "#FFFFFF"
        }
    }

    /// The legend's caption.
    var caption: String {
        switch self {
        case .nonlinearity: return "nonlinearity"
        case .elementwise: return "element-wise operation"
        case .other: return "product or other operation"
        }
    }
}
