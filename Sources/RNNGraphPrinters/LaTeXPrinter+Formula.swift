import RNNGraphCalculus
import RNNGraphCore
import RNNGraphPaths

/// Formulas: each printed bare or in parentheses by its place and the `Precedence` table.
extension LaTeXPrinter {
    /// The LaTeX of a formula.
    public func latex(_ f: Formula) -> String { print(f.inTextbookOrder(), .top) }

    private func needsParentheses(_ f: Formula, _ context: PrintContext) -> Bool {
        if context.endsProduct, case .indexedSum = f { return false }
        return f.precedence < context.least
    }

    func print(_ f: Formula, _ context: PrintContext) -> String {
        let body = bare(f)
        return needsParentheses(f, context) ? "\\left(\(body)\\right)" : body
    }

    private func bare(_ f: Formula) -> String {
        switch f {
        case .integer(let n): return String(n)
        case .number(let x):
            let d = Formula.decimal(x)
            return d.exponent.map { "\(d.mantissa) \\times 10^{\($0)}" } ?? d.mantissa
        case .reciprocal(let n): return "\\frac{1}{\(index(n))}"
        case .variable(let v): return variable(v)
        case .partial(let of, let wrt, let arguments): return partial(of: of, wrt: wrt, arguments: arguments)
        case .sum(let terms):
            var out = ""
            for (k, term) in terms.enumerated() {
                if k > 0 {
                    if case .negation(let inner) = term { out += " - " + print(inner, .term); continue }
                    out += " + "
                }
                out += print(term, .term)
            }
            return out
        case .product(let factors):
            return factors.enumerated().map { k, factor in
                print(factor, k == factors.count - 1 ? .lastFactor : .factor)
            }.joined(separator: " ")
        case .indexedSum(let i, let from, let to, let body):
            return "\\sum_{\(i)=\(index(from))}^{\(index(to))} \(print(body, .body))"
        case .indexedProduct, .ascendingProduct:
            guard let (head, body) = productHead(f) else { return "" }
            if case .blocks(let b) = body { return "\(head) \(blockName(b))" }
            return "\(head) \(print(body, .body))"
        case .difference(let a, let b): return "\(print(a, .term)) - \(print(b, .operand))"
        case .negation(.product(let factors)): return "-\(bare(.product(factors)))"
        case .negation(let a): return "-\(print(a, .operand))"
        case .quotient(let a, let b): return "\\frac{\(print(a, .top))}{\(print(b, .top))}"
        case .activation(let fn, let a):
            switch fn {
            case .relu, .sigmoid: return "\\sigma\\left(\(print(a, .top))\\right)"
            case .tanh: return "\\tanh\\left(\(print(a, .top))\\right)"
            case .identity: return print(a, .operand)
            }
        case .softmax(let a): return "\\operatorname{softmax}\\left(\(print(a, .top))\\right)"
        case .indicator(let a): return "\\mathbb{I}\\left[\(print(a, .top)) > 0\\right]"
        case .oneMinusSquare(let a): return "1 - \(raised(a, "2"))"
        case .stacked(let parts):
            return "\\begin{bmatrix} \(parts.map { print($0, .top) }.joined(separator: " \\\\ ")) \\end{bmatrix}"
        case .blockSelection(let k, let parts):
            let blocks = parts.indices.map { $0 == k ? "\\mathbf{I}" : "\\mathbf{0}" }.joined(separator: " & ")
            return "\\begin{bmatrix} \(blocks) \\end{bmatrix}"
        case .elementwise(.exp, let a): return "\\exp\\left(\(print(a, .top))\\right)"
        case .elementwise(.log, let a): return "\\log\\left(\(print(a, .top))\\right)"
        case .elementwise(.reciprocal, let a): return "\\frac{1}{\(print(a, .top))}"
        case .elementwise(.power(let k), let a): return raised(a, String(k))
        case .operation(let operation, let part, let arguments):
            return OperationTemplate.fill(operation.latex(part), arguments.map { print($0, .top) })
        case .diag(let a): return "\\operatorname{diag}\\left(\(print(a, .top))\\right)"
        case .transpose(let a): return raised(a, "\\top")
        case .hadamard(let a, let b): return "\(print(a, .operand)) \\odot \(print(b, .operand))"
        case .ones: return "\\mathbf{1}"
        case .identity: return "\\mathbf{I}"
        case .unitVector(let a): return "\\mathbf{e}_{\(print(a, .top))}"
        case .softmaxJacobian(let a):
            let y = print(a, .operand)
            return "\\operatorname{diag}\\left(\(y)\\right) - \(y) \(raised(a, "\\top"))"
        case .delta(let t, let state): return delta(t, state: state)
        case .blocks(let b):
            let rows = b.blocks.map { row in row.map { block(b, $0) }.joined(separator: " & ") }
            return "\\begin{bmatrix} \(rows.joined(separator: " \\\\ ")) \\end{bmatrix}"
        }
    }

    /// A block of a block matrix: `I` and `0` for identity and zero blocks of matrices.
    private func block(_ b: BlockMatrix, _ f: Formula) -> String {
        switch f {
        case .integer(1) where b.hasMatrixBlocks: return "\\mathbf{I}"
        case .integer(0) where b.hasMatrixBlocks: return "\\mathbf{0}"
        default: return print(f, .top)
        }
    }

    /// `\prod_{j=…}^{…}` of a Π (in the order its factors are multiplied with ``LaTeXSettings/productOrder``), and its body.
    func productHead(_ f: Formula) -> (String, Formula)? {
        switch f {
        case .indexedProduct(let i, let from, let to, let body):
            if settings.productOrder { return ("\\prod_{\(i)=\(index(to)),\\, \\ldots,\\, \(index(from))}", body) }
            return ("\\prod_{\(i)=\(index(from))}^{\(index(to))}", body)
        case .ascendingProduct(let i, let from, let to, let body):
            if settings.productOrder { return ("\\prod_{\(i)=\(index(from)),\\, \\ldots,\\, \(index(to))}", body) }
            return ("\\prod_{\(i)=\(index(from))}^{\(index(to))}", body)
        default:
            return nil
        }
    }

    /// Whether a variable is printed with a superscript (a copy's or the time style's, or its own symbol's).
    private func hasSuperscript(_ v: IndexedVariable) -> Bool {
        if v.symbol.latex.contains("^") { return true }
        guard v.time != nil else { return false }
        return v.isCopy || settings.timeStyle != .subscript_
    }

    /// `x^{power}`, with `x` in parentheses when it already carries a superscript
    /// (`\left(h^{(t)}\right)^{2}`) or is compound.
    private func raised(_ f: Formula, _ power: String) -> String {
        let base = print(f, .operand)
        switch f {
        case .variable(let v) where !hasSuperscript(v): return "\(base)^{\(power)}"
        case .ones, .integer: return "\(base)^{\(power)}"
        default:
            if needsParentheses(f, .operand) { return "\(base)^{\(power)}" }
            return "\\left(\(base)\\right)^{\(power)}"
        }
    }
}
