import RNNGraphCore

/// Colours and shapes of a figure, by variable kind.
enum FigureStyle {
    /// Colours of parameters and their edges, in parameter order.
    static let parameterColors = ["#1f5fa8", "#2a8a3e", "#8e44ad", "#b35900", "#c2185b", "#00838f"]
    /// Colours of highlighted paths, in term order.
    static let highlightColors = ["#d62728", "#ff7f0e", "#17becf", "#bcbd22", "#e377c2", "#7f7f7f",
                                  "#9467bd", "#8c564b", "#2ca02c", "#1f77b4"]

    /// Shape and fill of each kind.
    static func attributes(for kind: VariableKind) -> [Figure.Attribute] {
        switch kind {
        case .parameter:
            return [.init("shape", "box"), .init("style", "filled,rounded,bold"), .init("fillcolor", "#fdebd3")]
        case .parameterCopy:
            return [.init("shape", "box"), .init("style", "filled,rounded,dashed"), .init("fillcolor", "#fef6ec")]
        case .input, .initialState:
            return [.init("shape", "ellipse"), .init("style", "filled"), .init("fillcolor", "#e3eef9")]
        case .target:
            return [.init("shape", "ellipse"), .init("style", "filled"), .init("fillcolor", "#eeeeee")]
        case .preActivation:
            return [.init("shape", "ellipse"), .init("style", "dashed")]
        case .state:
            return [.init("shape", "circle"), .init("style", "filled,bold"), .init("fillcolor", "#dff2d8")]
        case .output, .prediction:
            return [.init("shape", "ellipse"), .init("style", "filled"), .init("fillcolor", "#fff4c8")]
        case .stepLoss:
            return [.init("shape", "ellipse"), .init("style", "filled"), .init("fillcolor", "#f9dcdc")]
        case .loss:
            return [.init("shape", "doublecircle"), .init("style", "filled"), .init("fillcolor", "#f4c2c2")]
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
