import RNNGraphCore
import RNNGraphPaths

/// Evaluates formulas at numbers: every variable's value comes from a
/// lookup, every index is bound by the enclosing Σ and Π, and `δ` follows
/// its recursion. Symbolic partials have no value: evaluate formulas built
/// with ``LocalForm/closed``.
public struct FormulaEvaluator {
    /// The sequence length `N`.
    public let length: Int
    /// The value of a variable, by ASCII symbol and concrete time.
    public let value: (String, Int?) -> Double?

    /// An evaluator for length `length` reading variables from `value`.
    public init(length: Int, value: @escaping (String, Int?) -> Double?) {
        self.length = length
        self.value = value
    }

    /// The recursions `δ` is read from, with the values of `δ` found so far.
    private final class Recursions {
        let formula: RecursiveFormula?
        var known: [String: Double] = [:]
        init(_ formula: RecursiveFormula?) { self.formula = formula }
    }

    /// The value of `formula` with the given index values (and `δ` from the recursions of `recursive`, if any).
    public func evaluate(_ formula: Formula, bindings: [String: Int] = [:],
                         recursive: RecursiveFormula? = nil) throws -> Double {
        try evaluate(formula, bindings: bindings, Recursions(recursive))
    }

    private func evaluate(_ formula: Formula, bindings: [String: Int], _ recursions: Recursions) throws -> Double {
        func index(_ e: IndexExpression) throws -> Int {
            guard let v = e.value(length: length, bindings: bindings) else {
                throw RNNGraphError.input("index \(e) is not bound")
            }
            return v
        }
        func eval(_ f: Formula) throws -> Double { try evaluate(f, bindings: bindings, recursions) }
        switch formula {
        case .integer(let n): return Double(n)
        case .reciprocal(let n): return 1 / Double(try index(n))
        case .variable(let v):
            let time = try v.time.map(index)
            guard let x = value(v.symbol.ascii, time) else {
                throw RNNGraphError.input("no value for \(v.symbol.ascii)\(time.map { "_\($0)" } ?? "")")
            }
            return x
        case .partial(let of, let wrt, _):
            throw RNNGraphError.input(
                "∂\(of.symbol.ascii)/∂\(wrt.symbol.ascii) is symbolic; evaluate a formula with closed local partials")
        case .sum(let terms): return try terms.reduce(0) { try $0 + eval($1) }
        case .product(let factors): return try factors.reduce(1) { try $0 * eval($1) }
        case .indexedSum(let i, let from, let to, let body):
            let (a, b) = (try index(from), try index(to))
            guard a <= b else { return 0 }
            var total = 0.0
            for k in a...b {
                var inner = bindings
                inner[i] = k
                total += try evaluate(body, bindings: inner, recursions)
            }
            return total
        case .indexedProduct(let i, let from, let to, let body), .ascendingProduct(let i, let from, let to, let body):
            let (a, b) = (try index(from), try index(to))
            guard a <= b else { return 1 }
            var total = 1.0
            for k in stride(from: b, through: a, by: -1) {
                var inner = bindings
                inner[i] = k
                total *= try evaluate(body, bindings: inner, recursions)
            }
            return total
        case .difference(let a, let b): return try eval(a) - eval(b)
        case .negation(let a): return -(try eval(a))
        case .quotient(let a, let b): return try eval(a) / eval(b)
        case .activation(let f, let a): return f(try eval(a))
        case .softmax: return 1
        case .indicator(let a): return try eval(a) > 0 ? 1 : 0
        case .elementwise(let f, let a): return f(try eval(a))
        case .stacked, .blockSelection:
            throw RNNGraphError.input("a stack of values is a vector; evaluate it with matrices, not scalars")
        case .oneMinusSquare(let a):
            let x = try eval(a)
            return 1 - x * x
        case .diag(let a), .transpose(let a): return try eval(a)
        case .hadamard(let a, let b): return try eval(a) * eval(b)
        case .ones, .unitVector: return 1
        case .softmaxJacobian(let a):
            let y = try eval(a)
            return y - y * y
        case .delta(let t, let state):
            guard let delta = recursions.formula?.delta(for: state) else {
                throw RNNGraphError.input("δ appears without its recursion")
            }
            return try deltaValue(at: try index(t), delta, recursions)
        }
    }

    /// `δ` at time `t` by the case of its recursion that holds there, each found once.
    private func deltaValue(at t: Int, _ delta: RecursiveFormula.Delta, _ recursions: Recursions) throws -> Double {
        let key = "\(delta.variable.symbol.ascii)|\(t)"
        if let known = recursions.known[key] { return known }
        guard let c = delta.cases.first(where: { $0.contains(t, length: length) }) else {
            throw RNNGraphError.input("δ of \(delta.variable.symbol.ascii) has no case at step \(t)")
        }
        let value = try evaluate(c.formula, bindings: c.isSingleStep ? [:] : [delta.index: t], recursions)
        recursions.known[key] = value
        return value
    }

    /// The value of a recursive form: its result with each `δ` from its recursion.
    public func evaluate(_ recursive: RecursiveFormula) throws -> Double {
        try evaluate(recursive.result, recursive: recursive)
    }
}
