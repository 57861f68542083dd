import RNNGraphCore
import RNNGraphPaths

/// A model's equations as Python, on the `Precedence` table: `x[t] @ Wx + h[t - 1] @ Wh + b`.
extension CodePrinter {
    /// The precedence of an expression's outermost Python operation.
    private static func precedence(_ e: Expression) -> Precedence {
        switch e {
        case .sum: return .additive
        case .apply(.negate, _): return .signed
        case .constant(let c): return c < 0 ? .signed : .atom
        case .product, .apply(.hadamard, _): return .multiplicative
        case .apply(.power, _): return .application
        case .apply(.catalogued, _): return .additive
        default: return .atom
        }
    }

    /// `e` as Python, each variable written by `name`.
    func python(_ e: Expression, _ name: (NodeID) throws -> String) throws -> String {
        func sub(_ x: Expression) throws -> String { try python(x, name) }
        func placed(_ x: Expression, _ least: Precedence) throws -> String {
            Self.precedence(x) < least ? "(\(try sub(x)))" : try sub(x)
        }
        let np = target.module
        switch e {
        case .variable(let id): return try name(id)
        case .constant(let c): return c == c.rounded() && abs(c) < 1e15 ? String(Int(c)) : String(c)
        case .product(let a, let b):
            let scalar = { (x: Expression) -> Bool in if case .constant = x { return true } else { return false } }
            let op = scalar(a) || scalar(b) ? "*" : "@"
            return "\(try placed(a, .multiplicative)) \(op) \(try placed(b, .application))"
        case .sum(let terms):
            var text = ""
            for (k, term) in terms.enumerated() {
                if k > 0, case .apply(.negate, let negated) = term {
                    text += " - " + (try placed(negated[0], .application))
                } else {
                    text += (k > 0 ? " + " : "") + (try sub(term))
                }
            }
            return text
        case .activation(let f, let a):
            switch f {
            case .sigmoid: return "sigmoid(\(try sub(a)))"
            case .tanh: return "\(np).tanh(\(try sub(a)))"
            case .relu: return "relu(\(try sub(a)))"
            case .identity: return try sub(a)
            }
        case .softmax(let a): return "softmax(\(try sub(a)))"
        case .squaredError(let y, let o): return "((\(try sub(y)) - \(try placed(o, .signed))) ** 2).sum()"
        case .crossEntropy(let y, let p): return "cross_entropy(\(try sub(y)), \(try sub(p)))"
        case .inner(let g, let h): return "(\(try placed(g, .multiplicative)) * \(try placed(h, .application))).sum()"
        case .mean(let terms): return "(\(try terms.map(sub).joined(separator: " + "))) / \(terms.count)"
        case .apply(let operation, let x):
            switch operation {
            case .hadamard: return "\(try placed(x[0], .multiplicative)) * \(try placed(x[1], .application))"
            case .negate: return "-\(try placed(x[0], .application))"
            case .power(let k): return "\(try placed(x[0], .atom)) ** \(k)"
            case .transpose: return "\(try placed(x[0], .atom)).T"
            case .exp: return "\(np).exp(\(try sub(x[0])))"
            case .log: return "\(np).log(\(try sub(x[0])))"
            case .entrySum: return "\(try placed(x[0], .atom)).sum()"
            case .catalogued(let operation):
                return try self.operation(operation, .value, bare: x.map(sub), operands: x.map { try placed($0, .atom) })
            case .stack:
                return try stacked(x.map(sub))
            }
        }
    }
}
