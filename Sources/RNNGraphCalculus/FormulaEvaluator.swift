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
        case .number(let x): return x
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
        case .product(let factors) where factors.contains(where: \.isBlockValued):
            // Block rows, Jacobians and columns multiply as matrices, down to one number.
            let blocks = try factors.reduce([[Double]]?.none) { try Self.times($0, blockValue($1, bindings, recursions)) }
            guard let blocks else { return 1 }
            guard blocks.count == 1, blocks[0].count == 1 else {
                throw RNNGraphError.input("a product of blocks that is not one number")
            }
            return blocks[0][0]
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
        case .operation(let operation, let part, let arguments):
            return operation.scalar(part, try arguments.map(eval))
        case .blocks:
            throw RNNGraphError.input("a matrix of blocks has no single value; evaluate the product it stands in")
        case .stacked, .blockSelection:
            throw RNNGraphError.input("a stack of values is a vector; evaluate it with matrices, not scalars")
        case .oneMinusSquare(let a):
            let x = try eval(a)
            return 1 - x * x
        case .diag(let a), .transpose(let a): return try eval(a)
        case .hadamard(let a, let b): return try eval(a) * eval(b)
        case .ones, .unitVector, .identity: return 1
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

    /// The blocks of a block-valued formula (any other formula is one block), `nil` for an empty Π.
    private func blockValue(_ formula: Formula, _ bindings: [String: Int], _ recursions: Recursions) throws -> [[Double]]? {
        switch formula {
        case .blocks(let b):
            return try b.blocks.map { try $0.map { try evaluate($0, bindings: bindings, recursions) } }
        case .indexedProduct(let i, let from, let to, let body), .ascendingProduct(let i, let from, let to, let body):
            guard let a = from.value(length: length, bindings: bindings), let b = to.value(length: length, bindings: bindings)
            else { throw RNNGraphError.input("the bounds of Π_\(i) are not bound") }
            guard a <= b else { return nil }
            var order = Array(a...b)
            if case .indexedProduct = formula { order.reverse() }
            var total: [[Double]]?
            for k in order {
                var inner = bindings
                inner[i] = k
                total = try Self.times(total, blockValue(body, inner, recursions))
            }
            return total
        default:
            return [[try evaluate(formula, bindings: bindings, recursions)]]
        }
    }

    /// The matrix product `x y`, `nil` standing for an identity.
    private static func times(_ x: [[Double]]?, _ y: [[Double]]?) throws -> [[Double]]? {
        guard let x else { return y }
        guard let y else { return x }
        guard x.allSatisfy({ $0.count == y.count }) else { throw RNNGraphError.input("blocks that do not multiply") }
        let columns = y.first?.count ?? 0
        return x.map { row in (0..<columns).map { c in row.indices.reduce(0) { $0 + row[$1] * y[$1][c] } } }
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
