import RNNGraphCore
import RNNGraphPaths

/// Colours and shapes of a figure, by variable kind.
enum FigureStyle {
    /// Colours of parameters and their edges, in parameter order: Paul Tol's
    /// colour-blind-safe "muted" scheme without its reds, which mark paths
    /// (indigo, green, purple, teal, olive, blue), the lighter ones darkened
    /// until their names are readable (4.5:1) on the parameter fill and on white.
    static let parameterColors = ["#332288", "#117733", "#A54294", "#2E7468", "#6B6B24", "#3D6B99"]
    /// Colours of highlighted paths, one per path: Tol's vibrant red and wine, then
    /// orange, magenta and rose, darkened to 4.5:1 on white; no parameter has them.
    static let pathColors = ["#CC3311", "#882255", "#B55A27", "#D92E6C", "#B15968"]
    /// The colour of a highlighted path when there is one (Tol's vibrant red, used by nothing else).
    static let highlightColor = pathColors[0]
    /// The colour of every other edge while a path is highlighted: the lightest
    /// grey that still has a stroke's 3:1 on white.
    static let fadedColor = "#949494"
    /// The fill of parameter nodes, on which their names are written in their colour.
    static let parameterFill = "#EEEEBB"

    /// One distinct colour for each of `count` parameters: the muted scheme, then
    /// lighter and darker variants of it, all readable on the parameter fill;
    /// never a path colour or the faded grey.
    static func parameterPalette(count: Int) -> [String] {
        ColourPalette.colours(from: parameterColors, count: count, avoiding: Set(pathColors + [fadedColor]),
                              readableOn: parameterFill)
    }

    /// One distinct colour for each of `count` paths of a figure with `parameters`
    /// parameters: never one of the parameters' colours or the faded grey.
    static func pathPalette(count: Int, parameters: Int) -> [String] {
        ColourPalette.colours(from: pathColors, count: count,
                              avoiding: Set(parameterPalette(count: parameters) + [fadedColor]))
    }

    /// Shape and fill of each kind: a distinct fill per kind (Tol's pale and light schemes).
    static func attributes(for kind: VariableKind) -> [Figure.Attribute] {
        switch kind {
        case .parameter:
            return [.init("shape", "box"), .init("style", "filled,rounded,bold"), .init("fillcolor", parameterFill)]
        case .parameterCopy:
            return [.init("shape", "box"), .init("style", "filled,rounded,dashed"), .init("fillcolor", "#F6F6DD")]
        case .input:
            return [.init("shape", "ellipse"), .init("style", "filled"), .init("fillcolor", "#BBCCEE")]
        case .initialState:
            return [.init("shape", "ellipse"), .init("style", "filled"), .init("fillcolor", "#99DDFF")]
        case .target:
            return [.init("shape", "ellipse"), .init("style", "filled"), .init("fillcolor", "#DDDDDD")]
        case .preActivation:
            return [.init("shape", "ellipse"), .init("style", "dashed")]
        case .state:
            return [.init("shape", "circle"), .init("style", "filled,bold"), .init("fillcolor", "#CCDDAA")]
        case .output:
            return [.init("shape", "ellipse"), .init("style", "filled"), .init("fillcolor", "#EEDD88")]
        case .prediction:
            return [.init("shape", "ellipse"), .init("style", "filled"), .init("fillcolor", "#EE8866")]
        case .stepLoss:
            return [.init("shape", "ellipse"), .init("style", "filled"), .init("fillcolor", "#FFCCCC")]
        case .loss:
            return [.init("shape", "doublecircle"), .init("style", "filled"), .init("fillcolor", "#FFAABB")]
        }
    }

    /// The fill of `kind`, if it has one.
    static func fill(of kind: VariableKind) -> String? {
        attributes(for: kind).first { $0.name == "fillcolor" }?.value
    }

    /// The kind whose nodes are drawn with `shape`, `style` and `fill`, if exactly one is.
    static func kind(shape: String, style: String, fill: String?) -> VariableKind? {
        let matching = VariableKind.allCases.filter { kind in
            let value = { (name: String) in attributes(for: kind).first { $0.name == name }?.value }
            return value("shape") == shape && value("style") == style && value("fillcolor") == fill
        }
        return matching.count == 1 ? matching[0] : nil
    }

    /// The font size of the parameters written inside a node under its name (a bias `+b`),
    /// in points: 9 for one, 8 for several (a GRU's `+b_ir+b_hr`), so that the node stays
    /// about as wide as its name makes it.
    static func markFontSize(count: Int) -> Double { count > 1 ? 8 : 9 }

    /// The size of a node of `shape` whose label is `name` (HTML-like, 14 points) over a
    /// second line of `marks` (at ``markFontSize(count:)``, one after the other), sized
    /// as Graphviz sizes a node around its label (see `NodeOutline`).
    static func markedNodeSize(shape: String, name: String, marks: [String]) -> (width: Double, height: Double) {
        let top = NodeOutline.labelExtent(name)
        let bottom = NodeOutline.labelExtent(marks.joined(), size: markFontSize(count: marks.count))
        let margin = Figure.nodeMargin
        let w = max(top.width, bottom.width) + 2 * margin, h = top.height + bottom.height + 2 * margin
        switch shape {
        case "circle", "doublecircle":
            return ((w * w + h * h).squareRoot(), (w * w + h * h).squareRoot())
        case "box", "rect", "rectangle", "plaintext", "plain", "none":
            return (max(NodeOutline.minimumWidth, w), max(NodeOutline.minimumHeight, h))
        default:
            return (max(NodeOutline.minimumWidth, w * 2.squareRoot()), max(NodeOutline.minimumHeight, h * 2.squareRoot()))
        }
    }

    /// The legend entries that say how a figure of parameter `style` shows its parameters:
    /// with labels, what an edge label and a mark in a node mean (those the figure uses);
    /// hidden, that they are not drawn. Parameter nodes have their own swatch.
    static func parameterLegend(_ style: ParameterStyle, marks: Dictionary<NodeID, ParameterMarks>.Values,
                                hasParameters: Bool) -> [Figure.LegendEntry] {
        guard hasParameters else { return [] }
        switch style {
        case .nodes, .operations: return []
        case .hidden: return [Figure.LegendEntry(caption: "parameters not drawn", fill: nil, color: nil)]
        case .labels:
            let onEdges = marks.flatMap { $0.edges.values.flatMap { $0 } }
            let inNodes = marks.flatMap(\.node)
            var captions: [String] = []
            if onEdges.contains(where: { !$0.elementWise && !$0.fromRight }) { captions.append("edge label W: W × source") }
            if onEdges.contains(where: { !$0.elementWise && $0.fromRight }) { captions.append("edge label W: source × W") }
            if onEdges.contains(where: \.elementWise) { captions.append("edge label p ⊙: p ⊙ source") }
            if inNodes.contains(where: \.added) { captions.append("+b in a node: added there") }
            if inNodes.contains(where: { !$0.added }) { captions.append("b in a node: read there") }
            return captions.map { Figure.LegendEntry(caption: $0, fill: nil, color: nil) }
        }
    }

    /// The font size of an operation node's label, in points (variables: 14).
    static let operationFontSize = 10.0

    /// An operation node of the operations view (`Figure/Node`): its symbol in a
    /// small unfilled ellipse, sized here to fit the smaller font, in grey.
    static func operationNode(_ operation: Variable) -> Figure.Node {
        let label = FigureLabel.escape(operation.symbol.text)
        let text = NodeOutline.labelExtent(label, size: operationFontSize)
        let width = max(20, (text.width + 4) * 1.25), height = 20.0
        return Figure.Node(id: operation.name, attributes: [
            Figure.Attribute("label", label, html: true), .init("shape", "ellipse"),
            .init("color", operationColor), .init("fontsize", String(Int(operationFontSize))),
            .init("width", Figure.inches(width)), .init("height", Figure.inches(height)), .init("fixedsize", "true"),
        ], latex: "$" + operation.symbol.latex + "$")
    }

    /// The outline colour of operation nodes.
    static let operationColor = "#666666"

    /// The legend entry of operation nodes: unfilled, in their grey.
    static let operationLegendEntry = Figure.LegendEntry(caption: "operation", fill: nil, color: operationColor)

    /// The legend caption of `kind` in a figure that draws `variables` of it. Step
    /// variables that feed a state without being one share a kind: a pre-activation
    /// (`a_t = b + W h_{t-1} + U x_t`) and an activation of one (an LSTM gate
    /// `f_t = σ(…)`); the caption says which of the two the figure has.
    ///
    /// A target that is only ever the weights of an inner product (`L_t = <G_t, h_t>`,
    /// the CS231n way of reaching `h_t` through given gradients) is an "upstream gradient".
    static func legendName(_ kind: VariableKind, of variables: [Variable], in graph: ComputationGraph) -> String {
        if kind == .target, !variables.isEmpty, variables.allSatisfy({ isUpstreamGradient($0, in: graph) }) {
            return "upstream gradient"
        }
        guard kind == .preActivation else { return legendName(kind) }
        let activated = variables.filter { variable in
            if case .activation? = variable.definition { return true }
            return false
        }
        if activated.isEmpty { return "pre-activation" }
        return activated.count == variables.count ? "activation" : "pre-activation / activation"
    }

    /// Whether every reader of `variable` uses it only as the weights of an inner product.
    private static func isUpstreamGradient(_ variable: Variable, in graph: ComputationGraph) -> Bool {
        func weighsOnly(_ expression: Expression) -> Bool {
            if case .variable(let id) = expression { return id != variable.id }
            if case .inner(.variable(let id), let value) = expression, id == variable.id { return weighsOnly(value) }
            return expression.children.allSatisfy(weighsOnly)
        }
        let readers = graph.children[variable.id.index]
        return !readers.isEmpty && readers.allSatisfy { graph[$0].definition.map(weighsOnly) ?? false }
    }

    /// The legend caption of each kind.
    static func legendName(_ kind: VariableKind) -> String {
        switch kind {
        case .parameter: return "parameter"
        case .parameterCopy: return "per-step copy"
        case .input: return "input"
        case .initialState: return "initial state"
        case .target: return "target"
        case .preActivation: return "pre-activation"
        case .state: return "hidden state"
        case .output: return "output"
        case .prediction: return "prediction"
        case .stepLoss: return "step loss"
        case .loss: return "loss"
        }
    }
}
