import RNNGraphCore
import RNNGraphPaths

/// How the local partial derivatives of the chain rule are written.
public enum LocalForm: String, Sendable, CaseIterable, Codable {
    /// Each local partial stays `∂b/∂a`.
    case symbolic
    /// Each local partial is replaced by its closed form (`𝟙[a_t > 0] x_t`, `2(o_t − x_{t+1})`, …).
    case closed
}
