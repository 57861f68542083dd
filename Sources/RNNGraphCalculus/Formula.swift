import Foundation
import RNNGraphCore
import RNNGraphPaths

/// A formula of the chain rule as data: sums, products, partial derivatives,
/// indexed Σ and Π over symbolic time indices, and the closed-form pieces of
/// local derivatives.
///
/// Formulas are built by ``Derivation`` and read by printers
/// (`LaTeXPrinter`) and by ``FormulaEvaluator``; no formula ever holds
/// output text.
public indirect enum Formula: Hashable, Sendable {
    /// An integer constant.
    case integer(Int)
    /// A constant that is not whole, as the model writes it (`0.5` in `0.5 * tanh(…)`).
    case number(Double)
    /// `1/n` for a count given by an index expression (the mean over steps).
    case reciprocal(IndexExpression)
    /// The value of a variable.
    case variable(IndexedVariable)
    /// The partial derivative of `of` with respect to `wrt`, with `of`'s direct arguments.
    case partial(of: IndexedVariable, wrt: IndexedVariable, arguments: [PartialArgument])
    /// A sum of terms.
    case sum([Formula])
    /// A product of factors, multiplied in order (matrix order for vectors).
    case product([Formula])
    /// `Σ_{index=from}^{to} body`.
    case indexedSum(index: String, from: IndexExpression, to: IndexExpression, body: Formula)
    /// `Π_{index=from}^{to} body`, multiplied from `to` down to `from` (the order of the chain rule).
    case indexedProduct(index: String, from: IndexExpression, to: IndexExpression, body: Formula)
    /// `Π_{index=from}^{to} body`, multiplied from `from` up to `to` (transposed Jacobians in a vector layout).
    case ascendingProduct(index: String, from: IndexExpression, to: IndexExpression, body: Formula)
    /// `left − right`.
    case difference(Formula, Formula)
    /// `−value`.
    case negation(Formula)
    /// `numerator / denominator` (element-wise for vectors).
    case quotient(Formula, Formula)
    /// An activation applied to an argument, `σ(·)`.
    case activation(Activation, Formula)
    /// Softmax of an argument.
    case softmax(Formula)
    /// The indicator `𝟙[argument > 0]` (ReLU's derivative).
    case indicator(Formula)
    /// `1 − value²` (tanh's derivative written through its output).
    case oneMinusSquare(Formula)
    /// A diagonal matrix with the entries of a vector.
    case diag(Formula)
    /// The transpose of a matrix or vector.
    case transpose(Formula)
    /// The element-wise product `left ⊙ right`.
    case hadamard(Formula, Formula)
    /// The vector of ones `𝟏` whose size the product it stands in gives (`𝟏^⊤ G` sums the rows of `G`).
    case ones
    /// The identity matrix `I` of the size the product or sum it stands in gives (a skip connection's `I + …`).
    case identity
    /// The one-hot vector `e_y` of a class index `y`, shaped like the vectors it is combined with.
    case unitVector(Formula)
    /// The Jacobian of softmax through its output `ŷ`: `diag(ŷ) − ŷ ŷ^⊤`.
    case softmaxJacobian(Formula)
    /// Values stacked into one column (`[a; b]`).
    case stacked([Formula])
    /// The block row `[0 … I … 0]` that picks, from a stack of `parts`, the rows of part `part`
    /// (0-based): a concatenation's transposed Jacobian for that part.
    case blockSelection(part: Int, parts: [Formula])
    /// An element-wise function of a value: `exp(a)`, `log(a)`, `1/a` or `a^k`.
    case elementwise(ElementwiseFunction, Formula)
    /// A catalogued operation's value, slope by one argument or Jacobian at the arguments' values.
    case operation(CataloguedOperation, OperationPart, [Formula])
    /// The backpropagated total derivative `δ` at a time (recursive form): of the state named
    /// `state` when the recursion has several (`δ^c_t`), `nil` when it has one.
    case delta(IndexExpression, state: Symbol?)
    /// A matrix of blocks: the Jacobian of a stacked state by the one before it, or a row or
    /// column of one (compact and merged forms of a recurrence with several states).
    case blocks(BlockMatrix)

    /// The constant 0.
    public static let zero = Formula.integer(0)
    /// The constant 1.
    public static let one = Formula.integer(1)

    /// A product with nested products flattened, factors 1 (and 1/1) dropped, any factor 0 giving 0,
    /// and factors −1 and negations taken out as one sign in front.
    public static func multiply(_ factors: [Formula]) -> Formula {
        var flat: [Formula] = []
        var negative = false
        func add(_ factor: Formula) -> Bool {
            switch factor {
            case .integer(0): return false
            case .integer(1): break
            case .reciprocal(let n) where n.base == .constant && n.offset == 1: break  // a mean over one step
            case .integer(-1): negative.toggle()
            case .negation(let inner): negative.toggle(); return add(inner)
            case .product(let inner): for f in inner where !add(f) { return false }
            default: flat.append(factor)
            }
            return true
        }
        for factor in factors where !add(factor) { return .zero }
        let product: Formula = flat.isEmpty ? .one : flat.count == 1 ? flat[0] : .product(flat)
        return negative ? negated(product) : product
    }

    /// A constant of the model: an integer when whole, else a positive ``number(_:)`` or its negation.
    public static func constant(_ c: Double) -> Formula {
        if c == c.rounded(), abs(c) < 1e9 { return .integer(Int(c)) }
        return c < 0 ? .negation(.number(-c)) : .number(c)
    }

    /// A number as the shortest decimal that reads back as it (`0.5`), with its power of ten apart
    /// (`(mantissa: "2.5", exponent: -7)`) when it is written with one.
    public static func decimal(_ x: Double) -> (mantissa: String, exponent: Int?) {
        let text = "\(x)"
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return (text, nil) }
        return (String(text[..<e]), Int(text[text.index(after: e)...].replacingOccurrences(of: "+", with: "")))
    }

    /// `−value`, with `−0 = 0` and `−(−x) = x`.
    public static func negated(_ value: Formula) -> Formula {
        switch value {
        case .integer(let n): return .integer(-n)
        case .negation(let x): return x
        default: return .negation(value)
        }
    }

    /// A sum with nested sums flattened and zero terms dropped.
    public static func add(_ terms: [Formula]) -> Formula {
        var flat: [Formula] = []
        for term in terms {
            switch term {
            case .integer(0): continue
            case .sum(let inner): flat.append(contentsOf: inner)
            default: flat.append(term)
            }
        }
        if flat.isEmpty { return .zero }
        return flat.count == 1 ? flat[0] : .sum(flat)
    }

    /// The formula with index `name` replaced by `replacement` everywhere it is free.
    public func substituting(_ name: String, with replacement: IndexExpression) -> Formula {
        func sub(_ f: Formula) -> Formula { f.substituting(name, with: replacement) }
        func idx(_ e: IndexExpression) -> IndexExpression { e.substituting(name, with: replacement) }
        switch self {
        case .integer, .number: return self
        case .reciprocal(let n): return .reciprocal(idx(n))
        case .variable(let v): return .variable(v.substituting(name, with: replacement))
        case .partial(let of, let wrt, let arguments):
            return .partial(of: of.substituting(name, with: replacement), wrt: wrt.substituting(name, with: replacement),
                            arguments: arguments.map { $0.substituting(name, with: replacement) })
        case .sum(let terms): return .sum(terms.map(sub))
        case .product(let factors): return .product(factors.map(sub))
        case .indexedSum(let i, let from, let to, let body):
            return .indexedSum(index: i, from: idx(from), to: idx(to), body: i == name ? body : sub(body))
        case .indexedProduct(let i, let from, let to, let body):
            return .indexedProduct(index: i, from: idx(from), to: idx(to), body: i == name ? body : sub(body))
        case .ascendingProduct(let i, let from, let to, let body):
            return .ascendingProduct(index: i, from: idx(from), to: idx(to), body: i == name ? body : sub(body))
        case .difference(let a, let b): return .difference(sub(a), sub(b))
        case .negation(let a): return .negation(sub(a))
        case .quotient(let a, let b): return .quotient(sub(a), sub(b))
        case .activation(let f, let a): return .activation(f, sub(a))
        case .softmax(let a): return .softmax(sub(a))
        case .indicator(let a): return .indicator(sub(a))
        case .oneMinusSquare(let a): return .oneMinusSquare(sub(a))
        case .diag(let a): return .diag(sub(a))
        case .transpose(let a): return .transpose(sub(a))
        case .hadamard(let a, let b): return .hadamard(sub(a), sub(b))
        case .ones, .identity: return self
        case .unitVector(let a): return .unitVector(sub(a))
        case .softmaxJacobian(let a): return .softmaxJacobian(sub(a))
        case .elementwise(let f, let a): return .elementwise(f, sub(a))
        case .operation(let operation, let part, let arguments): return .operation(operation, part, arguments.map(sub))
        case .stacked(let parts): return .stacked(parts.map(sub))
        case .blockSelection(let k, let parts): return .blockSelection(part: k, parts: parts.map(sub))
        case .delta(let t, let state): return .delta(idx(t), state: state)
        case .blocks(let b): return .blocks(b.substituting(name, with: replacement))
        }
    }

    /// The terms of a top-level sum (a single term otherwise).
    public var terms: [Formula] {
        if case .sum(let terms) = self { return terms }
        if case .integer(0) = self { return [] }
        return [self]
    }
}

/// What a ``Formula/operation(_:_:_:)`` stands for.
public enum OperationPart: Hashable, Sendable {
    /// The operation's value.
    case value
    /// The element-wise slope by the argument at this position (0-based).
    case slope(Int)
    /// The Jacobian of a vector operation.
    case jacobian
}

/// A function applied to each entry of a value (``Formula/elementwise(_:_:)``).
public enum ElementwiseFunction: Hashable, Sendable {
    /// `exp(a)`.
    case exp
    /// `log(a)`, the natural logarithm.
    case log
    /// `1/a`.
    case reciprocal
    /// `a^k`.
    case power(Int)

    /// The function's value at `x`.
    public func callAsFunction(_ x: Double) -> Double {
        switch self {
        case .exp: return Foundation.exp(x)
        case .log: return Foundation.log(x)
        case .reciprocal: return 1 / x
        case .power(let k): return Foundation.pow(x, Double(k))
        }
    }
}
