import RNNGraphCore
import RNNGraphPaths
import RNNGraphPrinters

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
        let fullView = options.show.isEmpty ? GraphView(graph) : try GraphView(graph, keeping: options.show)
        let parameterEdges = fullView.edges.filter { graph[$0.from].kind == .parameter }
        let style = options.parameters ?? (parameterEdges.count <= FigureOptions.maximumParameterEdges
            || !options.highlights.isEmpty ? .nodes : .labels)
        let view = style == .nodes ? (kept: fullView.kept, edges: fullView.edges)
            : (kept: fullView.kept.filter { graph[$0].kind != .parameter },
               edges: fullView.edges.filter { graph[$0.from].kind != .parameter })
        let kept = view.kept.map { graph[$0] }

        // Parameters and their copies share one colour per parameter.
        var parameterColor: [NodeID: String] = [:]
        let parameters = graph.variables(of: .parameter)
        for (variable, color) in zip(parameters, FigureStyle.parameterPalette(count: parameters.count)) {
            parameterColor[variable.id] = color
        }
        for copy in graph.variables(of: .parameterCopy) {
            parameterColor[copy.id] = copy.parents.first.flatMap { parameterColor[$0] }
        }

        let layout = FigureLayout(graph, kept: view.kept, edges: view.edges)
        let math = LaTeXPrinter(settings: LaTeXSettings(timeStyle: timeStyle))
        nodes = kept.map { variable in
            var attributes = [Attribute("label", FigureLabel.html(variable, timeStyle: timeStyle), html: true)]
            if let note = options.annotations[variable.id] {
                // Beside the node, not inside it: the node keeps its size.
                attributes.append(Attribute("xlabel", "<FONT POINT-SIZE=\"9\" COLOR=\"#333333\">"
                                            + FigureLabel.escape(note) + "</FONT>", html: true))
                attributes.append(Attribute("tooltip", note))
            }
            attributes += FigureStyle.attributes(for: variable.kind)
            if let color = parameterColor[variable.id] {
                attributes.append(Attribute("color", color))
                attributes.append(Attribute("fontcolor", color))
            }
            if let (x, y) = layout.positions[variable.id] {
                attributes.append(Attribute("pos", Figure.pos(x, y)))
            }
            return Node(id: variable.name, attributes: attributes, latex: "$" + math.variable(IndexedVariable(variable)) + "$",
                        annotation: options.annotations[variable.id] ?? "")
        }

        // Edge colours: a parameter's edges carry its colour; a highlighted path is
        // drawn in its strong colour over a faded graph.
        let highlighted = Set((options.highlights.first?.edges ?? []).map { "\($0.from.index)>\($0.to.index)" })
        var multipliersByReader: [NodeID: [NodeID: [NodeID]]] = [:]
        edges = view.edges.map { edge in
            var attributes: [Attribute] = []
            var latex = ""
            let from = graph[edge.from]
            if highlighted.contains("\(edge.from.index)>\(edge.to.index)") {
                attributes.append(Attribute("color", pathColors[0]))
                attributes.append(Attribute("penwidth", "2.5"))
            } else if !highlighted.isEmpty {
                attributes.append(Attribute("color", FigureStyle.fadedColor))
            } else if let color = parameterColor[edge.from] {
                attributes.append(Attribute("color", color))
            }
            if style == .labels {
                if multipliersByReader[edge.to] == nil {
                    multipliersByReader[edge.to] = FigureLabel.multipliers(in: graph[edge.to], graph: graph)
                }
                let multipliers = multipliersByReader[edge.to]?[edge.from] ?? []
                if !multipliers.isEmpty {
                    let text = multipliers.map { p in
                        "<FONT COLOR=\"\(parameterColor[p] ?? "black")\">\(FigureLabel.html(graph[p], timeStyle: timeStyle))</FONT>"
                    }.joined(separator: ", ")
                    attributes.append(Attribute("label", text, html: true))
                    latex = "$" + multipliers.map { math.variable(IndexedVariable(graph[$0])) }.joined(separator: ", ") + "$"
                }
            }
            if from.kind == .parameter && graph[edge.to].kind == .parameterCopy {
                attributes.append(Attribute("style", "dashed"))
            }
            return Edge(from: from.name, to: graph[edge.to].name, attributes: attributes, latex: latex)
        }

        graphAttributes = [
            // Nodes are placed (FigureLayout) and edges routed (EdgeRouter) here, in points; Graphviz
            // only draws (`nop2`), an edge without a `pos` as a straight line.
            Attribute("layout", "nop2"), Attribute("splines", "line"),
            Attribute("fontname", "Helvetica"), Attribute("bgcolor", "white"),
        ]
        if !options.annotations.isEmpty { graphAttributes.append(Attribute("forcelabels", "true")) }
        if options.legend {
            let kinds = VariableKind.allCases.compactMap { kind -> (VariableKind, String)? in
                let drawn = kept.filter { $0.kind == kind }
                return drawn.isEmpty ? nil : (kind, FigureStyle.legendName(kind, of: drawn))
            }
            legend = kinds.map { kind, name in
                LegendEntry(caption: name, fill: FigureStyle.attributes(for: kind).first { $0.name == "fillcolor" }?.value,
                            color: nil)
            } + options.highlights.prefix(1).map { LegendEntry(caption: $0.caption, fill: nil, color: pathColors[0]) }
            graphAttributes.append(Attribute("label", FigureLabel.legend(legend), html: true))
            graphAttributes.append(Attribute("labelloc", "b"))
        }
        nodeDefaults = [Attribute("fontname", "Helvetica"), Attribute("fontsize", "14"),
                        Attribute("margin", "0.04")]
        edgeDefaults = [Attribute("arrowsize", "0.7"), Attribute("color", "#555555"), Attribute("fontname", "Helvetica"),
                        Attribute("fontsize", "12")]
        route()
    }
}
