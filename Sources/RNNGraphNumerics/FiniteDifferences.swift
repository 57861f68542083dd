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
/// ordinary ones keep the small step and its small truncation error. A step that
/// moves the argument of a ReLU across 0 (or the arguments of a catalogued operation
/// across its kink: `|x|` at 0, `max(a, b)` at a = b) anywhere in the graph
/// differences across the kink, not the slope at the point: the step shrinks
/// tenfold until no argument changes side, and an entry whose steps all cross
/// (a ReLU's argument at exactly 0) is reported as a kink. So is an entry
/// whose one-sided differences disagree and keep disagreeing when h is halved:
/// there the function has no derivative, only a convention (ReLU′(0) = 0).
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
        func pass(_ k: Int, _ delta: Double) -> ForwardPass {
            var moved = base
            moved.entries[k] += delta
            return ForwardPass(forward.inputs, override: (id, moved))
        }
        func value(_ k: Int, _ delta: Double) -> Double { pass(k, delta)[target].entries[entry] }
        let kinkSides = KinkSides(forward.graph)
        let baseSides = kinkSides?.of(forward)
        /// Whether two passes leave every kink's argument on the side it has at the unperturbed point.
        func onBaseSide(_ a: ForwardPass, _ b: ForwardPass) -> Bool {
            guard let kinkSides else { return true }
            return kinkSides.of(a) == baseSides && kinkSides.of(b) == baseSides
        }
        /// The values at the steps ±h from entry k when they move no argument across a kink.
        func sameSide(_ k: Int, _ h: Double) -> (up: Double, down: Double)? {
            let (upPass, downPass) = (pass(k, h), pass(k, -h))
            guard onBaseSide(upPass, downPass) else { return nil }
            return (upPass[target].entries[entry], downPass[target].entries[entry])
        }
        for k in 0..<base.count {
            let v = base.entries[k]
            var h = step * max(1, abs(v))
            var (upPass, downPass) = (pass(k, h), pass(k, -h))
            var (up, down) = (upPass[target].entries[entry], downPass[target].entries[entry])
            for _ in 0..<160 {
                let noise = 4 * Double.ulpOfOne * max(abs(f0), abs(up), abs(down))
                let central = (up - down) / (2 * h)
                guard noise / (2 * h) > 1e-7 * max(1, abs(central)) else { break }
                let larger = h * 100
                let (nextUpPass, nextDownPass) = (pass(k, larger), pass(k, -larger))
                let (nextUp, nextDown) = (nextUpPass[target].entries[entry], nextDownPass[target].entries[entry])
                guard nextUp.isFinite, nextDown.isFinite, (v + larger) != v else { break }
                (h, up, down, upPass, downPass) = (larger, nextUp, nextDown, nextUpPass, nextDownPass)
            }
            if !onBaseSide(upPass, downPass) {
                // Shrink the step until it stays on one side of every kink; an entry at a kink has no such step.
                var found: (h: Double, up: Double, down: Double)?
                var smaller = h
                for _ in 0..<12 {
                    smaller /= 10
                    guard (v + smaller) != v else { break }
                    if let values = sameSide(k, smaller) {
                        found = (smaller, values.up, values.down)
                        break
                    }
                }
                guard let found else {
                    kinks.append(k)
                    gradient.entries[k] = (up - down) / ((v + h) - (v - h))
                    continue
                }
                (h, up, down) = found
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

/// Which side of its kink every ReLU and every catalogued operation with a kink (``ElementwiseRule/kink``)
/// of a graph is on, entry by entry.
private struct KinkSides {
    /// The arguments of each operation with a kink in the defined variables' expressions, in graph
    /// order, with the number whose sign is the side (the argument itself for a ReLU).
    private let kinks: [(arguments: [Expression], side: @Sendable ([Double]) -> Double)]

    /// `nil` when the graph has no operation with a kink.
    init?(_ graph: ComputationGraph) {
        var kinks: [(arguments: [Expression], side: @Sendable ([Double]) -> Double)] = []
        for definition in graph.variables.compactMap(\.definition) { Self.collect(definition, into: &kinks) }
        guard !kinks.isEmpty else { return nil }
        self.kinks = kinks
    }

    private static func collect(_ expression: Expression,
                                into found: inout [(arguments: [Expression], side: @Sendable ([Double]) -> Double)]) {
        if case .activation(.relu, let argument) = expression { found.append(([argument], { $0[0] })) }
        if case .apply(.catalogued(let operation), let arguments) = expression, case .elementwise(let rule) = operation.rule,
           let side = rule.kink {
            found.append((arguments, side))
        }
        for argument in expression.primitive?.arguments ?? [] { collect(argument, into: &found) }
    }

    /// Whether each entry of each kink's number is above 0, in a fixed order.
    func of(_ pass: ForwardPass) -> [Bool] {
        var sides: [Bool] = []
        for (arguments, side) in kinks {
            let values = arguments.map { ForwardPass.evaluate($0) { pass[$0] } }
            let rows = values.map(\.rows).max()!, cols = values.map(\.cols).max()!
            let common = values.map { $0.broadcast(rows: rows, cols: cols) }
            sides += (0..<(rows * cols)).map { k in side(common.map { $0.entries[k] }) > 0 }
        }
        return sides
    }
}
