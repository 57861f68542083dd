import RNNGraphCalculus
import RNNGraphCore
import RNNGraphPaths

/// A derivation in each of its forms: the left side, the expanded, compact and recursive right sides.
extension LaTeXPrinter {
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
    /// A step counted from N is written so (`g_{N+1}`), or, `atLength`, at the derivation's length (`g_4`), as
    /// the expanded form and the numbers, which hold for one length, write it.
    public func lhs(_ d: Derivation, atLength: Bool = false) -> String {
        let n = d.options.length
        let of = atLength ? d.ofVariable.atLength(n) : d.ofVariable, wrt = atLength ? d.wrtVariable.atLength(n) : d.wrtVariable
        let side = d.isVector ? gradient(of: of, wrt: wrt) : partial(of: of, wrt: wrt)
        guard let k = d.maximumLag else { return side }
        return "\\left.\(side)\\right|_{\\text{lag} \\le \(k)}"
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
        // A decimal beside another constant (`0.5 2`) is folded with it, as a whole term is printed.
        let decimals = Set(pieces.indices.filter { if case .number = pieces[$0] { return true } else { return false } })
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
        output.write("\\begin{align*}\n\(lhs(d, atLength: true))\n  &= ")
        for path in d.paths.edgeLists {
            let product = expanded.isNested ? nil : expanded.product(path)
            let numbers = product?.flatMap { parts[$0] } ?? []
            let folds = !decimals.isEmpty && numbers.contains(where: decimals.contains)
                && numbers.filter(scalars.contains).count > 1
            if let product, product.count > 1, signs.isEmpty || !product.contains(where: signs.contains), !folds {
                // Scalar constants first, as inTextbookOrder() writes every other product.
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
        let printer = naming(formula.stackedBlocks)
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
}
