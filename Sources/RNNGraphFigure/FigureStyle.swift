import RNNGraphCore
import RNNGraphPaths
import RNNGraphPrinters

/// Colours and shapes of a figure, by variable kind.
enum FigureStyle {
    /// Colours of parameters and their edges, in parameter order: Paul Tol's
    /// colour-blind-safe "muted" scheme without its reds, which mark paths.
    static let parameterColors = ["#332288", "#117733", "#AA4499", "#44AA99", "#999933", "#4477AA"]
    /// Colours of highlighted paths, one per path: Tol's reds and oranges, which no parameter has.
    static let pathColors = ["#CC3311", "#EE7733", "#EE3377", "#882255", "#CC6677"]
    /// The colour of a highlighted path when there is one (Tol's vibrant red, used by nothing else).
    static let highlightColor = pathColors[0]
    /// The colour of every other edge while a path is highlighted.
    static let fadedColor = "#D4D4D4"

    /// One distinct colour for each of `count` parameters: the muted scheme, then
    /// lighter and darker variants of it; never a path colour or the faded grey.
    static func parameterPalette(count: Int) -> [String] {
        ColourPalette.colours(from: parameterColors, count: count, avoiding: Set(pathColors + [fadedColor]))
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
            return [.init("shape", "box"), .init("style", "filled,rounded,bold"), .init("fillcolor", "#EEEEBB")]
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
    static func legendName(_ kind: VariableKind, of variables: [Variable]) -> String {
        guard kind == .preActivation else { return legendName(kind) }
        let activated = variables.filter { variable in
            if case .activation? = variable.definition { return true }
            return false
        }
        if activated.isEmpty { return "pre-activation" }
        return activated.count == variables.count ? "activation" : "pre-activation / activation"
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
