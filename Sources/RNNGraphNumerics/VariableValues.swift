import RNNGraphCore
import RNNGraphPaths

/// The numbers bound to the leaves of a graph: parameters, `h0`, inputs and targets.
public struct VariableValues: Sendable {
    /// The graph the values belong to.
    public let graph: ComputationGraph
    /// The value of each leaf, indexed by node position (`nil` for defined variables).
    public let leaves: [Tensor?]
    /// How each variable is written: 0 scalar, 1 vector, 2 matrix (the form the file used for leaves).
    public let ranks: [Int]
    /// Whether vectors of this model are rows (batch × features) rather than columns.
    public let vectorsAreRows: Bool

    /// Values for the leaves of `graph`.
    /// - Precondition: every leaf of `graph` has a value; `ranks` has one entry per variable.
    public init(graph: ComputationGraph, leaves: [Tensor?], ranks: [Int], vectorsAreRows: Bool) {
        precondition(leaves.count == graph.count && ranks.count == graph.count, "one entry per variable")
        for variable in graph.variables where variable.definition == nil {
            precondition(leaves[variable.id.index] != nil, "no value for leaf \(variable.name)")
        }
        self.graph = graph
        self.leaves = leaves
        self.ranks = ranks
        self.vectorsAreRows = vectorsAreRows
    }

    /// The value of a leaf by name (canonical or short), if it has one.
    public subscript(name: String) -> Tensor? {
        graph.variable(named: name).flatMap { leaves[$0.id.index] }
    }

    /// The rank to print a variable's value or gradient with: the leaf's own form, and
    /// for defined variables 0 for `1 × 1`, 1 for a column vector (column layouts), 2 otherwise.
    public func rank(of id: NodeID, value: Tensor) -> Int {
        if graph[id].definition == nil { return ranks[id.index] }
        if value.isScalar { return 0 }
        if !vectorsAreRows && value.cols == 1 { return 1 }
        return 2
    }
}
