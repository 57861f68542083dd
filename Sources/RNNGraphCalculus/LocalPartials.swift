import Foundation
import RNNGraphCore
import RNNGraphPaths

/// Local partial derivatives `∂b/∂a` of one edge `a → b`, symbolic or in
/// closed form (scalar rules), written in terms of formula variables.
///
/// `rename` maps graph variables to the variables the formula shows (concrete
/// times for the expanded form, symbolic times for the compact form);
/// `renameArgument` does the same for argument lists; `count` maps the number
/// of averaged terms of a mean to an index expression.
struct LocalPartials {
    let graph: ComputationGraph
    let rename: (NodeID) -> IndexedVariable
    let renameArgument: (NodeID) -> IndexedVariable
    let count: (Int) -> IndexExpression
    /// Argument lists already computed, by child (shared by the terms of one expanded form).
    var cache: ArgumentCache? = nil

    /// `∂child/∂parent` in the requested form.
    func partial(_ child: NodeID, _ parent: NodeID, form: LocalForm) -> Formula {
        switch form {
        case .symbolic: return symbolic(child, parent)
        case .closed: return closed(child, parent) ?? symbolic(child, parent)
        }
    }

    /// `∂child/∂parent` with the child's argument list.
    func symbolic(_ child: NodeID, _ parent: NodeID) -> Formula {
        .partial(of: rename(child), wrt: rename(parent), arguments: arguments(of: child))
    }

    /// The direct arguments of `child`: parameters first, then states, outputs and data,
    /// with runs of four or more consecutive times written `o_1, …, o_N`.
    func arguments(of child: NodeID) -> [PartialArgument] {
        if let cache, let known = cache.lookup(child) { return known }
        let result = computeArguments(of: child)
        cache?.store(result, for: child)
        return result
    }

    private func computeArguments(of child: NodeID) -> [PartialArgument] {
        let parents = graph[child].parents.map { graph[$0] }
        var groups: [(key: String, rank: Int, members: [Variable])] = []
        for parent in parents {
            let key = "\(parent.symbol.ascii)|\(parent.kind == .parameterCopy)"
            if let k = groups.firstIndex(where: { $0.key == key }) {
                groups[k].members.append(parent)
            } else {
                groups.append((key, Self.rank(parent.kind), [parent]))
            }
        }
        let ordered = groups.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }
        var result: [PartialArgument] = []
        for (_, group) in ordered {
            let members = group.members.sorted { ($0.time ?? 0) < ($1.time ?? 0) }
            var start = 0
            while start < members.count {
                var end = start
                while end + 1 < members.count, let a = members[end].time, let b = members[end + 1].time, b == a + 1 {
                    end += 1
                }
                if end - start >= 3 {
                    result.append(.run(renameArgument(members[start].id), renameArgument(members[end].id)))
                } else {
                    for k in start...end { result.append(.single(renameArgument(members[k].id))) }
                }
                start = end + 1
            }
        }
        return result
    }

    private static func rank(_ kind: VariableKind) -> Int {
        switch kind {
        case .parameter: return 0
        case .parameterCopy: return 1
        case .initialState, .state: return 2
        case .preActivation: return 3
        case .output: return 4
        case .prediction: return 5
        case .stepLoss: return 6
        case .input, .target: return 7
        case .loss: return 8
        }
    }

    /// The closed form of `∂child/∂parent` by the scalar rules, or `nil` when
    /// none exists (the derivative of a cross-entropy by its class index).
    func closed(_ child: NodeID, _ parent: NodeID) -> Formula? {
        // An edge whose equation uses an operation without a closed-form rule (a transpose, a sum of
        // entries; a stack in scalars) keeps its symbolic partial rather than a partly closed one.
        guard let definition = graph[child].definition, Self.hasClosedForm(definition) else { return nil }
        return derivative(definition, parent, child: child, whole: true)
    }

    /// Whether every operation of `e` has a closed-form rule (``OperationEntry/hasClosedForm``:
    /// all but a transpose and a sum of entries; a stack only in a vector layout) and every number
    /// is finite (`0.5`, printed as written).
    static func hasClosedForm(_ e: Expression) -> Bool {
        if case .constant(let c) = e { return c.isFinite }
        if let call = e.call, !call.entry.hasClosedForm { return false }
        return e.children.allSatisfy(hasClosedForm)
    }

    private func depends(_ e: Expression, on p: NodeID) -> Bool { e.references.contains(p) }

    /// `∂e/∂p` by the scalar rules; `whole` says `e` is the child's entire definition.
    private func derivative(_ e: Expression, _ p: NodeID, child: NodeID, whole: Bool) -> Formula? {
        guard depends(e, on: p) else { return .zero }
        func d(_ x: Expression) -> Formula? { derivative(x, p, child: child, whole: false) }
        if let slopes = slopes(e, child: child, whole: whole, hadamard: false) {
            // Element-wise: Σ_k slope_k · ∂x_k, each slope as the operation states it.
            var parts: [Formula] = []
            for (k, x) in e.children.enumerated() {
                guard let dx = d(x) else { return nil }
                parts.append(Formula.multiply([slopes[k], dx]))
            }
            return Formula.add(parts)
        }
        // One of the three switches over the cases outside the catalogue and its walker: the
        // partials that are not one slope per argument (products, sums, negation, softmax, the
        // losses, means, a vector rule's Jacobian) are written here by the scalar rules, each case
        // beside its counterparts in VectorPartials, until the entries state them.
        switch e {
        case .constant:
            return .zero
        case .apply(.hadamard, let xs):
            // Scalars: the product rule.
            guard let da = d(xs[0]), let db = d(xs[1]) else { return nil }
            return Formula.add([Formula.multiply([da, value(xs[1])]), Formula.multiply([value(xs[0]), db])])
        case .apply(.negate, let xs):
            guard let da = d(xs[0]) else { return nil }
            return da == .zero ? .zero : .negation(da)
        case .apply(.catalogued(let operation), let xs):
            // Over a vector: J · ∂x.
            guard let dx = d(xs[0]) else { return nil }
            return Formula.multiply([operation.partial(argument: 0, xs.map(value)), dx])
        case .apply, .activation:
            return nil
        case .variable(let id):
            return id == p ? .one : .zero
        case .product(let a, let b):
            guard let da = d(a), let db = d(b) else { return nil }
            return Formula.add([Formula.multiply([da, value(b)]), Formula.multiply([value(a), db])])
        case .sum(let terms):
            var parts: [Formula] = []
            for term in terms {
                guard let dt = d(term) else { return nil }
                parts.append(dt)
            }
            return Formula.add(parts)
        case .softmax(let a):
            guard let da = d(a) else { return nil }
            let output: Formula = whole ? .variable(rename(child)) : .softmax(value(a))
            return Formula.multiply([.softmaxJacobian(output), da])
        case .squaredError(let y, let o):
            guard let dy = d(y), let dO = d(o) else { return nil }
            return Formula.add([Formula.multiply([.integer(2), .difference(value(o), value(y)), dO]),
                                Formula.multiply([.integer(2), .difference(value(y), value(o)), dy])])
        case .crossEntropy(let y, let prediction):
            if depends(y, on: p) { return nil }
            if case .softmax(let a) = prediction {
                guard let da = d(a) else { return nil }
                let yhat: Formula
                if case .variable(let o) = a {
                    yhat = .variable(IndexedVariable(symbol: Notation.prediction, time: rename(o).time))
                } else {
                    yhat = .softmax(value(a))
                }
                return Formula.multiply([.difference(yhat, .unitVector(value(y))), da])
            }
            guard let dp = d(prediction) else { return nil }
            return Formula.multiply([.negation(.quotient(.unitVector(value(y)), value(prediction))), dp])
        case .inner(let g, let h):
            guard let dg = d(g), let dh = d(h) else { return nil }
            return Formula.add([Formula.multiply([value(g), dh]), Formula.multiply([value(h), dg])])
        case .mean(let terms):
            var parts: [Formula] = []
            for term in terms {
                guard let dt = d(term) else { return nil }
                parts.append(dt)
            }
            return Formula.multiply([.reciprocal(count(terms.count)), Formula.add(parts)])
        }
    }
}

/// Memoized argument lists of one graph's variables, filled while terms are produced.
final class ArgumentCache: @unchecked Sendable {
    private var lists: [NodeID: [PartialArgument]] = [:]
    private let lock = NSLock()

    /// The list stored for `child`, if any.
    func lookup(_ child: NodeID) -> [PartialArgument]? {
        lock.lock()
        defer { lock.unlock() }
        return lists[child]
    }

    /// Stores the list of `child`.
    func store(_ list: [PartialArgument], for child: NodeID) {
        lock.lock()
        defer { lock.unlock() }
        lists[child] = list
    }
}
