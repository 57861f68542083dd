import RNNGraphCalculus
import RNNGraphCore
import RNNGraphPaths

/// Width estimates, in em, by which displays are broken into lines.
extension LaTeXPrinter {
    /// A rough width of the printed formula, in em, used to break lines.
    public func width(_ f: Formula) -> Double {
        func v(_ x: IndexedVariable) -> Double { 1.0 + (x.time.map { 0.45 * Double(index($0).count) } ?? 0) }
        switch f {
        case .integer(let n): return 0.55 * Double(String(n).count)
        case .number(let x): return 0.55 * Double(Formula.decimal(x).mantissa.count + (Formula.decimal(x).exponent == nil ? 0 : 5))
        case .reciprocal: return 1.2
        case .variable(let x): return v(x)
        case .partial(let of, let wrt, let arguments):
            var top = v(of) + 0.6
            if settings.arguments && !arguments.isEmpty {
                top += 1.0 + arguments.reduce(0) { total, a in
                    switch a {
                    case .single(let x): return total + v(x) + 0.5
                    case .run(let x, let y): return total + v(x) + v(y) + 2.5
                    }
                }
            }
            return max(top, v(wrt) + 0.6) + 0.4
        case .sum(let terms): return terms.reduce(0) { $0 + width($1) } + 1.6 * Double(terms.count - 1) + 1
        case .product(let factors): return factors.reduce(0) { $0 + width($1) + 0.3 } + 1
        case .indexedSum(_, let from, let to, let body), .indexedProduct(_, let from, let to, let body),
             .ascendingProduct(_, let from, let to, let body):
            return (body.isBlockValued ? 2 : width(body)) + max(1.6, 0.4 * Double(index(from).count + index(to).count + 2)) + 1.2
        case .difference(let a, let b): return width(a) + width(b) + 2.4
        case .negation(let a): return width(a) + 1
        case .quotient(let a, let b): return max(width(a), width(b)) + 0.4
        case .activation(_, let a), .softmax(let a), .indicator(let a), .diag(let a): return width(a) + 3.5
        case .oneMinusSquare(let a): return width(a) + 3
        case .stacked(let parts): return (parts.map(width).max() ?? 0) + 1.5
        case .blockSelection(_, let parts): return 1.5 * Double(parts.count) + 1
        case .elementwise(.reciprocal, let a): return width(a) + 0.4
        case .elementwise(.power, let a): return width(a) + 0.8
        case .elementwise(_, let a): return width(a) + 3
        case .operation(let operation, _, let arguments):
            return arguments.reduce(0.4 * Double(operation.name.count) + 1.5) { $0 + width($1) + 0.5 }
        case .transpose(let a): return width(a) + 0.8
        case .hadamard(let a, let b): return width(a) + width(b) + 1.8
        case .ones, .identity: return 0.8
        case .unitVector(let a): return 0.7 * width(a) + 1
        case .softmaxJacobian(let a): return 3 * width(a) + 6
        case .delta: return 1.6
        case .blocks(let b):
            let columns = b.columns.indices.map { c in b.blocks.map { width($0[c]) }.max() ?? 0 }
            return columns.reduce(1.5) { $0 + $1 + 1 }
        }
    }
}
