import Foundation
import RNNGraphCore
import RNNGraphPaths

/// The value of every variable of a graph, computed from its leaves by
/// evaluating each defining `Expression` in topological order.
public struct ForwardPass: Sendable {
    /// The leaf values the pass started from.
    public let inputs: VariableValues
    /// The value of each variable, indexed by node position.
    public let values: [Tensor]

    /// Evaluates every variable. `override` replaces the value of one variable
    /// (leaf or defined) before its children read it — the finite-difference probe.
    public init(_ inputs: VariableValues, override: (id: NodeID, value: Tensor)? = nil) {
        self.inputs = inputs
        var values: [Tensor] = []
        values.reserveCapacity(inputs.graph.count)
        for variable in inputs.graph.variables {
            var value: Tensor
            if let definition = variable.definition {
                value = Self.evaluate(definition) { values[$0.index] }
            } else {
                value = inputs.leaves[variable.id.index]!
            }
            if let override, override.id == variable.id { value = override.value }
            values.append(value)
        }
        self.values = values
    }

    /// The graph evaluated.
    public var graph: ComputationGraph { inputs.graph }

    /// The value of a variable.
    public subscript(id: NodeID) -> Tensor { values[id.index] }

    /// The value of `expression`, reading variables through `value`.
    public static func evaluate(_ expression: RNNGraphCore.Expression, _ value: (NodeID) -> Tensor) -> Tensor {
        switch expression.node {
        case .variable(let id):
            return value(id)
        case .constant(let number):
            return .scalar(number)
        case .step(let primitive, let arguments):
            return primitive.value(arguments.map { evaluate($0, value) })
        }
    }

    /// `log Σ exp(z_i)`, shifted by the largest entry so that it neither overflows nor underflows.
    static func logSumExp(_ z: Tensor) -> Double {
        let top = z.entries.max() ?? 0
        return top + log(z.entries.reduce(0) { $0 + exp($1 - top) })
    }

    /// The shape a sum of `terms` has: the largest row and column counts (a `1 × c` row
    /// broadcasts over rows, a `1 × 1` number over everything).
    static func sumShape(_ terms: [Tensor]) -> (rows: Int, cols: Int) {
        (terms.map(\.rows).max() ?? 1, terms.map(\.cols).max() ?? 1)
    }

    /// The sum of `terms`, broadcasting `1 × c` rows over the rows of the others.
    static func sum(_ terms: [Tensor]) -> Tensor {
        let shape = sumShape(terms)
        var total = Tensor(rows: shape.rows, cols: shape.cols)
        for term in terms { total = total + term.broadcast(rows: shape.rows, cols: shape.cols) }
        return total
    }

    /// Softmax over all entries, shifted by the largest for stability.
    static func softmax(_ scores: Tensor) -> Tensor {
        let top = scores.entries.max() ?? 0
        let exponentials = scores.map { exp($0 - top) }
        let total = exponentials.sum
        return exponentials.map { $0 / total }
    }

    /// The class index held by a `1 × 1` target.
    static func classIndex(_ target: Tensor) -> Int { Int(target.scalar.rounded()) }
}
