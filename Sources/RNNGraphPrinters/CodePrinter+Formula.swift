import RNNGraphCalculus
import RNNGraphCore
import RNNGraphPaths

/// Chain-rule formulas as Python: each printed bare or in parentheses by its place and the
/// `Precedence` table. Vectors are 2-D arrays (columns `(n, 1)`, rows `(batch, n)`), so a
/// matrix product is `@`, `diag(v) g` is `v * g`, `𝟏^⊤ G` sums the rows of `G`.
extension CodePrinter {
    /// The precedence of a formula's outermost Python operation.
    private func precedence(_ f: Formula) -> Precedence {
        switch f {
        case .sum, .difference, .oneMinusSquare, .operation: return .additive
        case .negation: return .signed
        case .hadamard, .product, .quotient, .indexedSum, .reciprocal, .elementwise(.reciprocal, _): return .multiplicative
        case .integer(let n) where n < 0: return .signed
        case .elementwise(.power, _): return .application
        default: return .atom
        }
    }

    /// `f` as a Python expression, with `δ` of state label `s` named by `deltaName(s)`.
    func python(_ f: Formula, _ context: PrintContext, _ deltaName: (Symbol?) throws -> String) throws -> String {
        let body = try bare(f, deltaName)
        return precedence(f) < context.least ? "(\(body))" : body
    }

    private func bare(_ f: Formula, _ deltaName: (Symbol?) throws -> String) throws -> String {
        func p(_ x: Formula, _ c: PrintContext) throws -> String { try python(x, c, deltaName) }
        switch f {
        case .integer(let n): return String(n)
        case .number(let x): return "\(x)"
        case .reciprocal(let n): return "1 / \(Self.index(n, parenthesized: true))"
        case .variable(let v): return try variable(v)
        case .sum(let terms):
            var out = ""
            for (k, term) in terms.enumerated() {
                if k > 0, case .negation(let inner) = term { out += " - " + (try p(inner, .operand)); continue }
                out += (k > 0 ? " + " : "") + (try p(term, .term))
            }
            return out
        case .product(let factors): return try product(factors, deltaName)
        case .indexedSum(let i, let from, let to, let body):
            return "sum(\(try p(body, .top)) for \(i) in range(\(Self.index(from)), \(Self.index(to.shifted(by: 1)))))"
        case .difference(let a, .unitVector(let y)): return "\(try p(a, .term)) - one_hot(\(try p(y, .top)), \(try p(a, .top)))"
        case .difference(let a, let b): return "\(try p(a, .term)) - \(try p(b, .operand))"
        case .negation(let a): return "-\(try p(a, .operand))"
        case .quotient(let a, let b): return "\(try p(a, .factor)) / \(try p(b, .operand))"
        case .hadamard(let a, let b): return "\(try p(a, .factor)) * \(try p(b, .operand))"
        case .activation(let fn, let a):
            switch fn {
            case .sigmoid: return "sigmoid(\(try p(a, .top)))"
            case .tanh: return "\(target.module).tanh(\(try p(a, .top)))"
            case .relu: return "relu(\(try p(a, .top)))"
            case .identity: return try p(a, .operand)
            }
        case .softmax(let a): return "softmax(\(try p(a, .top)))"
        case .indicator(let a): return "step(\(try p(a, .top)))"
        case .oneMinusSquare(let a): return "1 - \(try p(a, .operand)) ** 2"
        case .elementwise(.exp, let a): return "\(target.module).exp(\(try p(a, .top)))"
        case .elementwise(.log, let a): return "\(target.module).log(\(try p(a, .top)))"
        case .elementwise(.reciprocal, let a): return "1 / \(try p(a, .operand))"
        case .elementwise(.power(let k), let a): return "\(try p(a, .operand)) ** \(k)"
        case .transpose(let a): return "\(try p(a, .operand)).T"
        case .softmaxJacobian(let a): return "softmax_jacobian(\(try p(a, .top)))"
        case .delta(let t, let state): return "\(try deltaName(state))[\(Self.index(t))]"
        case .diag(let a): return "diag(\(try p(a, .top)))"
        case .partial, .indexedProduct, .ascendingProduct, .blocks:
            throw RNNGraphError.usage("the recursive form is not closed (it holds a product over steps or a partial); "
                                      + "no code is printed for it")
        case .operation(let operation, let part, let arguments):
            return try self.operation(operation, part, bare: arguments.map { try p($0, .top) },
                                      operands: arguments.map { try p($0, .operand) })
        case .stacked(let parts): return try stacked(parts.map { try p($0, .top) })
        case .ones, .identity, .unitVector, .blockSelection:
            throw RNNGraphError.usage("code for \(Self.describe(f)) is not printed yet; use the LaTeX forms for this model")
        }
    }

    /// A matrix product, folded from the right: `diag(v) g` becomes `v * g`, `𝟏^⊤ G` the sum of
    /// `G`'s rows, `G 𝟏` the sum of its columns, `G diag(v)` becomes `G * v.T`, numbers scale.
    private func product(_ factors: [Formula], _ deltaName: (Symbol?) throws -> String) throws -> String {
        func p(_ x: Formula, _ c: PrintContext) throws -> String { try python(x, c, deltaName) }
        // Numbers commute with every product: they scale it from the front.
        let numbers = self.numbers
        let isNumber = { (f: Formula) -> Bool in
            switch f {
            case .integer, .number, .reciprocal: return true
            case .variable(let v): return numbers.contains(Self.identifier(v.symbol))
            default: return false
            }
        }
        let scales = factors.filter(isNumber)
        if !scales.isEmpty && scales.count < factors.count {
            let rest = factors.filter { !isNumber($0) }
            let scaled = rest.count == 1 ? try p(rest[0], .factor) : try product(rest, deltaName)
            return try (scales.map { try p($0, .operand) } + [scaled]).joined(separator: " * ")
        }
        var rest = factors
        guard let last = rest.popLast() else { return "1" }
        var text: String
        var isProduct = false
        switch last {
        case .diag(let v) where !rest.isEmpty:
            text = "\(try product(rest, deltaName)) * \(try p(v, .operand)).T"
            return text
        case .ones where !rest.isEmpty:
            return "\(try p(.product(rest), .operand)).sum(\(target.axis(1)))"
        default:
            text = try p(last, .operand)
        }
        var untouched = true
        for factor in rest.reversed() {
            let right = isProduct ? "(\(text))" : text
            let fresh = untouched
            untouched = false
            switch factor {
            case .diag(let v): text = "\(try p(v, .operand)) * \(right)"
            case .integer, .number, .reciprocal: text = "\(try p(factor, .operand)) * \(right)"
            case .operation(let operation, .jacobian, let arguments) where operation.jacobianProductCode != nil:
                try columnsOnly()
                let gradient = fresh ? try p(last, .top) : text
                text = OperationTemplate.fill(operation.jacobianProductCode!, try arguments.map { try p($0, .top) } + [gradient])
                isProduct = false
                continue
            case .blockSelection(let part, let parts):
                text = "\(isProduct ? right : text)[\(try rows(part, parts, deltaName))]"; isProduct = false; continue
            case .transpose(.ones): text = "\(isProduct ? right : text).sum(\(target.axis(0)))"; isProduct = false; continue
            default: text = "\(try p(factor, .operand)) @ \(right)"
            }
            isProduct = true
        }
        return text
    }

    /// Values stacked into one column: `np.concatenate([a, b])`.
    /// - Throws: `RNNGraphError/usage(_:)` in the rows layout.
    func stacked(_ parts: [String]) throws -> String {
        try columnsOnly()
        return "\(target == .numpy ? "np.concatenate" : "torch.cat")([\(parts.joined(separator: ", "))])"
    }

    /// The slice of a stack's rows that holds part `part`: `a.shape[0]:a.shape[0] + b.shape[0]`.
    private func rows(_ part: Int, _ parts: [Formula], _ deltaName: (Symbol?) throws -> String) throws -> String {
        try columnsOnly()
        let sizes = try parts.map { "\(try python($0, .operand, deltaName)).shape[0]" }
        let start = sizes[..<part].joined(separator: " + "), stop = sizes[...part].joined(separator: " + ")
        return "\(start):\(stop)"
    }

    /// Refuses a concatenation in the rows layout, where its code form is not written.
    private func columnsOnly() throws {
        guard layout == .columns else {
            throw RNNGraphError.usage("code for a concatenation is printed for column vectors only; "
                                      + "write the model in the columns layout")
        }
    }

    /// What a formula the code printer has no form for is, for a message.
    private static func describe(_ f: Formula) -> String {
        switch f {
        case .blockSelection: return "a concatenation's transposed Jacobian outside a product"
        case .unitVector: return "a one-hot vector outside a difference"
        default: return "a vector of ones outside a product"
        }
    }

    /// A step index in Python: `t - 1`, `N`, `3`.
    static func index(_ e: IndexExpression, parenthesized: Bool = false) -> String {
        let head: String
        switch e.base {
        case .constant: return String(e.offset)
        case .length: head = "N"
        case .index(let name): head = name
        }
        if e.offset == 0 { return head }
        let text = e.offset > 0 ? "\(head) + \(e.offset)" : "\(head) - \(-e.offset)"
        return parenthesized ? "(\(text))" : text
    }
}

extension CataloguedOperation {
    /// A vector operation's Jacobian times a gradient in generated Python, `nil` when it has none.
    var jacobianProductCode: String? {
        if case .vector(let rule) = rule { return rule.jacobianProductCode }
        return nil
    }
}
