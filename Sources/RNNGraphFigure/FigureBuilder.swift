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
    public init(_ graph: ComputationGraph, timeStyle: TimeIndexStyle, options: FigureOptions) throws {
        if options.highlights.count > 1 {
            var plain = options
            plain.highlights = []
            var panel = plain
            panel.legend = false
            self = try Figure(graph, timeStyle: timeStyle, options: plain).grid(of: options.highlights.map { highlight in
                panel.highlights = [highlight]
                return (try Figure(graph, timeStyle: timeStyle, options: panel), highlight.caption)
            })
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
        for variable in graph.variables(of: .parameter) {
            let palette = FigureStyle.parameterColors
            parameterColor[variable.id] = palette[parameterColor.count % palette.count]
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
            return Node(id: variable.name, attributes: attributes, latex: "$" + math.variable(IndexedVariable(variable)) + "$")
        }

        // Edge colours: a parameter's edges carry its colour; a highlighted path is
        // drawn in the one strong colour over a faded graph.
        let highlighted = Set((options.highlights.first?.edges ?? []).map { "\($0.from.index)>\($0.to.index)" })
        var multipliersByReader: [NodeID: [NodeID: [NodeID]]] = [:]
        edges = view.edges.map { edge in
            var attributes: [Attribute] = []
            var latex = ""
            let from = graph[edge.from]
            if highlighted.contains("\(edge.from.index)>\(edge.to.index)") {
                attributes.append(Attribute("color", FigureStyle.highlightColor))
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
            // Positions are laid out here (FigureLayout, in points); neato keeps them and routes the edges.
            Attribute("layout", "neato"), Attribute("inputscale", "72"), Attribute("splines", edges.count <= FigureLayout.maximumRoutedEdges ? "true" : "line"),
            Attribute("fontname", "Helvetica"), Attribute("bgcolor", "white"),
        ]
        if !options.annotations.isEmpty { graphAttributes.append(Attribute("forcelabels", "true")) }
        if options.legend {
            let kinds = VariableKind.allCases.filter { kind in kept.contains { $0.kind == kind } }
            let captions = options.highlights.prefix(1).map { ($0.caption, FigureStyle.highlightColor) }
            graphAttributes.append(Attribute("label", FigureLabel.legend(kinds: kinds, highlights: captions),
                                             html: true))
            graphAttributes.append(Attribute("labelloc", "b"))
        }
        nodeDefaults = [Attribute("fontname", "Helvetica"), Attribute("fontsize", "14"),
                        Attribute("margin", "0.04")]
        edgeDefaults = [Attribute("arrowsize", "0.7"), Attribute("color", "#555555"), Attribute("fontname", "Helvetica"),
                        Attribute("fontsize", "12")]
    }
}
