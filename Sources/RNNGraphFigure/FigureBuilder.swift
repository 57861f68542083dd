import RNNGraphCore
import RNNGraphNotation
import RNNGraphPaths

extension Figure {
    /// The figure of a model's graph: one column per time step, left to right,
    /// rows by dependency depth within a step (inputs at the bottom, `L` on top),
    /// parameters in a band left of the columns (see `FigureLayout`).
    public init(_ model: Model, options: FigureOptions = FigureOptions()) throws {
        try self.init(model.graph, timeStyle: options.timeStyle ?? model.options.defaultTimeStyle,
                      options: options)
    }

    /// The figure of any computation graph.
    ///
    /// One highlight is drawn in a strong colour over a faded graph; several are
    /// drawn as small multiples, one panel per highlight, captioned like it.
    ///
    /// Every parameter has its own colour and every highlighted path its own
    /// colour, none of them shared.
    public init(_ graph: ComputationGraph, timeStyle: TimeIndexStyle, options: FigureOptions) throws {
        let pathColors = FigureStyle.pathPalette(count: max(1, options.highlights.count),
                                                 parameters: graph.variables(of: .parameter).count)
        try self.init(graph, timeStyle: timeStyle, options: options, pathColors: pathColors)
    }

    private init(_ graph: ComputationGraph, timeStyle: TimeIndexStyle, options: FigureOptions,
                 pathColors: [String]) throws {
        if options.highlights.count > 1 {
            var plain = options
            plain.highlights = []
            var panel = plain
            panel.legend = false
            self = try Figure(graph, timeStyle: timeStyle, options: plain)
                .grid(of: zip(options.highlights, pathColors).map { highlight, color in
                    panel.highlights = [highlight]
                    return (try Figure(graph, timeStyle: timeStyle, options: panel, pathColors: [color]),
                            highlight.caption)
                })
            route()
            return
        }
        let modelView = options.show.isEmpty ? GraphView(graph) : try GraphView(graph, keeping: options.show)
        // Labels by default: measured, parameter nodes put every parameter's edges on one
        // corridor and cross 3-4 times as often as Graphviz's own layout (Docs/guide.md).
        // A highlighted path may run through a parameter, and a parameter's number is
        // written beside its node: either then needs the nodes.
        let annotatesParameter = options.annotations.keys.contains { graph[$0].kind == .parameter }
        let style = options.parameters ?? (options.highlights.isEmpty && !annotatesParameter ? .labels : .nodes)
        // The operations view draws its own graph: the shown variables with the
        // operations of their definitions, edges contracted through the rest.
        let operations = style == .operations ? OperationsGraph(graph) : nil
        let drawn = operations?.graph ?? graph
        let fullView = operations.map { operations in
            GraphView(operations.graph, keeping: Set(modelView.kept.flatMap {
                [operations.nodes[$0.index]] + operations.operations(of: $0)
            }))
        } ?? modelView
        let view = style == .nodes || style == .operations ? (kept: fullView.kept, edges: fullView.edges)
            : (kept: fullView.kept.filter { drawn[$0].kind != .parameter },
               edges: fullView.edges.filter { drawn[$0.from].kind != .parameter })
        let kept = view.kept.map { drawn[$0] }
        let annotations = operations.map { operations in
            Dictionary(uniqueKeysWithValues: options.annotations.map { (operations.nodes[$0.key.index], $0.value) })
        } ?? options.annotations

        // Parameters and their copies share one colour per parameter.
        var parameterColor: [NodeID: String] = [:]
        let parameters = drawn.variables(of: .parameter)
        for (variable, color) in zip(parameters, FigureStyle.parameterPalette(count: parameters.count)) {
            parameterColor[variable.id] = color
        }
        var colorName: [NodeID: String] = [:]
        var names: [NamedColor] = []
        for variable in parameters {
            let stem = "rnn" + String(variable.symbol.ascii.filter { $0.isASCII && ($0.isLetter || $0.isNumber) })
            var name = stem
            var k = 1
            while names.contains(where: { $0.name == name }) { k += 1; name = stem + "x\(k)" }
            colorName[variable.id] = name
            names.append(NamedColor(name: name, hex: parameterColor[variable.id] ?? "#000000"))
        }
        for copy in drawn.variables(of: .parameterCopy) {
            parameterColor[copy.id] = copy.parents.first.flatMap { parameterColor[$0] }
        }

        // The labels style writes every parameter a drawn variable reads on its edges or in its node.
        var marks: [NodeID: ParameterMarks] = [:]
        if style == .labels {
            var sources: [NodeID: Set<NodeID>] = [:]
            for edge in view.edges { sources[edge.to, default: []].insert(edge.from) }
            for id in view.kept where drawn[id].definition != nil {
                marks[id] = ParameterMarks(drawn[id], graph: drawn, drawnSources: sources[id] ?? [])
            }
        }
        let labelled = view.edges.filter { !(marks[$0.to]?.edges[$0.from] ?? []).isEmpty }
        let notation = VariableNotation(timeStyle: timeStyle)
        // The drawn size of each variable's node, so that wide or tall nodes get room in the layout.
        var sizes: [NodeID: (width: Double, height: Double)] = [:]
        for variable in kept where !(operations?.isOperation(variable.id) ?? false) {
            let shape = FigureStyle.attributes(for: variable.kind).last { $0.name == "shape" }?.value ?? "ellipse"
            let inNode = (marks[variable.id]?.node ?? []).enumerated().map { k, mark in
                ParameterMarks.nodePrefix(added: mark.added, first: k == 0) + notation.html(drawn[mark.parameter])
            }
            sizes[variable.id] = inNode.isEmpty
                ? NodeOutline.sized(shape: shape, label: notation.html(variable), margin: Figure.nodeMargin)
                : FigureStyle.markedNodeSize(shape: shape, name: notation.html(variable), marks: inNode)
        }
        // The width of each edge label, so that a label along a row gets room between the columns.
        var labelWidths: [NodeID: [NodeID: Double]] = [:]
        for edge in labelled {
            let text = (marks[edge.to]?.edges[edge.from] ?? []).map { mark in
                ParameterMarks.html(mark, graph: drawn, timeStyle: timeStyle, color: "black")
            }.joined(separator: ", ")
            labelWidths[edge.from, default: [:]][edge.to] = NodeOutline.labelExtent(text, size: Figure.edgeLabelSize,
                                                                                   scripts: NodeOutline.fullSizeScripts).width
        }
        let raised = Set(view.kept.filter { operations?.isOperation($0) ?? false })
        var gateRows = GateRows.byDepth
        var laneRoom = true
        let laidOut = { (kept: [NodeID], edges: [(from: NodeID, to: NodeID)], order: [Int: [String]]) in
            FigureLayout(drawn, kept: kept, edges: edges, labelled: labelled, labelWidths: labelWidths, raised: raised,
                         notes: !annotations.isEmpty, sizes: sizes, laneOrder: order, gateRows: gateRows,
                         parameterLanes: laneRoom)
        }
        var order: [Int: [String]] = [:]
        var layout = laidOut(view.kept, view.edges, [:])
        // The gates' rows and the rows' orders that cross least; not in the operations view, whose operations
        // stand right below what they feed.
        if operations == nil {
            gateRows = GateRows.best(drawn, kept: view.kept, edges: view.edges, drawn: layout) { kept, edges, rows in
                FigureLayout(drawn, kept: kept, edges: edges, labelled: labelled, labelWidths: labelWidths,
                             notes: !annotations.isEmpty, sizes: sizes, gateRows: rows)
            }
            if gateRows != .byDepth { layout = laidOut(view.kept, view.edges, [:]) }
            order = LaneOrder.best(drawn, kept: view.kept, edges: view.edges, drawn: layout, layout: laidOut)
            if !order.isEmpty { layout = laidOut(view.kept, view.edges, order) }
        }
        // Each parameter colour made readable on each fill once: a figure has a few pairs and hundreds of marks.
        var readableColors: [(color: String, fill: String, shown: (color: String, darkening: Double))] = []
        func readable(_ color: String, on fill: String) -> (color: String, darkening: Double) {
            if let known = readableColors.first(where: { $0.color == color && $0.fill == fill }) { return known.shown }
            let shown = (ColourPalette.readable(color, on: fill), ColourPalette.darkening(color, on: fill))
            readableColors.append((color, fill, shown))
            return shown
        }
        nodes = kept.map { variable in
            if let operations, operations.isOperation(variable.id) {
                var node = FigureStyle.operationNode(variable)
                if let (x, y) = layout.positions[variable.id] { node.attributes.append(Attribute("pos", Figure.pos(x, y))) }
                return node
            }
            // Parameters written in the node, under its name: `+b_f`, each in its colour,
            // darkened where needed to be readable on the node's fill.
            let fill = FigureStyle.fill(of: variable.kind) ?? "#FFFFFF"
            let inNode = (marks[variable.id]?.node ?? []).enumerated().map { k, mark in
                let shown = readable(parameterColor[mark.parameter] ?? "#000000", on: fill)
                return (mark, prefix: ParameterMarks.nodePrefix(added: mark.added, first: k == 0),
                        text: ParameterMarks.nodePrefix(added: mark.added, first: k == 0) + notation.html(drawn[mark.parameter]),
                        color: shown.color, darkening: shown.darkening)
            }
            let name = notation.html(variable)
            var label = name
            if !inNode.isEmpty {
                label += "<BR/><FONT POINT-SIZE=\"\(Int(FigureStyle.markFontSize(count: inNode.count)))\">"
                    + inNode.map { "<FONT COLOR=\"\($0.color)\">\($0.text)</FONT>" }.joined() + "</FONT>"
            }
            var attributes = [Attribute("label", label, html: true)]
            if let note = annotations[variable.id] { attributes.append(Attribute("tooltip", note)) }
            attributes += FigureStyle.attributes(for: variable.kind)
            if !inNode.isEmpty {
                let shape = attributes.last { $0.name == "shape" }?.value ?? "ellipse"
                let size = FigureStyle.markedNodeSize(shape: shape, name: name, marks: inNode.map(\.text))
                attributes += [Attribute("width", Figure.inches(size.width)), Attribute("height", Figure.inches(size.height)),
                               Attribute("fixedsize", "true")]
            }
            if let color = parameterColor[variable.id] {
                attributes.append(Attribute("color", color))
                attributes.append(Attribute("fontcolor", color))
            }
            if let (x, y) = layout.positions[variable.id] {
                attributes.append(Attribute("pos", Figure.pos(x, y)))
            }
            return Node(id: variable.name, attributes: attributes, latex: "$" + notation.latex(variable) + "$",
                        annotation: annotations[variable.id] ?? "",
                        marks: inNode.map { mark, prefix, _, _, darkening in
                            let name = colorName[mark.parameter] ?? "black"
                            let share = Int((100 * (1 - darkening)).rounded())
                            return Mark(latex: prefix + notation.latex(drawn[mark.parameter]),
                                        color: share < 100 ? "\(name)!\(share)!black" : name)
                        })
        }

        // Edge colours: a parameter's edges carry its colour; a highlighted path is
        // drawn in its strong colour over a faded graph.
        let highlightedEdges = (options.highlights.first?.edges ?? []).flatMap { edge in
            operations?.edges(from: edge.from, to: edge.to) ?? [(from: edge.from, to: edge.to)]
        }
        let highlighted = Set(highlightedEdges.map { "\($0.from.index)>\($0.to.index)" })
        edges = view.edges.map { edge in
            var attributes: [Attribute] = []
            var latex = ""
            let from = drawn[edge.from]
            if !highlighted.isEmpty && highlighted.contains("\(edge.from.index)>\(edge.to.index)") {
                attributes.append(Attribute("color", pathColors[0]))
                attributes.append(Attribute("penwidth", "2.5"))
            } else if !highlighted.isEmpty {
                attributes.append(Attribute("color", FigureStyle.fadedColor))
            } else if let color = parameterColor[edge.from] {
                attributes.append(Attribute("color", color))
            }
            let onEdge = marks[edge.to]?.edges[edge.from] ?? []
            if !onEdge.isEmpty {
                let text = onEdge.map { mark in
                    ParameterMarks.html(mark, graph: drawn, timeStyle: timeStyle, color: parameterColor[mark.parameter] ?? "black")
                }.joined(separator: ", ")
                attributes.append(Attribute("label", text, html: true))
                latex = onEdge.map { mark in
                    let color = colorName[mark.parameter] ?? "black"
                    return "\\textcolor{\(color)}{$" + ParameterMarks.latex(mark, graph: drawn, notation: notation) + "$}"
                }.joined(separator: ", ")
            }
            if from.kind == .parameter && drawn[edge.to].kind == .parameterCopy {
                attributes.append(Attribute("style", "dashed"))
            }
            return Edge(from: from.name, to: drawn[edge.to].name, attributes: attributes, latex: latex)
        }

        graphAttributes = [
            // Nodes are placed (FigureLayout) and edges routed (EdgeRouter) here, in points; Graphviz
            // only draws (`nop2`), an edge without a `pos` as a straight line.
            Attribute("layout", "nop2"), Attribute("splines", "line"),
            Attribute("fontname", "Helvetica"), Attribute("bgcolor", "white"),
        ]
        if options.legend {
            // The model's own variables name the kinds (an operation node is none of them).
            let variables = operations == nil ? kept : view.kept.compactMap { id in
                operations!.isOperation(id) ? nil : graph.variable(named: drawn[id].name)
            }
            let kinds = VariableKind.allCases.compactMap { kind -> (VariableKind, String)? in
                let drawn = variables.filter { $0.kind == kind }
                return drawn.isEmpty ? nil : (kind, FigureStyle.legendName(kind, of: drawn, in: graph))
            }
            let operationEntry = kept.count > variables.count ? [FigureStyle.operationLegendEntry] : []
            legend = kinds.map { kind, name in
                LegendEntry(caption: name, fill: FigureStyle.attributes(for: kind).first { $0.name == "fillcolor" }?.value,
                            color: nil)
            } + operationEntry + FigureStyle.parameterLegend(style, marks: marks.values, hasParameters: !parameters.isEmpty)
                + options.highlights.prefix(1).map { LegendEntry(caption: $0.caption, fill: nil, color: pathColors[0]) }
            graphAttributes.append(Attribute("label", FigureLegend.html(legend), html: true))
            graphAttributes.append(Attribute("labelloc", "b"))
        }
        nodeDefaults = [Attribute("fontname", "Helvetica"), Attribute("fontsize", "14"),
                        Attribute("margin", "0.04")]
        edgeDefaults = [Attribute("arrowsize", "0.7"), Attribute("color", "#555555"), Attribute("fontname", "Helvetica"),
                        Attribute("fontsize", "12")]
        colorNames = names
        let unrouted = self
        if route() == 0 && layout.parameterLaneTurns > 0 {
            // The parameters' lanes did not fit after all: laid out again without their room.
            self = unrouted
            laneRoom = false
            layout = laidOut(view.kept, view.edges, order)
            for (k, variable) in kept.enumerated() {
                guard let (x, y) = layout.positions[variable.id] else { continue }
                nodes[k].attributes.removeAll { $0.name == "pos" }
                nodes[k].attributes.append(Attribute("pos", Figure.pos(x, y)))
            }
            route()
        }
        placeAnnotations()
    }
}
