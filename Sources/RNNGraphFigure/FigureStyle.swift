import RNNGraphCore
import RNNGraphPaths
import RNNGraphPrinters

/// Colours and shapes of a figure, by variable kind.
enum FigureStyle {
    /// Colours of parameters and their edges, in parameter order: Paul Tol's
    /// colour-blind-safe "muted" scheme without its reds, which mark paths.
    static let parameterColors = ["#332288", "#117733", "#AA4499", "#44AA99", "#999933", "#4477AA"]
    /// The colour of a highlighted path (Tol's vibrant red, used by nothing else).
    static let highlightColor = "#CC3311"
    /// The colour of every other edge while a path is highlighted.
    static let fadedColor = "#D4D4D4"

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

    /// Legend entries: caption and fill of each kind present.
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
