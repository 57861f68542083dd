/// The role a variable plays in a computation graph.
///
/// The kind decides how a variable is drawn and where it sits in a figure;
/// the calculus treats every kind alike.
public enum VariableKind: String, Sendable, CaseIterable, Codable {
    /// A trained weight or bias, such as `U`, `W` or `b`.
    case parameter
    /// A per-step copy of a parameter, `U^{(t)}`, used only at step `t`.
    case parameterCopy
    /// A data input such as `x_t`.
    case input
    /// A target such as `y_t` (or the next input, for language models).
    case target
    /// The initial state `h_0`.
    case initialState
    /// A hidden state `h_t`.
    case state
    /// A step variable that feeds a state without being one: a pre-activation
    /// `a_t`, or an activation of one such as an LSTM gate `f_t = σ(…)` (figures
    /// tell the two apart by the definition).
    case preActivation
    /// An output score `o_t`.
    case output
    /// A prediction such as `ŷ_t = softmax(o_t)`.
    case prediction
    /// The loss at one step, `L_t`.
    case stepLoss
    /// The total loss `L`.
    case loss

    /// Whether values of this kind are given from outside (leaves of the graph).
    public var isLeaf: Bool {
        switch self {
        case .parameter, .input, .target, .initialState: return true
        default: return false
        }
    }
}
