import RNNGraphCalculus
import RNNGraphCore
import RNNGraphPaths

/// Displays: sums broken over the lines of an `align*`, a term too wide for a line broken inside.
extension LaTeXPrinter {
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
    struct RightSide {
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
}
