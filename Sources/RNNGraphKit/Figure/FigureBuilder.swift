extension Figure {
    /// The figure of a model's graph: one column per time step, left to right,
    /// rows by dependency depth within a step (inputs at the bottom, `L` on top),
    /// parameters in a band left of the columns (see `FigureLayout`).
    public init(_ model: Model, options: FigureOptions = FigureOptions()) throws {
        try self.init(model.graph, timeStyle: options.timeStyle ?? model.options.defaultTimeStyle,
                      options: options)
    }

    /// The figure of any computation graph.
    public init(_ graph: ComputationGraph, timeStyle: TimeIndexStyle, options: FigureOptions) throws {
        let view = options.show.isEmpty ? GraphView(graph) : try GraphView(graph, keeping: options.show)
        let kept = view.kept.map { graph[$0] }

        // Parameters and their copies share one colour per parameter.
        var parameterColor: [NodeID: String] = [:]
        for variable in graph.variables(of: .parameter) {
            let palette = FigureStyle.parameterColors
            parameterColor[variable.id] = palette[parameterColor.count % palette.count]
        }
        for copy in graph.variables(of: .parameterCopy) {
            parameterColor[copy.id] = copy.parents.first.flatMap { parameterColor[$0] }
        }

        let layout = FigureLayout(graph, kept: view.kept, edges: view.edges)
        nodes = kept.map { variable in
            var label = FigureLabel.html(variable, timeStyle: timeStyle)
            if let note = options.annotations[variable.id] {
                label += "<BR/><FONT POINT-SIZE=\"10\">\(FigureLabel.escape(note))</FONT>"
            }
            var attributes = [Attribute("label", label, html: true)]
            attributes += FigureStyle.attributes(for: variable.kind)
            if let color = parameterColor[variable.id] {
                attributes.append(Attribute("color", color))
                attributes.append(Attribute("fontcolor", color))
            }
            if let (x, y) = layout.positions[variable.id] {
                attributes.append(Attribute("pos", "\(Int(x.rounded())),\(Int(y.rounded()))!"))
            }
            return Node(id: variable.name, attributes: attributes)
        }

        // Edge colours: a parameter's edges carry its colour; highlights override.
        var highlightColors: [String: [String]] = [:]
        for (k, highlight) in options.highlights.enumerated() {
            let color = FigureStyle.highlightColors[k % FigureStyle.highlightColors.count]
            for edge in highlight.edges {
                highlightColors["\(edge.from.index)>\(edge.to.index)", default: []].append(color)
            }
        }
        edges = view.edges.map { edge in
            var attributes: [Attribute] = []
            let from = graph[edge.from]
            if let colors = highlightColors["\(edge.from.index)>\(edge.to.index)"] {
                attributes.append(Attribute("color", colors.joined(separator: ":")))
                attributes.append(Attribute("penwidth", "2.5"))
            } else if let color = parameterColor[edge.from] {
                attributes.append(Attribute("color", color))
            }
            if from.kind == .parameter && graph[edge.to].kind == .parameterCopy {
                attributes.append(Attribute("style", "dashed"))
            }
            return Edge(from: from.name, to: graph[edge.to].name, attributes: attributes)
        }

        graphAttributes = [
            // Positions are laid out here (FigureLayout, in points); neato keeps them and routes the edges.
            Attribute("layout", "neato"), Attribute("inputscale", "72"), Attribute("splines", edges.count <= FigureLayout.maximumRoutedEdges ? "true" : "line"),
            Attribute("fontname", "Helvetica"), Attribute("bgcolor", "white"),
        ]
        if options.legend {
            let kinds = VariableKind.allCases.filter { kind in kept.contains { $0.kind == kind } }
            let captions = options.highlights.enumerated().map { k, highlight in
                (highlight.caption, FigureStyle.highlightColors[k % FigureStyle.highlightColors.count])
            }
            graphAttributes.append(Attribute("label", FigureLabel.legend(kinds: kinds, highlights: captions),
                                             html: true))
            graphAttributes.append(Attribute("labelloc", "b"))
        }
        nodeDefaults = [Attribute("fontname", "Helvetica"), Attribute("fontsize", "14"),
                        Attribute("margin", "0.04")]
        edgeDefaults = [Attribute("arrowsize", "0.7"), Attribute("color", "#555555")]
    }
}
