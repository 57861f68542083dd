import RNNGraphCore
import RNNGraphPaths

/// The shapes closed-form local partials are written for.
///
/// In the vector layouts every term is a gradient shaped like the variable
/// (denominator layout): each edge's Jacobian (numerator layout) enters
/// transposed, in the order in which the shapes multiply, as in
/// `∇_{h_t}L = W^⊤ diag(1 − h_{t+1}^2) ∇_{h_{t+1}}L + V^⊤ ∇_{o_t}L`.
public enum ShapeLayout: String, Sendable, CaseIterable, Codable {
    /// Every quantity a scalar (the CS187 lab's section 3); factors in chain-rule order.
    case scalar
    /// Column vectors, `W h` (Goodfellow).
    case columns
    /// Row vectors, `h W` (CS231n and PyTorch).
    case rows

    /// The layout the model's text declares (`layout scalars` for cs187, columns by default, `layout rows` for pytorch).
    public static func preferred(for options: ModelOptions) -> ShapeLayout {
        switch options.definition.layout {
        case .scalars: return .scalar
        case .columns: return .columns
        case .rows: return .rows
        }
    }
}
