/// Gradients by central finite differences on the forward pass:
/// `(f(v + h eₖ) − f(v − h eₖ)) / 2h` for each entry k, with `h = step · max(1, |vₖ|)`.
/// Uses nothing but ``ForwardPass``, so it is independent of both other methods.
public struct FiniteDifferences: Sendable {
    /// The evaluated graph at the unperturbed values.
    public let forward: ForwardPass
    /// The differentiated variable (scalar).
    public let target: NodeID
    /// Relative step size.
    public let step: Double

    /// Prepares finite differences of `target`, which must be a scalar.
    public init(_ forward: ForwardPass, of target: NodeID, step: Double = 1e-5) {
        precondition(forward[target].isScalar, "finite differences need a scalar variable")
        self.forward = forward
        self.target = target
        self.step = step
    }

    /// The gradient with respect to `id` (a leaf or a defined variable, which is then
    /// perturbed after it is computed), shaped like that variable.
    public func gradient(withRespectTo id: NodeID) -> Tensor {
        let base = forward[id]
        var gradient = Tensor.zeros(like: base)
        for k in 0..<base.count {
            let h = step * max(1, abs(base.entries[k]))
            var plus = base, minus = base
            plus.entries[k] += h
            minus.entries[k] -= h
            let up = ForwardPass(forward.inputs, override: (id, plus))[target].scalar
            let down = ForwardPass(forward.inputs, override: (id, minus))[target].scalar
            gradient.entries[k] = (up - down) / (plus.entries[k] - minus.entries[k])
        }
        return gradient
    }
}
