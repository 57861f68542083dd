import RNNGraphCore
import RNNGraphPaths

/// The numbers of a worked solution of one derivative of a scalar: the forward
/// pass, each path's term and their running sum, every computed variable's
/// adjoint by reverse accumulation, and how far the path sum and reverse
/// accumulation disagree. A printer formats these numbers; it computes none.
///
/// Terms are computed one path at a time with ``add(_:)``, so a long
/// derivation streams instead of keeping every term.
public struct WorkedSolution {
    /// The values of every variable.
    public let forward: ForwardPass
    /// The differentiated variable (a scalar).
    public let target: NodeID
    /// The variable differentiated by.
    public let source: NodeID
    /// Reverse accumulation from the target.
    public let backward: ReverseAccumulation
    private let sums: PathSum
    /// The sum of the path terms added so far, shaped like the source.
    public private(set) var pathSum: Tensor
    /// The number of path terms added so far.
    public private(set) var termCount = 0

    /// Evaluates the graph of `values` and the reverse accumulation from `target`.
    /// - Throws: `RNNGraphError/usage(_:)` when `target` is not a scalar.
    public init(_ values: VariableValues, of target: NodeID, wrt source: NodeID) throws(RNNGraphError) {
        forward = ForwardPass(values)
        guard forward[target].isScalar else {
            throw RNNGraphError.usage("\(values.graph[target].name) is not a scalar (\(forward[target].shapeDescription)); "
                                      + "a worked solution needs a scalar --of such as the loss")
        }
        self.target = target
        self.source = source
        backward = ReverseAccumulation(forward, of: target)
        sums = PathSum(forward, of: target)
        pathSum = Tensor.zeros(like: forward[source])
    }

    /// The graph evaluated.
    public var graph: ComputationGraph { forward.graph }

    /// Computes the term of `path` (from the source to the target), adds it to ``pathSum`` and returns it.
    public mutating func add(_ path: [NodeID]) -> PathTerm {
        let term = sums.term(path)
        pathSum = pathSum + term.value
        termCount += 1
        return term
    }

    /// The adjoint `∂target/∂v` of every variable computed before the target (per-step copies of
    /// parameters left out), from the target down: the values of the backward pass.
    public var adjoints: [(variable: Variable, value: Tensor)] {
        graph.variables.filter { $0.definition != nil && $0.id < target && $0.kind != .parameterCopy }
            .reversed().map { ($0, backward.gradient(withRespectTo: $0.id)) }
    }

    /// `∂target/∂source` by reverse accumulation (1 when they are the same variable).
    public var reverse: Tensor { source == target ? Tensor.scalar(1) : backward.gradient(withRespectTo: source) }

    /// The largest entry-wise difference between ``pathSum`` and ``reverse``, relative to max(1, |x|).
    public var largestDifference: Double {
        zip(pathSum.entries, reverse.entries).map { abs($0 - $1) / max(1, abs($0), abs($1)) }.max() ?? 0
    }
}
