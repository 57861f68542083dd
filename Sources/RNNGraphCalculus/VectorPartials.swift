import RNNGraphCore
import RNNGraphPaths

/// The transposed Jacobian of one edge in a vector layout, as an action on
/// the gradient `g` of the head: matrix products on either side and, in the
/// batched rows layout, element-wise products `g ⊙ s`, done in order.
struct EdgeAction: Hashable, Sendable {
    /// One thing done to the gradient.
    enum Step: Hashable, Sendable {
        /// `F g`.
        case left(Formula)
        /// `g F`.
        case right(Formula)
        /// `g ⊙ F`.
        case hadamard(Formula)
        /// `a₁(g) + a₂(g) + …`: an expression that reads the tail in several summands, one of them the tail
        /// itself (a residual cell's `h_{t-1} + tanh(W h_{t-1} + …)`, whose Jacobian is `I + diag(…) W`).
        case sum([EdgeAction])

        func substituting(_ name: String, with value: IndexExpression) -> Step {
            switch self {
            case .left(let f): return .left(f.substituting(name, with: value))
            case .right(let f): return .right(f.substituting(name, with: value))
            case .hadamard(let f): return .hadamard(f.substituting(name, with: value))
            case .sum(let actions): return .sum(actions.map { $0.substituting(name, with: value) })
            }
        }
    }

    /// The steps, the first done first.
    var steps: [Step] = []

    /// The action `lefts · g · rights`.
    /// - Parameters:
    ///   - lefts: factors multiplied on the left of the gradient, outermost first.
    ///   - rights: factors multiplied on the right of the gradient, innermost first.
    init(lefts: [Formula] = [], rights: [Formula] = []) {
        steps = lefts.reversed().map(Step.left) + rights.map(Step.right)
    }

    /// The action `Σ_k actions[k](g)`.
    init(sum actions: [EdgeAction]) {
        steps = [.sum(actions)]
    }

    /// Whether the action is a product `lefts · g · rights` (no element-wise step, no sum).
    var isProduct: Bool {
        !steps.contains {
            switch $0 {
            case .left, .right: return false
            case .hadamard, .sum: return true
            }
        }
    }

    /// Whether the action sums several actions (a skip connection), so that no single matrix stands for it.
    var isSum: Bool { steps.contains { if case .sum = $0 { return true } else { return false } } }

    /// Factors multiplied on the left, outermost first (for an action that ``isProduct``).
    var lefts: [Formula] { steps.reversed().compactMap { if case .left(let f) = $0 { return f } else { return nil } } }
    /// Factors multiplied on the right, innermost first (for an action that ``isProduct``).
    var rights: [Formula] { steps.compactMap { if case .right(let f) = $0 { return f } else { return nil } } }
    /// The product of the left factors.
    var left: Formula { Formula.multiply(lefts) }
    /// The product of the right factors.
    var right: Formula { Formula.multiply(rights) }

    /// The one matrix `M` with action `g ↦ M g`, for an action of left factors and sums of such (a skip
    /// connection's `I + W^⊤ diag(1 − a²)`, the identity for the action that passes `g` on); `nil` when a step
    /// multiplies on the right or element-wise.
    var matrix: Formula? {
        var m: Formula = .identity
        // The identity stays beside numbers only (`0.5 I` for h_{t-1} * 0.5, not a bare 0.5 in a sum of matrices).
        func isNumber(_ f: Formula) -> Bool {
            switch f {
            case .integer, .number, .reciprocal, .variable, .identity: return true
            case .negation(let x): return isNumber(x)
            default: return false
            }
        }
        func tidy(_ f: Formula) -> Formula {
            switch f {
            case .product(let factors):
                let tidied = factors.map(tidy)
                let kept = tidied.allSatisfy(isNumber) ? tidied : tidied.filter { $0 != .identity }
                return kept.count == 1 ? kept[0] : .product(kept)
            case .sum(let terms): return .sum(terms.map(tidy))
            case .negation(let x): return .negation(tidy(x))
            default: return f
            }
        }
        func times(_ f: Formula, _ m: Formula) -> Formula { tidy(Formula.multiply([f, m])) }
        for step in steps {
            switch step {
            case .left(let f): m = times(f, m)
            case .sum(let actions):
                var terms: [Formula] = []
                for a in actions {
                    guard let t = a.matrix else { return nil }
                    terms.append(t)
                }
                m = times(Formula.add(terms), m)
            case .right, .hadamard: return nil
            }
        }
        return m
    }

    /// The tail's gradient for the head's gradient `g`.
    func apply(to g: Formula) -> Formula {
        steps.reduce(g) { x, step in
            switch step {
            case .left(let f): return Formula.multiply([f, x])
            case .right(let f): return Formula.multiply([x, f])
            case .hadamard(let f):
                if x == .zero || f == .zero { return .zero }
                return x == .one ? f : .hadamard(x, f)
            case .sum(let actions): return Formula.add(actions.map { $0.apply(to: x) })
            }
        }
    }

    /// The action with `step` done first.
    func preceded(by step: Step) -> EdgeAction {
        var a = self
        a.steps.insert(step, at: 0)
        return a
    }

    /// The action with index `name` replaced by `value`.
    func substituting(_ name: String, with value: IndexExpression) -> EdgeAction {
        var a = self
        a.steps = steps.map { $0.substituting(name, with: value) }
        return a
    }
}

extension LocalPartials {
    /// The element-wise slope `∂e/∂p` of an expression that reads `p` only through element-wise
    /// operations (sums, `⊙`, negation, activations), with `⊙` for products; `nil` otherwise.
    func slope(_ e: Expression, _ p: NodeID, child: NodeID, whole: Bool) -> Formula? {
        guard e.references.contains(p) else { return .zero }
        func d(_ x: Expression) -> Formula? { slope(x, p, child: child, whole: false) }
        func times(_ a: Formula, _ b: Formula) -> Formula {
            if a == .zero || b == .zero { return .zero }
            if a == .one { return b }
            if b == .one { return a }
            if a == .integer(-1) { return Formula.negated(b) }
            if b == .integer(-1) { return Formula.negated(a) }
            if case .negation(let x) = a { return Formula.negated(times(x, b)) }
            if case .negation(let y) = b { return Formula.negated(times(a, y)) }
            return .hadamard(a, b)
        }
        if let slopes = slopes(e, child: child, whole: whole, hadamard: true) {
            var parts: [Formula] = []
            for (k, x) in e.children.enumerated() {
                guard let dx = d(x) else { return nil }
                parts.append(times(slopes[k], dx))
            }
            return Formula.add(parts)
        }
        // One of the three switches over the cases outside the catalogue and its walker: the
        // element-wise operations that are not one slope per argument (a sum reads its terms' slopes,
        // ⊙ the product rule, negation flips the sign) are walked through here; every other case has
        // no element-wise slope.
        switch e {
        case .variable(let id): return id == p ? .one : .zero
        case .constant: return .zero
        case .sum(let terms):
            var parts: [Formula] = []
            for term in terms {
                guard let dt = d(term) else { return nil }
                parts.append(dt)
            }
            return Formula.add(parts)
        case .apply(.negate, let xs):
            return d(xs[0]).map(Formula.negated)
        case .apply(.hadamard, let xs):
            guard let da = d(xs[0]), let db = d(xs[1]) else { return nil }
            return Formula.add([times(da, value(xs[1])), times(value(xs[0]), db)])
        case .apply, .activation, .product, .softmax, .squaredError, .crossEntropy, .inner, .mean: return nil
        }
    }

    /// The action of edge `parent → child` in `layout` (columns or rows), element-wise steps
    /// written `⊙` in rows or when `hadamard`; when no closed form exists, the transposed
    /// symbolic partial on the side the layout multiplies.
    func action(_ child: NodeID, _ parent: NodeID, layout: ShapeLayout, hadamard: Bool = false) -> EdgeAction {
        if let definition = graph[child].definition, Self.hasClosedForm(definition) {
            let elementwise = layout == .rows || hadamard
            let found = action(definition, parent, child: child, whole: true, rows: layout == .rows, elementwise: elementwise)
            if let found, !found.isSum { return found }
            // Element-wise in the parent (the GRU's h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t-1} by z_t): the slope, one
            // diagonal rather than a sum of actions; a sum stays where the parent is also read through a matrix
            // (a residual cell's h_{t-1} + tanh(W h_{t-1} + …)).
            // A number broadcast over a vector has no element-wise slope: its gradient sums (`h^⊤ g`).
            let broadcast = graph.numbers.contains(parent) && !graph.numbers.contains(child)
            if !broadcast, let s = slope(definition, parent, child: child, whole: true) {
                if s == .one { return EdgeAction() }
                return elementwise ? EdgeAction().preceded(by: .hadamard(s)) : EdgeAction(lefts: [.diag(s)])
            }
            if let found { return found }
        }
        let transposed = Formula.transpose(symbolic(child, parent))
        return layout == .rows ? EdgeAction(rights: [transposed]) : EdgeAction(lefts: [transposed])
    }

    /// The action of `∂e/∂p`. In the rows layout vectors are the rows of a batch: an
    /// activation's slope multiplies element-wise (`g ⊙ s`), and a parameter added
    /// to a batch (a bias) sums its gradient over the batch (`𝟏^⊤ g`). In the
    /// columns layout a slope is the diagonal matrix `diag(s)`.
    private func action(_ e: Expression, _ p: NodeID, child: NodeID, whole: Bool, rows: Bool,
                        elementwise: Bool) -> EdgeAction? {
        let users = { (x: Expression) in x.references.contains(p) }
        guard users(e) else { return nil }
        func inner(_ x: Expression) -> EdgeAction? {
            action(x, p, child: child, whole: false, rows: rows, elementwise: elementwise)
        }
        // Adds a factor next to the gradient (done first), on the side given.
        func near(_ a: EdgeAction, _ factor: Formula, right: Bool) -> EdgeAction {
            a.preceded(by: right ? .right(factor) : .left(factor))
        }
        // Multiplies the gradient by an element-wise slope: g ⊙ s, or diag(s) g; by a number s g when
        // `scalar` (the slope of a number, or a number that scales a vector).
        func slope(_ a: EdgeAction, _ s: Formula, scalar: Bool = false) -> EdgeAction {
            if scalar { return near(a, s, right: false) }
            return elementwise ? a.preceded(by: .hadamard(s)) : near(a, .diag(s), right: false)
        }
        // The gradient of a number broadcast over a vector of gradient g sums what it scales: `v^⊤ g` for a
        // product with the vector v, `𝟏^⊤ g` for a sum; over a batch of rows, every entry: `𝟏^⊤ (g ⊙ v) 𝟏`.
        func broadcast(_ a: EdgeAction, over vector: Formula) -> EdgeAction? {
            guard rows else { return near(a, .transpose(vector), right: false) }
            let summed = a.preceded(by: .right(.ones)).preceded(by: .left(.transpose(.ones)))
            return vector == .ones ? summed : summed.preceded(by: .hadamard(vector))
        }
        // Several scalar summands reading p (`Σ_t (y_t − V h_t)^2` by V): the head is a scalar, so
        // each summand's action is a matrix times it, and their sum is one matrix on the left.
        func scalarSum(_ summands: [Expression], scale: Formula?) -> EdgeAction? {
            guard summands.allSatisfy(\.isScalar) else { return nil }
            var parts: [Formula] = []
            for summand in summands {
                guard let sub = inner(summand), sub.isProduct else { return nil }
                parts.append(sub.apply(to: .one))
            }
            return EdgeAction(lefts: [Formula.multiply([scale ?? .one, Formula.add(parts)])])
        }
        if let slopes = slopes(e, child: child, whole: whole, hadamard: !e.isScalar) {
            // Each argument that reads p: its slope multiplies element-wise (diag(s) g in columns), or scales
            // where the argument is a number (a slope of numbers is a product, not ⊙); the identity's slope
            // of 1 does nothing; several such arguments (max(h, 2 h)) sum their actions.
            let xs = e.children
            var actions: [EdgeAction] = []
            for k in xs.indices where users(xs[k]) {
                guard let sub = inner(xs[k]) else { return nil }
                let s = slopes[k]
                if s == .one {
                    actions.append(sub)
                } else if isNumber(xs[k]) {
                    guard xs.allSatisfy(isNumber) else { return nil }
                    actions.append(near(sub, s, right: false))
                } else {
                    actions.append(slope(sub, s))
                }
            }
            if actions.isEmpty { return nil }
            return actions.count == 1 ? actions[0] : EdgeAction(sum: actions)
        }
        // One of the three switches over the cases outside the catalogue and its walker: the actions
        // of the operations that are not one slope per argument (products, sums, negation, stacks,
        // softmax, the losses, means, a vector rule's Jacobian), each on the side its layout multiplies
        // and beside its scalar rule in LocalPartials, until the entries state them.
        switch e {
        case .apply(.hadamard, let xs):
            // g_b = g ⊙ a: diag(a) g in columns.
            func through(_ used: Expression, _ other: Expression) -> EdgeAction? {
                guard let sub = inner(used) else { return nil }
                if isNumber(used), !isNumber(other) { return broadcast(sub, over: value(other)) }
                return slope(sub, value(other), scalar: isNumber(other))
            }
            // Both factors read p (f_t ⊙ tanh(W (f_t ⊙ x_t)) by f_t): the product rule, a sum of the two actions.
            if users(xs[0]) && users(xs[1]) {
                guard let first = through(xs[0], xs[1]), let second = through(xs[1], xs[0]) else { return nil }
                return EdgeAction(sum: [first, second])
            }
            return users(xs[1]) ? through(xs[1], xs[0]) : through(xs[0], xs[1])
        case .apply(.negate, let xs):
            guard let sub = inner(xs[0]) else { return nil }
            return near(sub, .integer(-1), right: false)
        case .apply(.stack, let parts):
            // g_a = [I 0] g: the rows of the stack that part a fills.
            let using = parts.indices.filter { users(parts[$0]) }
            guard using.count == 1, !rows, let sub = inner(parts[using[0]]) else { return nil }
            return near(sub, .blockSelection(part: using[0], parts: parts.map(value)), right: false)
        case .apply(.catalogued(let operation), let xs):
            // Over a vector: its Jacobian by each argument that reads p on the layout's side (several sum).
            var actions: [EdgeAction] = []
            for k in xs.indices where users(xs[k]) {
                guard let sub = inner(xs[k]) else { return nil }
                actions.append(near(sub, operation.partial(argument: k, xs.map(value)), right: rows))
            }
            if actions.isEmpty { return nil }
            return actions.count == 1 ? actions[0] : EdgeAction(sum: actions)
        case .apply, .activation, .constant:
            return nil
        case .variable(let id):
            return id == p ? EdgeAction() : nil
        case .sum(let terms):
            let using = terms.filter(users)
            if using.count > 1 {
                if let summed = scalarSum(using, scale: nil) { return summed }
                // A vector read in several summands (a skip connection): the sum of their actions; a number among
                // vectors (`h_{t-1} * c + c` by c) sums what it is added to.
                var actions: [EdgeAction] = []
                for term in using {
                    guard let sub = inner(term) else { return nil }
                    if isNumber(term), !isNumber(e) {
                        guard let summed = broadcast(sub, over: .ones) else { return nil }
                        actions.append(summed)
                    } else {
                        actions.append(sub)
                    }
                }
                return EdgeAction(sum: actions)
            }
            guard using.count == 1, let sub = inner(using[0]) else { return nil }
            // A number added to a vector (`h + c`): its gradient sums the vector's, `𝟏^⊤ g`.
            if isNumber(using[0]), !isNumber(e) { return broadcast(sub, over: .ones) }
            // A parameter added to a batch of rows is shared by the rows: its gradient sums over them.
            if rows, case .variable(let id) = using[0], [.parameter, .parameterCopy].contains(graph[id].kind),
               terms.contains(where: { !users($0) }) {
                return EdgeAction(lefts: [.transpose(.ones)])
            }
            return sub
        case .product(let a, let b):
            if users(a) && users(b) { return nil }
            if users(b) {
                // g_b = a^⊤ g
                guard let sub = inner(b) else { return nil }
                return near(sub, .transpose(value(a)), right: false)
            }
            // g_a = g b^⊤
            guard let sub = inner(a) else { return nil }
            return near(sub, .transpose(value(b)), right: true)
        case .softmax(let a):
            guard let sub = inner(a) else { return nil }
            let output: Formula = whole ? .variable(rename(child)) : .softmax(value(a))
            return near(sub, .softmaxJacobian(output), right: rows)
        case .squaredError(let y, let o):
            if users(y) && users(o) { return nil }
            if users(o) {
                guard let sub = inner(o) else { return nil }
                return near(sub, Formula.multiply([.integer(2), .difference(value(o), value(y))]), right: false)
            }
            guard let sub = inner(y) else { return nil }
            return near(sub, Formula.multiply([.integer(2), .difference(value(y), value(o))]), right: false)
        case .crossEntropy(let y, let prediction):
            if users(y) { return nil }
            if case .softmax(let a) = prediction {
                guard let sub = inner(a) else { return nil }
                let yhat: Formula
                if case .variable(let o) = a {
                    yhat = .variable(IndexedVariable(symbol: Notation.prediction, time: rename(o).time))
                } else {
                    yhat = .softmax(value(a))
                }
                return near(sub, .difference(yhat, .unitVector(value(y))), right: false)
            }
            guard let sub = inner(prediction) else { return nil }
            return near(sub, .negation(.quotient(.unitVector(value(y)), value(prediction))), right: false)
        case .inner(let g, let h):
            if users(g) && users(h) { return nil }
            guard let sub = inner(users(h) ? h : g) else { return nil }
            return near(sub, value(users(h) ? g : h), right: false)
        case .mean(let terms):
            let using = terms.filter(users)
            if using.count > 1 { return scalarSum(using, scale: .reciprocal(count(terms.count))) }
            guard using.count == 1, let sub = inner(using[0]) else { return nil }
            return near(sub, .reciprocal(count(terms.count)), right: false)
        }
    }
}

extension LocalPartials {
    /// Whether `e` is `1 × 1` in this graph: a loss term, an inner product, a leaf declared a scalar, or a
    /// combination of such (``ComputationGraph/numbers``).
    func isNumber(_ e: Expression) -> Bool { e.isNumber(where: { graph.numbers.contains($0) }) }
}

extension EdgeAction {
    /// A sum of actions (a skip connection) as the one matrix a Π multiplies, `(I + W^⊤ diag(1 − a²))`, where it
    /// has one; any other action as it is.
    var asOneMatrix: EdgeAction {
        guard isSum, let m = matrix else { return self }
        return m == .identity ? EdgeAction() : EdgeAction(lefts: [m])
    }
}
