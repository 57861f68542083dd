import BigInt
import RNNGraphCore
import RNNGraphPaths

/// One term of the path-sum formula: the product of the local Jacobians along one path.
public struct PathTerm: Sendable {
    /// The path, from the source variable to the differentiated one (`[U, h_1, h_2, o_2, L]`).
    public let path: [NodeID]
    /// The local Jacobians `∂b/∂a` of the path's edges, read from the loss down to the
    /// source as the lab writes them (`∂L/∂o_2, ∂o_2/∂h_2, ∂h_2/∂h_1, ∂h_1/∂U`), numerator layout.
    public let factors: [Tensor]
    /// The term's value: the product of the factors, shaped like the source variable.
    public let value: Tensor
}

/// The gradient of a scalar variable as the sum over all paths of the product
/// of local Jacobians — the path-sum formula of the chain rule, on numbers.
///
/// Paths come from `PathEnumerator` in its order; local Jacobians come from
/// ``LocalJacobian`` (forward-mode tangents) and are cached per edge, so an
/// instance is not meant to be shared between threads.
public final class PathSum {
    /// The evaluated graph.
    public let forward: ForwardPass
    /// The differentiated variable (scalar).
    public let target: NodeID
    /// The entry of the target differentiated (row-major, 0-based), `nil` for a scalar target.
    public let entry: Int?
    /// The most recurrent steps a summed path may take, `nil` for every path.
    public let maximumLag: Int?
    private var cache: [Int: [Int: Tensor]] = [:]

    /// Prepares path sums of `target`, which must be a scalar (`1 × 1`), or of its entry
    /// at row-major position `entry` (0-based); with `maximumLag`, only over the paths through
    /// at most that many recurrent steps (truncated backpropagation through time).
    public init(_ forward: ForwardPass, of target: NodeID, entry: Int? = nil, maximumLag: Int? = nil) {
        precondition(entry != nil || forward[target].isScalar, "path sums need a scalar variable")
        self.forward = forward
        self.target = target
        self.entry = entry
        self.maximumLag = maximumLag
    }

    /// The row that selects the differentiated entry: `[1]` for a scalar target, `e_kᵀ` for an entry.
    private var selector: Tensor {
        var row = Tensor(rows: 1, cols: forward[target].count)
        row.entries[entry ?? 0] = 1
        return row
    }

    /// The local Jacobian of an edge, computed once.
    public func jacobian(from parent: NodeID, to child: NodeID) -> Tensor {
        if let known = cache[child.index]?[parent.index] { return known }
        let jacobian = LocalJacobian.of(child, withRespectTo: parent, at: forward)
        cache[child.index, default: [:]][parent.index] = jacobian
        return jacobian
    }

    /// Number of paths from `source` to the target (those summed).
    public func pathCount(from source: NodeID) -> BigUInt {
        guard let maximumLag else { return PathCounter.count(forward.graph, from: source, to: target) }
        return LagPathCounter.counts(forward.graph, from: source, to: target, maximumLag: maximumLag).reduce(0, +)
    }

    /// The paths from `source` to the target, in `PathEnumerator` order.
    public func paths(from source: NodeID) -> PathEnumerator {
        PathEnumerator(forward.graph, from: source, to: target, maximumLag: maximumLag)
    }

    /// The term of one path (from `path.first` to the target).
    public func term(_ path: [NodeID]) -> PathTerm {
        precondition(path.last == target && !path.isEmpty, "a path must end at the target")
        var factors: [Tensor] = []
        var product = selector
        for k in stride(from: path.count - 1, to: 0, by: -1) {
            let factor = jacobian(from: path[k - 1], to: path[k])
            factors.append(factor)
            product = product.matmul(factor)
        }
        let source = forward[path[0]]
        return PathTerm(path: path, factors: factors, value: product.reshaped(rows: source.rows, cols: source.cols))
    }

    /// Every term for `source`, in path order.
    public func terms(from source: NodeID) -> [PathTerm] {
        paths(from: source).map(term)
    }

    /// The gradient of the target with respect to `source`: the sum of all terms
    /// (zeros when no path leads to the target), shaped like `source`.
    public func gradient(withRespectTo source: NodeID) -> Tensor {
        if source == target { return selector.reshaped(rows: forward[target].rows, cols: forward[target].cols) }
        var total = Tensor.zeros(like: forward[source])
        for path in paths(from: source) { total = total + term(path).value }
        return total
    }
}
