import RNNGraphCore

extension Figure {
    /// The figure of a model's graph: time runs left to right, inputs at the
    /// bottom, states in the middle, outputs and losses above, `L` on top.
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
            if from.kind == .parameter || from.kind == .parameterCopy {
                attributes.append(Attribute("weight", "0"))
            }
            if graph[edge.to].kind == .preActivation, from.kind == .state || from.kind == .initialState {
                // h_{t-1} → a_t runs down from the state row to the pre-activation row.
                attributes.append(Attribute("constraint", "false"))
            }
            return Edge(from: from.name, to: graph[edge.to].name, attributes: attributes)
        }

        // Rows: inputs, pre-activations, states and outputs each on one rank,
        // ordered in time by invisible edges where no real edge joins neighbours.
        // Parameters lead the input row, or the state row when they feed outputs
        // and the recurrence runs between rows (dot mis-orders a row that holds
        // both a parameter and flat recurrent edges).
        let recurrenceBetweenRows = kept.contains { $0.kind == .preActivation }
        var rowMembers: [[Variable]] = [[], [], [], []]
        let inputSymbol = graph.variables(of: .input).first?.symbol
        for variable in kept {
            switch variable.kind {
            case .input: rowMembers[0].append(variable)
            case .target where variable.symbol == inputSymbol: rowMembers[0].append(variable)
            case .preActivation: rowMembers[1].append(variable)
            case .initialState, .state: rowMembers[2].append(variable)
            case .output: rowMembers[3].append(variable)
            case .parameter:
                let firstUse = graph.children[variable.id.index].first.map { graph[$0].kind }
                let row = firstUse == .output && recurrenceBetweenRows ? 2 : 0
                let lead = rowMembers[row].prefix { $0.kind == .parameter }.count
                rowMembers[row].insert(variable, at: lead)
            default: break
            }
        }
        rows = rowMembers.filter { $0.count > 1 }.map { $0.map(\.name) }
        let joined = Set(edges.map { "\($0.from)>\($0.to)" })
        for row in rows {
            for (from, to) in zip(row, row.dropFirst()) where !joined.contains("\(from)>\(to)") {
                edges.append(Edge(from: from, to: to, attributes: [Attribute("style", "invis")]))
            }
        }

        graphAttributes = [
            Attribute("rankdir", "BT"), Attribute("newrank", "true"), Attribute("nodesep", "0.35"),
            Attribute("ranksep", "0.55"), Attribute("fontname", "Helvetica"), Attribute("bgcolor", "white"),
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
