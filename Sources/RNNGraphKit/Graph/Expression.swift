/// The defining expression of a variable in terms of other variables.
///
/// Expressions are data: evaluation, differentiation and printing live in
/// separate types. Shapes follow the model's layout: in ``product(_:_:)`` the
/// left factor multiplies the right one as matrices (`U x_t` for column
/// vectors, `x_t W_x` for row vectors).
public indirect enum Expression: Hashable, Sendable {
    /// Another variable of the graph.
    case variable(NodeID)
    /// Matrix product `left · right`.
    case product(Expression, Expression)
    /// Element-wise sum of terms of equal shape (a row-vector bias broadcasts over rows).
    case sum([Expression])
    /// An element-wise activation.
    case activation(Activation, Expression)
    /// Softmax over the entries of a vector.
    case softmax(Expression)
    /// Squared error `Σ (target − prediction)²` over all entries.
    case squaredError(target: Expression, prediction: Expression)
    /// Cross-entropy `−log prediction[target]`, where the target is a class index.
    case crossEntropy(target: Expression, prediction: Expression)
    /// Inner product `Σ weights ⊙ value`: a loss reached through given upstream gradients.
    case inner(weights: Expression, value: Expression)
    /// Arithmetic mean of scalar terms.
    case mean([Expression])

    /// The variables the expression reads, in order of first appearance, without repeats.
    public var references: [NodeID] {
        var seen = Set<NodeID>()
        var ordered: [NodeID] = []
        collect(into: &ordered, seen: &seen)
        return ordered
    }

    private func collect(into ordered: inout [NodeID], seen: inout Set<NodeID>) {
        switch self {
        case .variable(let id):
            if seen.insert(id).inserted { ordered.append(id) }
        case .product(let a, let b), .squaredError(let a, let b), .crossEntropy(let a, let b),
             .inner(let a, let b):
            a.collect(into: &ordered, seen: &seen)
            b.collect(into: &ordered, seen: &seen)
        case .sum(let terms), .mean(let terms):
            for term in terms { term.collect(into: &ordered, seen: &seen) }
        case .activation(_, let a), .softmax(let a):
            a.collect(into: &ordered, seen: &seen)
        }
    }
}
