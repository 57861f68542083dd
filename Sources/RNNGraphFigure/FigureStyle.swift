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
