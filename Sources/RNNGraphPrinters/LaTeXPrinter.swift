import RNNGraphCalculus
import RNNGraphCore
import RNNGraphNumerics
import RNNGraphPaths

/// Prints formulas as LaTeX (amsmath): variables in the model's notation,
/// partials as fractions, Σ/Π with limits, sums broken over the lines of an
/// `align*` display so that no line overflows a page.
///
/// The expanded form is written term by term to a `TextOutputStream` as the
/// paths are enumerated, so its size in memory does not grow with the number
/// of terms.
public struct LaTeXPrinter: Sendable {
    /// The settings in force.
    public let settings: LaTeXSettings

    /// Whether a Jacobian of stacked states is named with its states (`J^{h,c}_j`), as it must be
    /// where a formula multiplies Jacobians of different stacks (two LSTM layers).
    private var namesStackedStates = false
    /// The derivative a derivation's left side names: a term that is that very partial (the loss reading
    /// the variable directly) is written with its arguments, `∂L(V, h_1, …)/∂V`, never as `∂L/∂V = ∂L/∂V`.
    private var leftSide: (of: IndexedVariable, wrt: IndexedVariable)?

    /// A printer with `settings`.
    public init(settings: LaTeXSettings = LaTeXSettings()) { self.settings = settings }

    // MARK: atoms

    /// An index such as `t-1`, `N+1` or `3`.
    public func index(_ e: IndexExpression) -> String { e.description }

    /// A symbol with a time index in the configured style.
    func indexed(_ base: String, _ time: IndexExpression?, copy: Bool = false) -> String {
        guard let time else { return base }
        if copy { return "\(base)^{(\(index(time)))}" }
        switch settings.timeStyle {
        case .subscript_: return "\(base)_{\(index(time))}"
        case .parenthesized: return "\(base)^{(\(index(time)))}"
        case .bracketed: return "\(base)^{[\(index(time))]}"
        }
    }

    /// A formula variable (`h_{t-1}`, `\mathbf{U}`).
    public func variable(_ v: IndexedVariable) -> String { indexed(v.symbol.latex, v.time, copy: v.isCopy) }

    private func argumentList(_ arguments: [PartialArgument]) -> String {
        arguments.map { a -> String in
            switch a {
            case .single(let v): return variable(v)
            case .run(let x, let y): return "\(variable(x)), \\ldots, \(variable(y))"
            }
        }.joined(separator: ", ")
    }

    /// `\frac{\partial of}{\partial wrt}`, with `of`'s arguments when the settings ask for them.
    public func partial(of: IndexedVariable, wrt: IndexedVariable, arguments: [PartialArgument] = []) -> String {
        let isLeftSide = leftSide.map { $0.of == of && $0.wrt == wrt } ?? false
        let numerator = (settings.arguments || isLeftSide) && !arguments.isEmpty
            ? "\(variable(of))(\(argumentList(arguments)))" : variable(of)
        return "\\frac{\\partial \(numerator)}{\\partial \(variable(wrt))}"
    }

    // MARK: formulas

    /// How tightly a formula binds, loosest first.
    private enum Precedence: Int, Comparable {
        /// `a + b`, `a − b`, `1 − h²`.
        case additive
        /// `−a`.
        case signed
        /// `Σ …` and `Π …`, reaching to the end of what follows them.
        case bigOperator
        /// `a ⊙ b`.
        case elementwise
        /// `a b`.
        case multiplicative
        /// A variable, a number, a function application, a transpose.
        case atom

        static func < (a: Precedence, b: Precedence) -> Bool { a.rawValue < b.rawValue }
    }

    /// Where a formula is printed: each place asks for a least precedence.
    private enum Context {
        case top, term, body, factor, lastFactor, operand

        /// The loosest formula printed here without parentheses.
        var least: Precedence {
            switch self {
            case .top, .term: return .additive
            case .body: return .signed
            case .factor, .lastFactor: return .multiplicative
            case .operand: return .atom
            }
        }

        /// Whether a Σ may stand open here: it reaches to the end of the product it ends.
        var endsProduct: Bool { self == .lastFactor }
    }

    /// The precedence of a formula's outermost operation.
    private func precedence(_ f: Formula) -> Precedence {
        switch f {
        case .sum, .difference, .oneMinusSquare, .softmaxJacobian: return .additive
        case .negation: return .signed
        case .indexedSum, .indexedProduct, .ascendingProduct: return .bigOperator
        case .hadamard: return .elementwise
        case .product: return .multiplicative
        default: return .atom
        }
    }

    /// The LaTeX of a formula.
    public func latex(_ f: Formula) -> String { print(f.inTextbookOrder(), .top) }

    private func needsParentheses(_ f: Formula, _ context: Context) -> Bool {
        if context.endsProduct, case .indexedSum = f { return false }
        return precedence(f) < context.least
    }

    private func print(_ f: Formula, _ context: Context) -> String {
        let body = bare(f)
        return needsParentheses(f, context) ? "\\left(\(body)\\right)" : body
    }

    private func bare(_ f: Formula) -> String {
        switch f {
        case .integer(let n): return String(n)
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

    /// The name a Jacobian of stacked states has in a Π, `\mathbf{J}_{j}` (transposed in a gradient
    /// layout), defined below the formula by ``blockDefinitions(_:)``.
    private func blockName(_ b: BlockMatrix) -> String {
        let states = b.isTransposed ? b.columns : b.rows
        var name = indexed("\\mathbf{J}", states.first?.time)
        if namesStackedStates, let time = states.first?.time {
            let label = states.map(\.symbol.latex).joined(separator: ",")
            name = settings.timeStyle == .subscript_ ? "\\mathbf{J}^{\(label)}_{\(index(time))}"
                                                     : indexed("\\mathbf{J}_{\(label)}", time)
        }
        return b.isTransposed ? "{\(name)}^{\\top}" : name
    }

    /// The definitions of the Jacobians of stacked states that Π's of `formula` multiply (empty when none):
    /// `J_j = ∂(h_j, c_j)/∂(h_{j-1}, c_{j-1})` as a matrix of named blocks, then each block's sum over the
    /// paths inside one step.
    public func blockDefinitions(_ formula: Formula) -> String {
        let blocks = stackedBlocks(formula)
        return blocks.isEmpty ? "" : naming(blocks).definitions(of: blocks)
    }

    /// The printer for the formulas of `d`: where a term is exactly `d`'s own partial (the loss reading the
    /// variable directly), it is written with its arguments, `∂L(V, h_1, …)/∂V`.
    public func naming(_ d: Derivation) -> LaTeXPrinter {
        var printer = self
        printer.leftSide = (d.ofVariable, d.wrtVariable)
        return printer
    }

    /// The printer that names Jacobians of stacked states by their states when `blocks` hold several stacks.
    private func naming(_ blocks: [BlockMatrix]) -> LaTeXPrinter {
        var printer = self
        printer.namesStackedStates = Set(blocks.map { ($0.isTransposed ? $0.columns : $0.rows).map(\.symbol.ascii) }).count > 1
        return printer
    }

    /// The Jacobians of stacked states that the Π's of `formula` multiply, each once.
    private func stackedBlocks(_ formula: Formula) -> [BlockMatrix] {
        var found: [BlockMatrix] = []
        func collect(_ f: Formula) {
            switch f {
            case .indexedProduct(let i, _, _, let body), .ascendingProduct(let i, _, _, let body):
                // One definition for each stack, at `j`, whatever index its Π's run over.
                if case .blocks(let b) = body.substituting(i, with: .index("j")) {
                    if !found.contains(b) { found.append(b) }
                } else {
                    collect(body)
                }
            case .sum(let terms), .product(let terms): terms.forEach(collect)
            case .indexedSum(_, _, _, let body), .negation(let body): collect(body)
            default: break
            }
        }
        collect(formula)
        return found
    }

    private func definitions(of found: [BlockMatrix]) -> String {
        var output = "\\begin{align*}\n"
        for b in found {
            let of = b.isTransposed ? b.columns : b.rows, wrt = b.isTransposed ? b.rows : b.columns
            let stack = { (parts: [IndexedVariable]) in "\\left(" + parts.map(variable).joined(separator: ", ") + "\\right)" }
            let names = b.blocks.indices.map { r in
                b.blocks[r].indices.map { c -> String in
                    if b.blocks[r][c] == .zero { return b.hasMatrixBlocks ? "\\mathbf{0}" : "0" }
                    return blockEntryName(b, r, c)
                }
            }
            output.write("\(blockName(b)) &= \(b.isTransposed ? "\\left(" : "")\\frac{\\partial \(stack(of))}{\\partial \(stack(wrt))}"
                         + "\(b.isTransposed ? "\\right)^{\\top}" : "") = \\begin{bmatrix} "
                         + names.map { $0.joined(separator: " & ") }.joined(separator: " \\\\ ") + " \\end{bmatrix}\\\\\n")
            for r in b.blocks.indices {
                for c in b.blocks[r].indices where b.blocks[r][c] != .zero {
                    let name = blockEntryName(b, r, c)
                    if print(b.blocks[r][c], .top) == name { continue }
                    output.write("\(name)\n  &= ")
                    writeRightSide(b.blocks[r][c].terms, numbered: false, to: &output)
                    output.write("\\\\\n")
                }
            }
        }
        output.removeLast(3)
        return output + "\n\\end{align*}\n"
    }

    /// Block `(r, c)` of a Jacobian of stacked states by name: `∂h_j/∂c_{j-1}`, transposed in a gradient layout.
    private func blockEntryName(_ b: BlockMatrix, _ r: Int, _ c: Int) -> String {
        let (of, wrt) = b.jacobian(r, c)
        let name = partial(of: of, wrt: wrt)
        return b.isTransposed ? "\\left(\(name)\\right)^{\\top}" : name
    }

    /// `δ` at a time, with the state's symbol when the recursion has several (`δ^{c}_{t}`,
    /// or `δ_{c}^{(t)}` when times are superscripts).
    func delta(_ time: IndexExpression, state: Symbol?) -> String {
        guard let state else { return indexed("\\delta", time) }
        if settings.timeStyle == .subscript_ { return "\\delta^{\(state.latex)}_{\(index(time))}" }
        return indexed("\\delta_{\(state.latex)}", time)
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

    // MARK: width estimates

    /// A rough width of the printed formula, in em, used to break lines.
    public func width(_ f: Formula) -> Double {
        func v(_ x: IndexedVariable) -> Double { 1.0 + (x.time.map { 0.45 * Double(index($0).count) } ?? 0) }
        switch f {
        case .integer(let n): return 0.55 * Double(String(n).count)
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
        case .ones: return 0.8
        case .unitVector(let a): return 0.7 * width(a) + 1
        case .softmaxJacobian(let a): return 3 * width(a) + 6
        case .delta: return 1.6
        case .blocks(let b):
            let columns = b.columns.indices.map { c in b.blocks.map { width($0[c]) }.max() ?? 0 }
            return columns.reduce(1.5) { $0 + $1 + 1 }
        }
    }

    // MARK: displays

    /// Writes `lhs = terms…` as an `align*` display, breaking between terms
    /// (and inside a term too wide for one line). `numbered` puts each term's
    /// number, as `--paths` counts, under it.
    public func writeDisplay<Terms: Sequence, Output: TextOutputStream>(
        lhs: String, terms: Terms, numbered: Bool, to output: inout Output
    ) where Terms.Element == Formula {
        output.write("\\begin{align*}\n\(lhs)\n  &= ")
        writeRightSide(terms, numbered: numbered, to: &output)
        output.write("\n\\end{align*}\n")
    }

    /// Writes a sum as the right side of an `align*` line, starting a new
    /// `&\quad` line whenever the estimated width would pass ``LaTeXSettings/lineWidth``.
    func writeRightSide<Terms: Sequence, Output: TextOutputStream>(
        _ terms: Terms, numbered: Bool, to output: inout Output
    ) where Terms.Element == Formula {
        var side = RightSide(printer: self, numbered: numbered)
        for term in terms { side.add(term, to: &output) }
        side.finish(to: &output)
    }

    /// A factor printed once for every product it stands in.
    struct PrintedFactor {
        /// The factor before the last of a product.
        let text: String
        /// The factor as the last of a product.
        let lastText: String
        /// Its estimated width.
        let width: Double
        /// Its pieces as the last factor of a product too wide for a line.
        let lastChunks: [(String, Double)]
    }

    /// `factor` printed in every place a product puts it.
    func printed(_ factor: Formula) -> PrintedFactor {
        PrintedFactor(text: print(factor, .factor), lastText: print(factor, .lastFactor), width: width(factor),
                      lastChunks: lastChunks(factor))
    }

    /// Writes the product of at least two factors, `numbers` into `factors`, as ``latex(_:)`` prints it.
    func writeProduct<Output: TextOutputStream>(_ numbers: [Int], of factors: [PrintedFactor],
                                                to output: inout Output) {
        for number in numbers.dropLast() {
            output.write(factors[number].text)
            output.write(" ")
        }
        output.write(factors[numbers[numbers.count - 1]].lastText)
    }

    /// The right side of an `align*` line as it is written: terms joined by their
    /// signs, with a new `&\quad` line whenever the estimated width would pass
    /// ``LaTeXSettings/lineWidth``; a term too wide for any line is broken between
    /// its factors, under the sums that enclose them, its number (if any) in front.
    private struct RightSide {
        let printer: LaTeXPrinter
        let numbered: Bool
        /// Terms written so far.
        private var count = 0
        /// Estimated width taken on the current line.
        private var used = 0.0

        init(printer: LaTeXPrinter, numbered: Bool) {
            self.printer = printer
            self.numbered = numbered
        }

        private var lineWidth: Double { printer.settings.lineWidth }

        /// Adds a term.
        mutating func add<Output: TextOutputStream>(_ written: Formula, to output: inout Output) {
            let term = written.inTextbookOrder()
            var sign = "+ "
            var shown = term
            if count > 0, case .negation(let inner) = term {
                sign = "- "
                shown = inner
            }
            let w = printer.width(term)
            let prefix = begin(width: w, sign: sign, to: &output)
            if w <= lineWidth {
                let text = printer.print(shown, .term)
                output.write(prefix + (numbered ? "\\underbrace{\(text)}_{(\(count))}" : text))
                used += w + 1.6
                return
            }
            output.write(prefix + (numbered ? "{\\scriptstyle(\(count))}\\; " : ""))
            for (k, (text, pieceWidth)) in printer.chunks(shown).enumerated() {
                piece(text, width: pieceWidth, first: k == 0, to: &output)
            }
            used += 1.6
        }

        /// Adds the product of at least two factors, `numbers` into `factors`: the
        /// same text as ``add(_:to:)`` writes for `.product` of those factors.
        mutating func add<Output: TextOutputStream>(product numbers: [Int], of factors: [PrintedFactor],
                                                    to output: inout Output) {
            // As width(_:) of a product, summed in the same order.
            let w = numbers.reduce(0) { $0 + factors[$1].width + 0.3 } + 1
            let prefix = begin(width: w, sign: "+ ", to: &output)
            if w <= lineWidth {
                output.write(numbered ? prefix + "\\underbrace{" : prefix)
                printer.writeProduct(numbers, of: factors, to: &output)
                if numbered { output.write("}_{(\(count))}") }
                used += w + 1.6
                return
            }
            output.write(prefix + (numbered ? "{\\scriptstyle(\(count))}\\; " : ""))
            for (k, number) in numbers.dropLast().enumerated() {
                piece(factors[number].text, width: factors[number].width, first: k == 0, to: &output)
            }
            for (text, pieceWidth) in factors[numbers[numbers.count - 1]].lastChunks { piece(text, width: pieceWidth, first: false, to: &output) }
            used += 1.6
        }

        /// Ends the right side: `0` when there was no term.
        func finish<Output: TextOutputStream>(to output: inout Output) {
            if count == 0 { output.write("0") }
        }

        /// Counts a term of width `w` and goes on to a new line if it does not fit;
        /// returns what goes in front of it (`sign` after the first term).
        private mutating func begin<Output: TextOutputStream>(width w: Double, sign: String,
                                                              to output: inout Output) -> String {
            count += 1
            guard count > 1 else { return "" }
            if used + w > lineWidth { newLine("\\quad", to: &output) } else { output.write(" ") }
            return sign
        }

        /// Writes one piece of a term too wide for a line, on a new line if it does not fit.
        private mutating func piece<Output: TextOutputStream>(_ text: String, width: Double, first: Bool,
                                                              to output: inout Output) {
            if !first {
                if used + width > lineWidth { newLine("\\qquad", to: &output) } else { output.write(" ") }
            }
            output.write(text)
            used += width + 0.3
        }

        private mutating func newLine<Output: TextOutputStream>(_ indent: String, to output: inout Output) {
            output.write("\\\\\n  &\(indent) ")
            used = 0
        }
    }

    /// A term cut into pieces that may stand at the ends of lines: the Σ signs
    /// leading a product, then its factors, recursively into a last factor Σ.
    private func chunks(_ f: Formula) -> [(String, Double)] {
        switch f {
        case .indexedSum(let i, let from, let to, let body):
            let head = ("\\sum_{\(i)=\(index(from))}^{\(index(to))}", 1.8)
            switch body {
            case .product, .indexedSum, .negation(.product): return [head] + chunks(body)
            default: return [head, (print(body, .term), width(body))]
            }
        case .product(let factors):
            var result: [(String, Double)] = []
            var carried: (String, Double)?  // a scalar constant, kept on the line of the factor after it
            for (k, factor) in factors.enumerated() {
                var pieces = k == factors.count - 1 ? lastChunks(factor) : factorChunks(factor)
                if let scalar = carried {
                    pieces[0] = (scalar.0 + " " + pieces[0].0, scalar.1 + 0.3 + pieces[0].1)
                    carried = nil
                }
                if factor.isScalarConstant, k < factors.count - 1 {
                    carried = pieces[0]
                } else {
                    result += pieces
                }
            }
            return result
        case .negation(.product(let factors)):
            var result = chunks(.product(factors))
            result[0] = ("-" + result[0].0, result[0].1 + 1)
            return result
        default:
            return [(print(f, .term), width(f))]
        }
    }

    /// `\prod_{j=…}^{…}` of a Π (in the order its factors are multiplied with ``LaTeXSettings/productOrder``), and its body.
    private func productHead(_ f: Formula) -> (String, Formula)? {
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

    /// The pieces of a factor of a product: a Π over a sum too wide for a line is cut between
    /// the sum's terms, with delimiters that may span lines; anything else stays whole.
    private func factorChunks(_ factor: Formula) -> [(String, Double)] {
        guard let (head, body) = productHead(factor), case .sum(let terms) = body, width(factor) > settings.lineWidth else {
            return [(print(factor, .factor), width(factor))]
        }
        var result = terms.enumerated().map { k, term -> (String, Double) in
            if k == 0 { return ("\\Biggl(\(head) \\biggl(\(print(term, .term))", width(term) + 3) }
            if case .negation(let inner) = term { return ("- \(print(inner, .term))", width(term) + 1) }
            return ("+ \(print(term, .term))", width(term) + 1)
        }
        result[result.count - 1].0 += "\\biggr)\\Biggr)"
        return result
    }

    /// The pieces of a product's last factor: a Σ is cut further, anything else stays whole.
    private func lastChunks(_ factor: Formula) -> [(String, Double)] {
        if case .indexedSum = factor { return chunks(factor) }
        return [(print(factor, .lastFactor), width(factor))]
    }

    /// The left-hand side `\frac{\partial L}{\partial \mathbf{U}}` of a derivation.
    /// An entry of a variable: `h_{1,2}` when the variable's only subscript is its time, else `(\mathbf{W}_{xh})_{1,2}`.
    public func entry(_ v: IndexedVariable, _ indices: [Int]) -> String {
        let list = indices.map(String.init).joined(separator: ",")
        if let time = v.time, !v.isCopy, settings.timeStyle == .subscript_, !v.symbol.latex.contains("_") {
            return "\(v.symbol.latex)_{\(index(time)),\(list)}"
        }
        let whole = variable(v)
        return whole.contains("_") || whole.contains("^") ? "(\(whole))_{\(list)}" : "\(whole)_{\(list)}"
    }

    /// For a derivation of an entry (`--of 'h1[1]' --wrt 'U[1,1]'`), the line that names it as an entry of
    /// the Jacobian the formula below gives: `∂h_{1,1}/∂U_{1,1} = [∂h_1/∂U]_{1;1,1}`; empty otherwise.
    public func entryLine(_ d: Derivation) -> String {
        guard !d.ofIndices.isEmpty || !d.wrtIndices.isEmpty else { return "" }
        let of = d.ofIndices.isEmpty ? variable(d.ofVariable) : entry(d.ofVariable, d.ofIndices)
        let wrt = d.wrtIndices.isEmpty ? variable(d.wrtVariable) : entry(d.wrtVariable, d.wrtIndices)
        let position = [d.ofIndices, d.wrtIndices].filter { !$0.isEmpty }
            .map { $0.map(String.init).joined(separator: ",") }.joined(separator: ";\\,")
        let whole = lhs(d)
        return "\\begin{align*}\n\\frac{\\partial \(of)}{\\partial \(wrt)} &= \\left[\(whole)\\right]_{\(position)}"
            + "\\quad\\text{(an entry of the Jacobian below)}\n\\end{align*}\n"
    }

    /// A truncated derivation's left side is marked with its largest lag: `\left.∂L/∂U\right|_{\text{lag} \le 1}`.
    public func lhs(_ d: Derivation) -> String {
        let side = d.isVector ? gradient(of: d.ofVariable, wrt: d.wrtVariable) : partial(of: d.ofVariable, wrt: d.wrtVariable)
        guard let k = d.maximumLag else { return side }
        return "\\left.\(side)\\right|_{\\text{lag} \\le \(k)}"
    }

    /// `\nabla_{wrt} of`, the gradient shaped like `wrt`.
    public func gradient(of: IndexedVariable, wrt: IndexedVariable) -> String {
        "\\nabla_{\(variable(wrt))} \(variable(of))"
    }

    /// Writes the expanded form of `d`, term by term as paths are enumerated.
    /// - Throws: `RNNGraphError/usage(_:)` above `limit` terms, before anything is written.
    public func writeExpanded<Output: TextOutputStream>(_ d: Derivation, limit: Int = Derivation.defaultTermLimit,
                                                        to output: inout Output) throws {
        try naming(d).expanded(d, limit: limit, to: &output)
    }

    private func expanded<Output: TextOutputStream>(_ d: Derivation, limit: Int, to output: inout Output) throws {
        try d.checkSize(limit: limit)
        let expanded = d.expandedFactors
        // Each factor in textbook order, a product split into its own factors, as inTextbookOrder() flattens
        // the products of a whole term: `parts[k]` are the printed pieces of factor k.
        var pieces: [Formula] = [], parts: [[Int]] = []
        for factor in expanded.factors {
            let ordered = factor.inTextbookOrder()
            let split: [Formula]
            if case .product(let inner) = ordered { split = inner } else { split = [ordered] }
            parts.append(Array(pieces.count..<pieces.count + split.count))
            pieces += split
        }
        let scalars = Set(pieces.indices.filter { pieces[$0].isScalarConstant })
        // Pieces printed one by one and the terms' products measured before any is written, so that
        // deeply nested closed forms are refused from their printed size rather than after gigabytes.
        var factors: [PrintedFactor] = []
        var bytes = 0
        for piece in pieces {
            let printed = printed(piece)
            bytes += printed.text.utf8.count + printed.lastText.utf8.count
            guard bytes <= Self.maximumFactorBytes else {
                throw RNNGraphError.usage("the factors of the expanded formula print more than \(bytes >> 20) MB of "
                                          + "LaTeX, above the limit of \(Self.maximumFactorBytes >> 20) MB; use symbolic "
                                          + "local partials or a shallower model")
            }
            factors.append(printed)
        }
        if !expanded.isNested {
            bytes = 0
            for path in d.paths.edgeLists {
                bytes += expanded.product(path)?.reduce(0) { total, k in
                    total + parts[k].reduce(0) { $0 + factors[$1].text.utf8.count }
                } ?? 0
                guard bytes <= Self.maximumOutputBytes else { throw Self.tooLarge(bytes: bytes) }
            }
        }
        // A product with a factor −1 or a negated factor is written with the sign in front.
        let signs = Set(expanded.factors.indices.filter {
            if case .negation = expanded.factors[$0] { return true }
            return expanded.factors[$0] == .integer(-1)
        })
        var side = RightSide(printer: self, numbered: settings.numberTerms)
        output.write(entryLine(d))
        output.write("\\begin{align*}\n\(lhs(d))\n  &= ")
        for path in d.paths.edgeLists {
            let product = expanded.isNested ? nil : expanded.product(path)
            if let product, product.count > 1, signs.isEmpty || !product.contains(where: signs.contains) {
                // Scalar constants first, as inTextbookOrder() writes every other product.
                let numbers = product.flatMap { parts[$0] }
                let ordered = numbers.filter { scalars.contains($0) } + numbers.filter { !scalars.contains($0) }
                side.add(product: ordered, of: factors, to: &output)
            } else {
                side.add(expanded.term(path), to: &output)
            }
        }
        side.finish(to: &output)
        output.write("\n\\end{align*}\n")
    }

    /// The most LaTeX an expanded formula prints, in bytes (256 MiB).
    public static let maximumOutputBytes = 256 << 20
    /// The most LaTeX the distinct factors of an expanded formula print, in bytes (16 MiB): they
    /// are printed, and kept, before the terms.
    public static let maximumFactorBytes = 16 << 20

    private static func tooLarge(bytes: Int) -> RNNGraphError {
        .usage("the expanded formula would print more than \(bytes >> 20) MB of LaTeX, above the limit of "
               + "\(maximumOutputBytes >> 20) MB; use the compact form, symbolic local partials or a shorter length")
    }

    /// Writes a compact form of `d`.
    public func writeCompact<Output: TextOutputStream>(_ d: Derivation, shape: CompactShape,
                                                       to output: inout Output) throws {
        try naming(d).compact(d, shape: shape, to: &output)
    }

    private func compact<Output: TextOutputStream>(_ d: Derivation, shape: CompactShape,
                                                   to output: inout Output) throws {
        let formula = try d.compact(shape: shape)
        let printer = naming(stackedBlocks(formula))
        output.write(entryLine(d))
        printer.writeDisplay(lhs: lhs(d), terms: formula.terms, numbered: false, to: &output)
        output.write(blockDefinitions(formula))
    }

    /// Writes the recursive form of `d`: the definition of `δ`, its recursion, and the result.
    public func writeRecursive<Output: TextOutputStream>(_ d: Derivation, to output: inout Output) throws {
        try naming(d).recursive(d, to: &output)
    }

    private func recursive<Output: TextOutputStream>(_ d: Derivation, to output: inout Output) throws {
        let form = try d.recursive()
        output.write(entryLine(d))
        output.write("\\begin{align*}\n")
        func line(_ left: String, _ right: Formula, _ condition: String?) {
            output.write("\(left)\n  &= ")
            writeRightSide(right.terms, numbered: false, to: &output)
            output.write((condition.map { ", \\qquad \($0)" } ?? "") + "\\\\\n")
        }
        for delta in form.deltas {
            let t = delta.index
            let dt = self.delta(.index(t), state: delta.state)
            let definition = d.isVector ? gradient(of: d.ofVariable, wrt: delta.variable)
                                        : partial(of: d.ofVariable, wrt: delta.variable)
            output.write("\(dt) &= \(definition)\\\\\n")
            for c in delta.cases {
                switch (c.from, c.to) {
                case let (from?, to?) where from == to: line(self.delta(from, state: delta.state), c.formula, nil)
                case let (from?, to?): line(dt, c.formula, "\(index(from)) \\le \(t) \\le \(index(to))")
                // One range style: bounds written with ≤ and ≥, at the steps themselves.
                case let (nil, to?): line(dt, c.formula, "\(t) \\le \(index(to))")
                case let (from?, nil): line(dt, c.formula, "\(t) \\ge \(index(from))")
                case (nil, nil): line(dt, c.formula, nil)
                }
            }
        }
        output.write("\(lhs(d))\n  &= ")
        writeRightSide(form.result.terms, numbered: false, to: &output)
        output.write("\n\\end{align*}\n")
    }

    /// The start of a document that compiles with `pdflatex` (A4 or letter, 1 in margins).
    public static let standaloneHeader = """
        \\documentclass{article}
        \\usepackage[margin=1in]{geometry}
        \\usepackage{amsmath,amssymb}
        \\allowdisplaybreaks
        \\begin{document}

        """

    /// The end of a standalone document.
    public static let standaloneFooter = "\\end{document}\n"

    /// Wraps a fragment in a document that compiles with `pdflatex`.
    public static func standalone(_ body: String) -> String { standaloneHeader + body + standaloneFooter }
}
