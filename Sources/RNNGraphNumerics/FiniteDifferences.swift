import RNNGraphCore
import RNNGraphPaths

/// Gradients by central finite differences on the forward pass:
/// `(f(v + h eₖ) − f(v − h eₖ)) / 2h` for each entry k. Uses nothing but
/// ``ForwardPass``, so it is independent of both other methods.
///
/// The step starts at `h = step · max(1, |vₖ|)` and grows a hundredfold while the
/// rounding error of f (4 ulp of its value) divided by 2h would still exceed 10⁻⁷
/// of the derivative's scale (a tenth of the default tolerance), so that functions
/// of very large values (10³⁰⁰) are differenced above their rounding noise, while
/// ordinary ones keep the small step and its small truncation error. At a kink (ReLU at exactly 0) the
/// one-sided differences disagree, and keep disagreeing when h is halved:
/// there the function has no derivative, only a convention (ReLU′(0) = 0),
/// and the entry is reported as a kink.
public struct FiniteDifferences: Sendable {
    /// The evaluated graph at the unperturbed values.
    public let forward: ForwardPass
    /// The differentiated variable (scalar).
    public let target: NodeID
    /// Relative step size.
    public let step: Double
    /// The entry of the target differentiated (row-major, 0-based); 0 for a scalar target.
    public let entry: Int

    /// A gradient and the entries where the function has a kink.
    public struct Estimate: Sendable {
        /// The central difference per entry.
        public let gradient: Tensor
        /// Indices of the entries at a kink, where the two one-sided differences disagree.
        public let kinks: [Int]
    }

    /// Prepares finite differences of `target`, which must be a scalar, or of its entry
    /// at row-major position `entry` (0-based).
    public init(_ forward: ForwardPass, of target: NodeID, entry: Int? = nil, step: Double = 1e-5) {
        precondition(entry != nil || forward[target].isScalar, "finite differences need a scalar variable")
        self.forward = forward
        self.target = target
        self.entry = entry ?? 0
        self.step = step
    }

    /// The gradient with respect to `id` (a leaf or a defined variable, which is then
    /// perturbed after it is computed), shaped like that variable.
    public func gradient(withRespectTo id: NodeID) -> Tensor {
        estimate(withRespectTo: id).gradient
    }

    /// The gradient with respect to `id` and the entries where the function has a kink.
    public func estimate(withRespectTo id: NodeID) -> Estimate {
        let base = forward[id]
        let f0 = forward[target].entries[entry]
        var gradient = Tensor.zeros(like: base)
        var kinks: [Int] = []
        func value(_ k: Int, _ delta: Double) -> Double {
            var moved = base
            moved.entries[k] += delta
            return ForwardPass(forward.inputs, override: (id, moved))[target].entries[entry]
        }
        for k in 0..<base.count {
            let v = base.entries[k]
            var h = step * max(1, abs(v))
            var (up, down) = (value(k, h), value(k, -h))
            for _ in 0..<160 {
                let noise = 4 * Double.ulpOfOne * max(abs(f0), abs(up), abs(down))
                let central = (up - down) / (2 * h)
                guard noise / (2 * h) > 1e-7 * max(1, abs(central)) else { break }
                let larger = h * 100
                let (nextUp, nextDown) = (value(k, larger), value(k, -larger))
                guard nextUp.isFinite, nextDown.isFinite, (v + larger) != v else { break }
                (h, up, down) = (larger, nextUp, nextDown)
            }
            // The actual step, as represented: (v + h) − (v − h) may differ from 2h.
            let width = (v + h) - (v - h)
            gradient.entries[k] = (up - down) / width
            let forwardSide = (up - f0) / ((v + h) - v), backwardSide = (f0 - down) / (v - (v - h))
            let gap = abs(forwardSide - backwardSide)
            guard gap > 1e-4 * max(1, abs(forwardSide), abs(backwardSide)) else { continue }
            // A kink keeps its gap when the step is halved; smooth curvature halves it.
            let half = h / 2
            let halfForward = (value(k, half) - f0) / ((v + half) - v)
            let halfBackward = (f0 - value(k, -half)) / (v - (v - half))
            if abs(halfForward - halfBackward) > 0.75 * gap { kinks.append(k) }
        }
        return Estimate(gradient: gradient, kinks: kinks)
    }
}
