import RNNGraphKit

/// How variables, paths and partials are written in documents.
struct VariableNotation: Sendable {
    let graph: ComputationGraph
    let timeStyle: TimeIndexStyle

    /// LaTeX math for a variable: `h_{1}`, `h^{(1)}`, `\mathbf{U}^{(2)}` for a per-step copy.
    func latex(_ id: NodeID) -> String {
        let variable = graph[id]
        let base = variable.symbol.latex
        guard let t = variable.time else { return base }
        if variable.kind == .parameterCopy { return "{\(base)}^{(\(t))}" }
        switch timeStyle {
        case .subscript_: return base.contains("_") ? "{\(base)}_{\(t)}" : "\(base)_{\(t)}"
        case .parenthesized: return "{\(base)}^{(\(t))}"
        case .bracketed: return "{\(base)}^{[\(t)]}"
        }
    }

    /// Unicode text for a variable: `h₁`, `h⁽¹⁾`, `U⁽²⁾`.
    func text(_ id: NodeID) -> String {
        let variable = graph[id]
        let base = variable.symbol.text
        guard let t = variable.time else { return base }
        if variable.kind == .parameterCopy { return base + raised("(\(t))") }
        switch timeStyle {
        case .subscript_: return base + lowered(String(t))
        case .parenthesized: return base + raised("(\(t))")
        case .bracketed: return base + "^[\(t)]"
        }
    }

    /// A path as text: `U → h₁ → h₂ → o₂ → L`.
    func text(path: [NodeID]) -> String { path.map(text).joined(separator: " → ") }

    /// A path as LaTeX math: `\mathbf{U} \to h_{1} \to …`.
    func latex(path: [NodeID]) -> String { path.map(latex).joined(separator: " \\to ") }

    /// The local partial `\frac{\partial b}{\partial a}`.
    func partial(_ b: NodeID, _ a: NodeID) -> String {
        "\\frac{\\partial \(latex(b))}{\\partial \(latex(a))}"
    }

    private func lowered(_ digits: String) -> String {
        String(digits.map { Self.subscripts[$0] ?? $0 })
    }

    private func raised(_ text: String) -> String {
        String(text.map { Self.superscripts[$0] ?? $0 })
    }

    private static let subscripts: [Character: Character] = [
        "0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇", "8": "₈", "9": "₉", "-": "₋",
    ]
    private static let superscripts: [Character: Character] = [
        "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
        "(": "⁽", ")": "⁾", "-": "⁻",
    ]
}
