/// The defining expression of a variable in terms of other variables.
///
/// Expressions are data: evaluation, differentiation and printing live in
/// separate types. Shapes follow the model's layout: in ``product(_:_:)`` the
/// left factor multiplies the right one as matrices (`U x_t` for column
/// vectors, `x_t W_x` for row vectors).
///
/// Only the cases that nest an expression directly are `indirect`: a
/// `.variable` leaf and the arrays of `.sum`/`.mean` are stored inline, so
/// building a graph of millions of variables does not allocate a box per leaf.
public enum Expression: Hashable, Sendable {
    /// Another variable of the graph.
    case variable(NodeID)
    /// Matrix product `left · right`.
    indirect case product(Expression, Expression)
    /// Element-wise sum of terms of equal shape (a row-vector bias broadcasts over rows).
    case sum([Expression])
    /// An element-wise activation.
    indirect case activation(Activation, Expression)
    /// Softmax over the entries of a vector.
    indirect case softmax(Expression)
    /// Squared error `Σ (target − prediction)²` over all entries.
    indirect case squaredError(target: Expression, prediction: Expression)
    /// Cross-entropy `−log prediction[target]`, where the target is a class index.
    indirect case crossEntropy(target: Expression, prediction: Expression)
    /// Inner product `Σ weights ⊙ value`: a loss reached through given upstream gradients.
    indirect case inner(weights: Expression, value: Expression)
    /// Arithmetic mean of scalar terms.
    case mean([Expression])
    /// A number, broadcast over the shape of what it is combined with (`1 - z_t`).
    case constant(Double)
    /// One of the element-wise and structural operations of the model language
    /// (``Operation``) applied to its arguments.
    case apply(Operation, [Expression])

    /// The variables the expression reads, in order of first appearance, without repeats.
    public var references: [NodeID] {
        if case .variable(let id) = self { return [id] }
        var all: [NodeID] = []
        collect(into: &all)
        return Expression.unique(all)
    }

    /// The variables this expression uses as class indices (the targets of cross-entropy),
    /// which have no derivative.
    public var classIndices: [NodeID] {
        if case .crossEntropy(.variable(let id), let p) = self { return [id] + p.classIndices }
        return children.flatMap(\.classIndices)
    }

    /// `ids` without repeats, keeping first appearances. No hashing: a linear
    /// scan for the few arguments of a step, a bitmap over the id range for
    /// long sums such as a total loss.
    private static func unique(_ ids: [NodeID]) -> [NodeID] {
        if ids.count <= 16 {
            var ordered: [NodeID] = []
            ordered.reserveCapacity(ids.count)
            for id in ids where !ordered.contains(id) { ordered.append(id) }
            return ordered
        }
        var low = ids[0].index, high = ids[0].index
        for id in ids {
            low = min(low, id.index)
            high = max(high, id.index)
        }
        var ordered: [NodeID] = []
        ordered.reserveCapacity(ids.count)
        if high - low <= 8 * ids.count + 1_024 {
            var seen = [Bool](repeating: false, count: high - low + 1)
            for id in ids where !seen[id.index - low] {
                seen[id.index - low] = true
                ordered.append(id)
            }
        } else {
            var seen = Set<NodeID>(minimumCapacity: ids.count)
            for id in ids where seen.insert(id).inserted { ordered.append(id) }
        }
        return ordered
    }
}
