import RNNGraphCalculus
import RNNGraphCore
import RNNGraphPaths

/// Formulas: each printed bare or in parentheses by its place and the `Precedence` table, as ``LaTeXPrinter`` does.
extension MathMLPrinter {
    /// The MathML of a formula, in textbook order.
    public func mathML(_ f: Formula) -> String { print(f.inTextbookOrder(), .top) }

    /// The factors of a term in textbook order, each printed in its place in the product.
    public func factors(ofTerm f: Formula) -> [String] {
        let ordered = f.inTextbookOrder()
        guard case .product(let factors) = ordered else { return [print(ordered, .top)] }
        return factors.enumerated().map { k, factor in print(factor, k == factors.count - 1 ? .lastFactor : .factor) }
    }

    private func needsParentheses(_ f: Formula, _ context: PrintContext) -> Bool {
        if context.endsProduct, case .indexedSum = f { return false }
        return f.precedence < context.least
    }

    func print(_ f: Formula, _ context: PrintContext) -> String {
        let body = bare(f)
        return needsParentheses(f, context) ? fenced(body) : body
    }

    private func fenced(_ body: String, _ open: String = "(", _ close: String = ")") -> String {
        "<mrow><mo>\(open)</mo>\(body)<mo>\(close)</mo></mrow>"
    }

    private func applied(_ name: String, _ argument: Formula) -> String {
        row(mi(name), mo("\u{2061}"), fenced(print(argument, .top)))
    }

    private func bare(_ f: Formula) -> String {
        switch f {
        case .integer(let n): return n < 0 ? row(mo("−"), "<mn>\(-n)</mn>") : "<mn>\(n)</mn>"
        case .number(let x):
            let d = Formula.decimal(x)
            return d.exponent.map { row("<mn>\(d.mantissa)</mn>", mo("×"), "<msup><mn>10</mn><mn>\($0)</mn></msup>") } ?? "<mn>\(d.mantissa)</mn>"
        case .reciprocal(let n): return "<mfrac><mn>1</mn>\(index(n))</mfrac>"
        case .variable(let v): return variable(v)
        case .partial(let of, let wrt, _): return partial(of: of, wrt: wrt)
        case .sum(let terms):
            var out = ""
            for (k, term) in terms.enumerated() {
                if k > 0 {
                    if case .negation(let inner) = term { out += mo("−") + print(inner, .term); continue }
                    out += mo("+")
                }
                out += print(term, .term)
            }
            return "<mrow>\(out)</mrow>"
        case .product(let factors):
            return "<mrow>" + factors.enumerated().map { k, factor in
                focusable(print(factor, k == factors.count - 1 ? .lastFactor : .factor))
            }.joined(separator: mo("\u{2062}")) + "</mrow>"
        case .indexedSum(let i, let from, let to, let body):
            return row(bigOperator("∑", i, index(from), index(to)), print(body, .body))
        case .indexedProduct(let i, let from, let to, let body), .ascendingProduct(let i, let from, let to, let body):
            // A Π of block matrices names its block, `J_j`, defined beside the formula.
            if case .blocks(let b) = body {
                let states = b.isTransposed ? b.columns : b.rows
                return row(bigOperator("∏", i, index(from), index(to)), indexed(mi("J", bold: true), states.first?.time))
            }
            return row(bigOperator("∏", i, index(from), index(to)), print(body, .body))
        case .difference(let a, let b): return row(print(a, .term), mo("−"), print(b, .operand))
        case .negation(.product(let factors)): return row(mo("−"), bare(.product(factors)))
        case .negation(let a): return row(mo("−"), print(a, .operand))
        case .quotient(let a, let b): return "<mfrac>\(print(a, .top))\(print(b, .top))</mfrac>"
        case .activation(let fn, let a):
            switch fn {
            case .relu, .sigmoid: return applied("σ", a)
            case .tanh: return applied("tanh", a)
            case .identity: return print(a, .operand)
            }
        case .softmax(let a): return applied("softmax", a)
        case .indicator(let a): return row(mi("𝕀"), fenced(row(print(a, .top), mo(">"), "<mn>0</mn>"), "[", "]"))
        case .oneMinusSquare(let a): return row("<mn>1</mn>", mo("−"), raised(a, "<mn>2</mn>"))
        case .stacked(let parts): return matrix(parts.map { [print($0, .top)] })
        case .blockSelection(let k, let parts):
            return matrix([parts.indices.map { "<mn mathvariant=\"bold\">\($0 == k ? "I" : "0")</mn>" }])
        case .elementwise(.exp, let a): return applied("exp", a)
        case .elementwise(.log, let a): return applied("log", a)
        case .elementwise(.reciprocal, let a): return "<mfrac><mn>1</mn>\(print(a, .top))</mfrac>"
        case .elementwise(.power(let k), let a): return raised(a, "<mn>\(k)</mn>")
        case .operation(let operation, let part, let arguments):
            // The operation by its name: its value `name(a)`, its slope `name′(a)` (`∂₁name(a, b)` by one of two
            // arguments), its Jacobian `J_name(a)`.
            let name: String
            switch part {
            case .value: name = mi(operation.definition.symbol.text)
            case .slope(let k) where operation.arity > 1:
                name = "<mrow><msub><mo>∂</mo><mn>\(k + 1)</mn></msub>\(mi(operation.definition.symbol.text))</mrow>"
            case .slope: name = "<msup>\(mi(operation.definition.symbol.text))<mo>′</mo></msup>"
            case .jacobian: name = "<msub>\(mi("J", bold: true))\(mi(operation.definition.symbol.text))</msub>"
            }
            return row(name, mo("\u{2061}"), fenced(arguments.map { print($0, .top) }.joined(separator: mo(","))))
        case .diag(let a): return applied("diag", a)
        case .transpose(let a): return raised(a, mo("⊤"))
        case .hadamard(let a, let b): return row(print(a, .operand), mo("⊙"), print(b, .operand))
        case .ones: return mi("1", bold: true)
        case .identity: return mi("I", bold: true)
        case .unitVector(let a): return "<msub>\(mi("e", bold: true))\(print(a, .top))</msub>"
        case .softmaxJacobian(let a):
            return row(applied("diag", a), mo("−"), print(a, .operand), mo("\u{2062}"), raised(a, mo("⊤")))
        case .delta(let t, let state): return focusable(delta(t, state: state))
        case .blocks(let b):
            return matrix(b.blocks.map { $0.map { block(b, $0) } })
        }
    }

    /// `Σ` or `Π` with `i = from` below and `to` above.
    private func bigOperator(_ symbol: String, _ i: String, _ from: String, _ to: String) -> String {
        "<munderover>\(mo(symbol))\(row(mi(i), mo("="), from))\(to)</munderover>"
    }

    private func matrix(_ rows: [[String]]) -> String {
        let body = rows.map { "<mtr>" + $0.map { "<mtd>\($0)</mtd>" }.joined() + "</mtr>" }.joined()
        return fenced("<mtable>\(body)</mtable>", "[", "]")
    }

    /// A block of a block matrix: `I` and `0` for identity and zero blocks of matrices.
    private func block(_ b: BlockMatrix, _ f: Formula) -> String {
        switch f {
        case .integer(1) where b.hasMatrixBlocks: return mi("I", bold: true)
        case .integer(0) where b.hasMatrixBlocks: return mi("0", bold: true)
        default: return print(f, .top)
        }
    }

    /// `x^power`, with `x` in parentheses when it already carries a superscript or is compound.
    private func raised(_ f: Formula, _ power: String) -> String {
        let base = print(f, .operand)
        switch f {
        case .variable(let v) where !(v.time != nil && (v.isCopy || timeStyle != .subscript_)):
            return "<msup>\(base)\(power)</msup>"
        case .ones, .integer: return "<msup>\(base)\(power)</msup>"
        default:
            if needsParentheses(f, .operand) { return "<msup>\(base)\(power)</msup>" }
            return "<msup>\(fenced(base))\(power)</msup>"
        }
    }
}
