import Foundation

/// Gradients of a scalar variable by reverse accumulation (backpropagation
/// through time): adjoints flow from the variable back through the graph in
/// reverse topological order, through hand-written vector–Jacobian products
/// of each ``Expression`` case. Gradients have the shape of their variable.
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
        var seed = Tensor.zeros(like: forward[target])
        seed.entries[entry ?? 0] = 1
        var adjoints: [Tensor?] = Array(repeating: nil, count: forward.graph.count)
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
        switch expression {
        case .variable(let id):
            accumulate(id, g)
        case .product(let left, let right):
            // Y = A B:  dA = G Bᵀ,  dB = Aᵀ G.
            let a = value(left), b = value(right)
            backward(left, g.matmul(b.transposed), forward, accumulate)
            backward(right, a.transposed.matmul(g), forward, accumulate)
        case .sum(let terms):
            for term in terms {
                if case .constant = term { continue }
                let shape = value(term)
                // A broadcast term receives the sum of the adjoint over the entries it was repeated to.
                backward(term, g.reduced(toRows: shape.rows, cols: shape.cols), forward, accumulate)
            }
        case .activation(let activation, let argument):
            backward(argument, g.zip(value(argument).map { activation.derivative($0) }, *), forward, accumulate)
        case .softmax(let argument):
            // dz = s ⊙ (g − ⟨g, s⟩).
            let s = ForwardPass.softmax(value(argument))
            let projection = s.zip(g, *).sum
            backward(argument, s.zip(g.map { $0 - projection }, *), forward, accumulate)
        case .squaredError(let target, let prediction):
            // ∂/∂p Σ(t − p)² = −2(t − p);  ∂/∂t = 2(t − p).
            let residual = value(target) - value(prediction)
            backward(target, (2 * g.scalar) * residual, forward, accumulate)
            backward(prediction, (-2 * g.scalar) * residual, forward, accumulate)
        case .crossEntropy(let target, let prediction):
            // ∂/∂p (−log p[y]) = −1/p[y] at y, 0 elsewhere; the class index has no gradient.
            let index = ForwardPass.classIndex(value(target))
            if case .softmax(let scores) = prediction {
                // ∂/∂z (logsumexp(z) − z[y]) = softmax(z) − e_y: no division by a tiny probability.
                var dz = ForwardPass.softmax(value(scores))
                dz.entries[index] -= 1
                backward(scores, g.scalar * dz, forward, accumulate)
                return
            }
            let p = value(prediction)
            var dp = Tensor.zeros(like: p)
            dp.entries[index] = -g.scalar / p.entries[index]
            backward(prediction, dp, forward, accumulate)
        case .inner(let weights, let argument):
            backward(weights, g.scalar * value(argument), forward, accumulate)
            backward(argument, g.scalar * value(weights), forward, accumulate)
        case .mean(let terms):
            let share = Tensor.scalar(g.scalar / Double(max(terms.count, 1)))
            for term in terms { backward(term, share, forward, accumulate) }
        case .constant:
            break
        case .apply(let operation, let arguments):
            let values = arguments.map(value)
            for (argument, adjoint) in zip(arguments, operation.adjoints(values, g)) {
                backward(argument, adjoint, forward, accumulate)
            }
        }
    }
}
