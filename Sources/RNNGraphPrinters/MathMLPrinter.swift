import RNNGraphCalculus
import RNNGraphCore
import RNNGraphNotation
import RNNGraphPaths

/// Prints formulas as MathML Core, from the same formula trees as ``LaTeXPrinter`` and with
/// parentheses decided by the same `Precedence` table: variables with their time index in the
/// configured style, partials as fractions, Σ/Π with limits.
///
/// Each function returns the content of a `<math>` element (rows and tokens, no `<math>` itself),
/// well-formed XML with `&`, `<` and `>` escaped.
public struct MathMLPrinter: Sendable {
    /// How time indices are written.
    public let timeStyle: TimeIndexStyle
    /// Whether each factor of a product and each δ is a focusable row (`tabindex="0"`, class `factor`).
    public let focusableFactors: Bool

    /// A printer writing time indices in `timeStyle`, factors and δ's focusable when `focusableFactors`.
    public init(timeStyle: TimeIndexStyle = .subscript_, focusableFactors: Bool = false) {
        self.timeStyle = timeStyle
        self.focusableFactors = focusableFactors
    }

    /// `piece` as a focusable row when factors are focusable.
    func focusable(_ piece: String) -> String {
        focusableFactors ? "<mrow class=\"factor\" tabindex=\"0\">\(piece)</mrow>" : piece
    }

    // MARK: tokens

    /// An identifier token.
    func mi(_ text: String, bold: Bool = false) -> String {
        bold ? "<mi mathvariant=\"bold\">\(MarkupText.html(text))</mi>" : "<mi>\(MarkupText.html(text))</mi>"
    }

    /// An operator token.
    func mo(_ text: String) -> String { "<mo>\(MarkupText.html(text))</mo>" }

    /// A row of pieces.
    func row(_ pieces: String...) -> String { "<mrow>\(pieces.joined())</mrow>" }

    // MARK: atoms

    /// An index such as `t-1`, `N+1` or `3`: letters as identifiers, digits as numbers, signs as operators.
    public func index(_ e: IndexExpression) -> String { indexText(e.description) }

    func indexText(_ text: String) -> String {
        var pieces: [String] = []
        var word = ""
        func flush() {
            guard !word.isEmpty else { return }
            pieces.append(word.allSatisfy(\.isNumber) ? "<mn>\(word)</mn>" : mi(word))
            word = ""
        }
        for character in text {
            if character.isLetter || character.isNumber { word.append(character); continue }
            flush()
            if character != " " { pieces.append(mo(character == "-" ? "−" : String(character))) }
        }
        flush()
        return pieces.count == 1 ? pieces[0] : "<mrow>\(pieces.joined())</mrow>"
    }

    /// A symbol's base: bold where its LaTeX is (`\mathbf{U}`), its own subscript (`W_hh`) kept as one.
    func base(_ symbol: Symbol) -> String {
        let bold = symbol.latex.contains("\\mathbf") || symbol.latex.contains("\\boldsymbol")
        let name = Symbol.unbraced(symbol.text)
        if let cut = name.firstIndex(of: "_"), cut != name.startIndex {
            let sub = String(name[name.index(after: cut)...])
            return "<msub>\(mi(String(name[..<cut]), bold: bold))\(indexText(sub))</msub>"
        }
        return mi(name, bold: bold)
    }

    /// A symbol or a written base with a time index in the configured style; a per-step copy's in parentheses above.
    func indexed(_ base: String, _ time: IndexExpression?, copy: Bool = false) -> String {
        guard let time else { return base }
        switch copy ? .parenthesized : timeStyle {
        case .subscript_: return "<msub>\(base)\(index(time))</msub>"
        case .parenthesized: return "<msup>\(base)\(row(mo("("), index(time), mo(")")))</msup>"
        case .bracketed: return "<msup>\(base)\(row(mo("["), index(time), mo("]")))</msup>"
        }
    }

    /// A formula variable (`h_{t-1}`, bold `U`).
    public func variable(_ v: IndexedVariable) -> String { indexed(base(v.symbol), v.time, copy: v.isCopy) }

    /// `∂of/∂wrt` as a fraction.
    public func partial(of: IndexedVariable, wrt: IndexedVariable) -> String {
        "<mfrac>\(row(mo("∂"), variable(of)))\(row(mo("∂"), variable(wrt)))</mfrac>"
    }

    /// `∇_wrt of`, the gradient shaped like `wrt`.
    public func gradient(of: IndexedVariable, wrt: IndexedVariable) -> String {
        "<mrow><msub>\(mo("∇"))\(variable(wrt))</msub>\(variable(of))</mrow>"
    }

    /// `δ` at a time, with the state's symbol when the recursion has several.
    public func delta(_ time: IndexExpression, state: Symbol?) -> String {
        guard let state else { return indexed(mi("δ"), time) }
        if timeStyle == .subscript_ { return "<msub><msup>\(mi("δ"))\(base(state))</msup>\(index(time))</msub>" }
        return indexed("<msub>\(mi("δ"))\(base(state))</msub>", time)
    }

    /// The left side of `d`, at its length (as the expanded form and the numbers write it) when `atLength`.
    public func lhs(_ d: Derivation, atLength: Bool = false) -> String {
        let n = d.options.length
        let of = atLength ? d.ofVariable.atLength(n) : d.ofVariable
        let wrt = atLength ? d.wrtVariable.atLength(n) : d.wrtVariable
        return d.isVector ? gradient(of: of, wrt: wrt) : partial(of: of, wrt: wrt)
    }
}
