import RNNGraphCore

/// How a variable's name and time index are written, in one time style, in
/// each output language: LaTeX for formulas and documents, Unicode text for
/// terminals, and the HTML-like labels of Graphviz.
///
/// Every printer, figure and document writes a name through this type, so a
/// time style reads the same everywhere: `h_{t-1}`, `h^{(t-1)}` or `h^{[t-1]}`
/// in LaTeX, `h₁`, `h⁽¹⁾` or `h^[1]` in text, `h<SUB>1</SUB>` or
/// `h<SUP>(1)</SUP>` in a figure. A per-step copy of a parameter is written
/// with a parenthesized superscript in every style (`\mathbf{U}^{(2)}`).
public struct VariableNotation: Hashable, Sendable {
    /// Where the time index goes.
    public var timeStyle: TimeIndexStyle
    /// When a symbol is set in braces before its time index.
    public var grouping: Grouping

    /// When a symbol is set in braces before its time index, so that a script of its own and the
    /// time's never make a double script.
    public enum Grouping: Hashable, Sendable {
        /// Only where the symbol has a script of the time index's kind outside braces
        /// (`{h^{(1)}}^{(2)}`, `{\mathbf{W}_{x}}_{2}`), as formulas write it.
        case whereNeeded
        /// Before every time superscript, and before a time subscript where the symbol has a subscript
        /// anywhere (`{\mathbf{U}}^{(2)}`), as documents write it.
        case generous
    }

    /// The notation of `timeStyle`.
    public init(timeStyle: TimeIndexStyle, grouping: Grouping = .whereNeeded) {
        self.timeStyle = timeStyle
        self.grouping = grouping
    }

    /// LaTeX math for `symbol` at `time` (an index as written, such as `3` or `t-1`; `nil` for none):
    /// `h_{t-1}`, `h^{(t-1)}`, `\mathbf{U}^{(2)}` for a per-step copy.
    public func latex(_ symbol: Symbol, time: String?, copy: Bool = false) -> String {
        latex(symbol.latex, time: time, copy: copy)
    }

    /// LaTeX math for `base` (LaTeX already) with a time index, as a symbol is written.
    public func latex(_ base: String, time: String?, copy: Bool = false) -> String {
        guard let time else { return base }
        switch copy ? .parenthesized : timeStyle {
        case .subscript_: return "\(group(base, before: "_"))_{\(time)}"
        case .parenthesized: return "\(group(base, before: "^"))^{(\(time))}"
        case .bracketed: return "\(group(base, before: "^"))^{[\(time)]}"
        }
    }

    /// `base`, in braces where ``grouping`` asks for them before a `script` (`_` or `^`).
    private func group(_ base: String, before script: Character) -> String {
        let grouped: Bool
        switch grouping {
        case .whereNeeded: grouped = Self.hasOuterScript(base, script)
        case .generous: grouped = script == "^" || base.contains(script)
        }
        return grouped ? "{\(base)}" : base
    }

    /// Whether `latex` has `script` outside every brace (`h^{(1)}` has `^`; `\delta_{h^{(1)}}` has none).
    private static func hasOuterScript(_ latex: String, _ script: Character) -> Bool {
        var depth = 0
        for character in latex {
            switch character {
            case "{": depth += 1
            case "}": depth -= 1
            case script where depth == 0: return true
            default: break
            }
        }
        return false
    }

    /// LaTeX math for a variable of the unrolled graph at its time.
    public func latex(_ variable: Variable) -> String {
        latex(variable.symbol, time: variable.time.map(String.init), copy: variable.kind == .parameterCopy)
    }

    /// Unicode text for `symbol` at `time`: `h₁`, `h⁽¹⁾`, `h^[1]`, `U⁽²⁾` for a per-step copy.
    public func text(_ symbol: Symbol, time: String?, copy: Bool = false) -> String {
        text(symbol.text, time: time, copy: copy)
    }

    /// Unicode text for `base` (text already) with a time index, as a symbol is written.
    public func text(_ base: String, time: String?, copy: Bool = false) -> String {
        guard let time else { return base }
        switch copy ? .parenthesized : timeStyle {
        case .subscript_: return base + ScriptCharacters.lowered(time)
        case .parenthesized: return base + ScriptCharacters.raised("(\(time))")
        case .bracketed: return base + "^[\(time)]"
        }
    }

    /// Unicode text for a variable of the unrolled graph at its time.
    public func text(_ variable: Variable) -> String {
        text(variable.symbol, time: variable.time.map(String.init), copy: variable.kind == .parameterCopy)
    }

    /// A Graphviz HTML-like label for `symbol` at `time`: `h<SUB>1</SUB>`, `h<SUP>(1)</SUP>`,
    /// `<B>U</B><SUP>(1)</SUP>` for a per-step copy.
    public func html(_ symbol: Symbol, time: String?, copy: Bool = false) -> String {
        guard let time else { return symbol.html }
        switch copy ? .parenthesized : timeStyle {
        case .subscript_: return "\(symbol.html)<SUB>\(time)</SUB>"
        case .parenthesized: return "\(symbol.html)<SUP>(\(time))</SUP>"
        case .bracketed: return "\(symbol.html)<SUP>[\(time)]</SUP>"
        }
    }

    /// A Graphviz HTML-like label for a variable of the unrolled graph at its time.
    public func html(_ variable: Variable) -> String {
        html(variable.symbol, time: variable.time.map(String.init), copy: variable.kind == .parameterCopy)
    }
}
