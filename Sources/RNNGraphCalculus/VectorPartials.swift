import RNNGraphCore
import RNNGraphPaths

/// The transposed Jacobian of one edge in a vector layout, as an action on
/// the gradient `g` of the head: the tail's gradient is `lefts · g · rights`.
struct EdgeAction: Hashable, Sendable {
    /// Factors multiplied on the left of the head's gradient, outermost first.
    var lefts: [Formula] = []
    /// Factors multiplied on the right of the head's gradient, innermost first.
    var rights: [Formula] = []

    /// The product of the left factors.
    var left: Formula { Formula.multiply(lefts) }
    /// The product of the right factors.
    var right: Formula { Formula.multiply(rights) }
}

extension LocalPartials {
    /// The action of edge `parent → child` in `layout` (columns or rows); when no
    /// closed form exists, the transposed symbolic partial on the side the layout multiplies.
    func action(_ child: NodeID, _ parent: NodeID, layout: ShapeLayout) -> EdgeAction {
        if let definition = graph[child].definition, !definition.usesGeneralOperations,
           let action = action(definition, parent, child: child, whole: true, rows: layout == .rows) {
            return action
        }
        let transposed = Formula.transpose(symbolic(child, parent))
        return layout == .rows ? EdgeAction(rights: [transposed]) : EdgeAction(lefts: [transposed])
    }

    private func action(_ e: Expression, _ p: NodeID, child: NodeID, whole: Bool, rows: Bool) -> EdgeAction? {
        let users = { (x: Expression) in x.references.contains(p) }
        guard users(e) else { return nil }
        func inner(_ x: Expression) -> EdgeAction? { action(x, p, child: child, whole: false, rows: rows) }
        // Adds a factor next to the gradient (innermost), on the side the layout multiplies.
        func near(_ a: EdgeAction, _ factor: Formula, right: Bool) -> EdgeAction {
            var a = a
            if right { a.rights.insert(factor, at: 0) } else { a.lefts.append(factor) }
            return a
        }
        switch e {
        case .constant, .apply:
            return nil
        case .variable(let id):
            return id == p ? EdgeAction() : nil
        case .sum(let terms):
            let using = terms.filter(users)
            guard using.count == 1 else { return nil }
            return inner(using[0])
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
        case .activation(let f, let a):
            guard let sub = inner(a) else { return nil }
            let output: Formula = whole ? .variable(rename(child)) : .activation(f, value(a))
            let slope: Formula
            switch f {
            case .relu: slope = .diag(.indicator(value(a)))
            case .tanh: slope = .diag(.oneMinusSquare(output))
            case .sigmoid: slope = .diag(.product([output, .difference(.one, output)]))
            case .identity: return sub
            }
            return near(sub, slope, right: rows)
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
                return near(sub, .difference(yhat, value(y)), right: false)
            }
            guard let sub = inner(prediction) else { return nil }
            return near(sub, .negation(.quotient(value(y), value(prediction))), right: false)
        case .inner(let g, let h):
            if users(g) && users(h) { return nil }
            guard let sub = inner(users(h) ? h : g) else { return nil }
            return near(sub, value(users(h) ? g : h), right: false)
        case .mean(let terms):
            let using = terms.filter(users)
            guard using.count == 1, let sub = inner(using[0]) else { return nil }
            return near(sub, .reciprocal(count(terms.count)), right: false)
        }
    }
}
