import Foundation
import RNNGraphCore
import RNNGraphPaths

/// Gradients of a scalar variable by reverse accumulation (backpropagation
/// through time): adjoints flow from the variable back through the graph in
/// reverse topological order, through the vector–Jacobian product of each
/// step (`Primitive`). Gradients have the shape of their variable.
public struct ReverseAccumulation: Sendable {
    /// The evaluated graph.
    public let forward: ForwardPass
    /// The differentiated variable.
    public let target: NodeID
    /// The adjoint `∂target/∂v` of every variable, shaped like `v` (zeros where no path leads).
    public let adjoints: [Tensor]

    /// Runs the backward pass from `target`, which must be a scalar (`1 × 1`), or from
    /// its entry at row-major position `entry` (0-based): the adjoints are then one row of
    /// the Jacobian of `target`.
    public init(_ forward: ForwardPass, of target: NodeID, entry: Int? = nil) {
        precondition(entry != nil || forward[target].isScalar, "reverse accumulation needs a scalar variable")
        self.forward = forward
        self.target = target
        var adjoints: [Tensor?] = Array(repeating: nil, count: forward.graph.count)
        var seed = Tensor.zeros(like: forward[target])
        seed.entries[entry ?? 0] = 1
        adjoints[target.index] = seed
        for position in stride(from: target.index, through: 0, by: -1) {
            guard let upstream = adjoints[position], let definition = forward.graph.variables[position].definition
            else { continue }
            Self.backward(definition, upstream, forward) { id, contribution in
                adjoints[id.index] = adjoints[id.index].map { $0 + contribution } ?? contribution
            }
        }
        self.adjoints = forward.values.indices.map { adjoints[$0] ?? Tensor.zeros(like: forward.values[$0]) }
    }

    /// The gradient with respect to `id`, shaped like that variable.
    public func gradient(withRespectTo id: NodeID) -> Tensor { adjoints[id.index] }

    /// Propagates the adjoint `g` of `expression` to the variables it reads.
    static func backward(_ expression: Expression, _ g: Tensor, _ forward: ForwardPass,
                         _ accumulate: (NodeID, Tensor) -> Void) {
        func value(_ e: Expression) -> Tensor { ForwardPass.evaluate(e) { forward[$0] } }
        switch expression.node {
        case .variable(let id):
            accumulate(id, g)
        case .constant:
            break
        case .step(let primitive, let arguments):
            let values = arguments.map(value)
            for (argument, adjoint) in zip(arguments, primitive.adjoints(values, g)) {
                if let adjoint { backward(argument, adjoint, forward, accumulate) }
            }
        }
    }
}
