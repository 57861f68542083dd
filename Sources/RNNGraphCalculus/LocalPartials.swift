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

    /// Whether every operation of `e` has a closed-form rule: the element-wise product `⊙`,
    /// negation, `exp`, `log`, integer powers, stacks `[a; b]` (in a vector layout) and constants
    /// (`0.5`, printed as written) besides the expressions of the model language.
    static func hasClosedForm(_ e: Expression) -> Bool {
        switch e {
        case .variable: return true
        case .constant(let c): return c.isFinite
        case .apply(let operation, let xs):
            switch operation {
            case .hadamard, .negate, .exp, .log, .power, .stack, .catalogued: return xs.allSatisfy(hasClosedForm)
            case .transpose, .entrySum: return false
            }
        case .product(let a, let b), .squaredError(let a, let b), .crossEntropy(let a, let b), .inner(let a, let b):
            return hasClosedForm(a) && hasClosedForm(b)
        case .sum(let xs), .mean(let xs): return xs.allSatisfy(hasClosedForm)
        case .activation(_, let a), .softmax(let a): return hasClosedForm(a)
        }
    }

    /// The value of an expression as a formula.
    func value(_ e: Expression) -> Formula {
        switch e {
        case .variable(let id): return .variable(rename(id))
        case .product(let a, let b): return Formula.multiply([value(a), value(b)])
        case .sum(let terms): return Formula.add(terms.map(value))
        case .activation(let f, let a): return .activation(f, value(a))
        case .softmax(let a): return .softmax(value(a))
        case .squaredError(let y, let o):
            return .product([.difference(value(y), value(o)), .difference(value(y), value(o))])
        case .crossEntropy(let y, let p): return .negation(.product([value(y), value(p)]))
        case .inner(let g, let h): return Formula.multiply([.transpose(value(g)), value(h)])
        case .mean(let terms): return Formula.multiply([.reciprocal(count(terms.count)), Formula.add(terms.map(value))])
        case .constant(let c): return Formula.constant(c)
        case .apply(.hadamard, let xs):
            // A number scales: `0.25 h_t`, not `h_t ⊙ 0.25`.
            if isNumber(xs[1]), !isNumber(xs[0]) { return Formula.multiply([value(xs[1]), value(xs[0])]) }
            if isNumber(xs[0]) { return Formula.multiply([value(xs[0]), value(xs[1])]) }
            return .hadamard(value(xs[0]), value(xs[1]))
        case .apply(.negate, let xs): return .negation(value(xs[0]))
        case .apply(.exp, let xs): return .elementwise(.exp, value(xs[0]))
        case .apply(.log, let xs): return .elementwise(.log, value(xs[0]))
        case .apply(.power(let k), let xs): return .elementwise(.power(k), value(xs[0]))
        case .apply(.stack, let xs): return .stacked(xs.map(value))
        case .apply(.catalogued(let operation), let xs): return .operation(operation, .value, xs.map(value))
        case .apply: preconditionFailure("closed forms are built only where hasClosedForm holds")
        }
    }

    private func depends(_ e: Expression, on p: NodeID) -> Bool { e.references.contains(p) }

    /// `∂e/∂p` by the scalar rules; `whole` says `e` is the child's entire definition.
    private func derivative(_ e: Expression, _ p: NodeID, child: NodeID, whole: Bool) -> Formula? {
        guard depends(e, on: p) else { return .zero }
        func d(_ x: Expression) -> Formula? { derivative(x, p, child: child, whole: false) }
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
            // Element-wise: Σ_k slope_k · ∂x_k; over a vector: J · ∂x.
            var parts: [Formula] = []
            for (k, x) in xs.enumerated() {
                guard let dx = d(x) else { return nil }
                parts.append(Formula.multiply([operation.partial(argument: k, xs.map(value)), dx]))
            }
            return Formula.add(parts)
        case .apply(let f, let xs) where Self.elementwiseSlope(f, value(xs[0]), output: nil) != nil:
            guard let da = d(xs[0]), let slope = Self.elementwiseSlope(
                f, value(xs[0]), output: whole ? .variable(rename(child)) : nil) else { return nil }
            return Formula.multiply([slope, da])
        case .apply:
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
        case .activation(let f, let a):
            guard let da = d(a) else { return nil }
            let output: Formula = whole ? .variable(rename(child)) : .activation(f, value(a))
            let slope: Formula
            switch f {
            case .relu: slope = .indicator(whole ? output : value(a))
            case .tanh: slope = .oneMinusSquare(output)
            case .sigmoid: slope = .product([output, .difference(.one, output)])
            case .identity: slope = .one
            }
            return Formula.multiply([slope, da])
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
            switch prediction {
            case .softmax(let a):
                guard let da = d(a) else { return nil }
                let yhat: Formula
                if case .variable(let o) = a {
                    yhat = .variable(IndexedVariable(symbol: Notation.prediction, time: rename(o).time))
                } else {
                    yhat = .softmax(value(a))
                }
                return Formula.multiply([.difference(yhat, .unitVector(value(y))), da])
            default:
                guard let dp = d(prediction) else { return nil }
                return Formula.multiply([.negation(.quotient(.unitVector(value(y)), value(prediction))), dp])
            }
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

extension LocalPartials {
    /// The slope `f'(a)` of an element-wise operation at argument `a`, written through the
    /// operation's output where that is shorter (`exp(a)` is the output); `nil` for an
    /// operation that is not element-wise with a closed-form slope.
    static func elementwiseSlope(_ f: Operation, _ a: Formula, output: Formula?) -> Formula? {
        switch f {
        case .exp: return output ?? .elementwise(.exp, a)
        case .log: return .elementwise(.reciprocal, a)
        case .power(let k):
            let lower: Formula = k - 1 == 1 ? a : k - 1 == 0 ? .one : .elementwise(.power(k - 1), a)
            return Formula.multiply([.integer(k), lower])
        case .hadamard, .negate, .transpose, .stack, .entrySum, .catalogued: return nil
        }
    }
}

