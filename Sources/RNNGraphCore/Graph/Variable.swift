/// The position of a variable in its graph; also its index in topological order.
public struct NodeID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The zero-based position in ``ComputationGraph/variables``.
    public let index: Int

    /// Wraps a position.
    public init(_ index: Int) { self.index = index }

    public static func < (lhs: NodeID, rhs: NodeID) -> Bool { lhs.index < rhs.index }
    public var description: String { "#\(index)" }
}

/// A named variable of a computation graph: a leaf given from outside, or a
/// node defined by an expression of its parents.
public struct Variable: Hashable, Sendable {
    /// Position in the graph.
    public let id: NodeID
    /// Role of the variable.
    public let kind: VariableKind
    /// Base name without time index.
    public let symbol: Symbol
    /// Time index, if the variable belongs to one step.
    public let time: Int?
    /// The defining expression; `nil` for leaves.
    public let definition: Expression?
    /// Direct arguments of ``definition``, in order of first use, without repeats.
    public let parents: [NodeID]

    /// The canonical name: the base, then `_t` when there is a time index (`h_1`, `U`, `L_2`).
    public var name: String {
        guard let time else { return symbol.ascii }
        return "\(symbol.ascii)_\(time)"
    }
}
