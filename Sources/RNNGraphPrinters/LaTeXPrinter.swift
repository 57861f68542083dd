import RNNGraphCalculus
import RNNGraphCore
import RNNGraphNotation
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
    var namesStackedStates = false
    /// The derivative a derivation's left side names: a term that is that very partial (the loss reading
    /// the variable directly) is written with its arguments, `∂L(V, h_1, …)/∂V`, never as `∂L/∂V = ∂L/∂V`.
    var leftSide: (of: IndexedVariable, wrt: IndexedVariable)?

    /// A printer with `settings`.
    public init(settings: LaTeXSettings = LaTeXSettings()) { self.settings = settings }

    // MARK: atoms

    /// An index such as `t-1`, `N+1` or `3`.
    public func index(_ e: IndexExpression) -> String { e.description }

    /// A symbol with a time index in the configured style.
    func indexed(_ base: String, _ time: IndexExpression?, copy: Bool = false) -> String {
        VariableNotation(timeStyle: settings.timeStyle).latex(base, time: time.map(index), copy: copy)
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

    /// `\nabla_{wrt} of`, the gradient shaped like `wrt`.
    public func gradient(of: IndexedVariable, wrt: IndexedVariable) -> String {
        "\\nabla_{\(variable(wrt))} \(variable(of))"
    }

    /// An entry of a variable: `h_{1,2}` when the variable's only subscript is its time, else `(\mathbf{W}_{xh})_{1,2}`.
    public func entry(_ v: IndexedVariable, _ indices: [Int]) -> String {
        let list = indices.map(String.init).joined(separator: ",")
        if let time = v.time, !v.isCopy, settings.timeStyle == .subscript_, !v.symbol.latex.contains("_") {
            return "\(v.symbol.latex)_{\(index(time)),\(list)}"
        }
        let whole = variable(v)
        return whole.contains("_") || whole.contains("^") ? "(\(whole))_{\(list)}" : "\(whole)_{\(list)}"
    }

    /// `δ` at a time, with the state's symbol when the recursion has several (`δ^{c}_{t}`,
    /// or `δ_{c}^{(t)}` when times are superscripts).
    func delta(_ time: IndexExpression, state: Symbol?) -> String {
        guard let state else { return indexed("\\delta", time) }
        if settings.timeStyle == .subscript_ { return "\\delta^{\(state.latex)}_{\(index(time))}" }
        return indexed("\\delta_{\(state.latex)}", time)
    }

    /// The printer for the formulas of `d`: where a term is exactly `d`'s own partial (the loss reading the
    /// variable directly), it is written with its arguments, `∂L(V, h_1, …)/∂V`.
    public func naming(_ d: Derivation) -> LaTeXPrinter {
        var printer = self
        printer.leftSide = (d.ofVariable, d.wrtVariable)
        return printer
    }
}
