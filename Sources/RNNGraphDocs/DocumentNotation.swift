import RNNGraphKit

/// How variables, paths and partials of one graph are written in documents: names as
/// ``VariableNotation`` writes them, with the base of a time superscript in braces.
struct DocumentNotation: Sendable {
    let graph: ComputationGraph
    let names: VariableNotation

    init(graph: ComputationGraph, timeStyle: TimeIndexStyle) {
        self.graph = graph
        names = VariableNotation(timeStyle: timeStyle, grouping: .generous)
    }

    /// LaTeX math for a variable: `h_{1}`, `{h}^{(1)}`, `{\mathbf{U}}^{(2)}` for a per-step copy.
    func latex(_ id: NodeID) -> String { names.latex(graph[id]) }

    /// Unicode text for a variable: `h₁`, `h⁽¹⁾`, `U⁽²⁾`.
    func text(_ id: NodeID) -> String { names.text(graph[id]) }

    /// A path as text: `U → h₁ → h₂ → o₂ → L`.
    func text(path: [NodeID]) -> String { path.map(text).joined(separator: " → ") }

    /// A path as LaTeX math: `\mathbf{U} \to h_{1} \to …`.
    func latex(path: [NodeID]) -> String { path.map(latex).joined(separator: " \\to ") }

    /// The local partial `\frac{\partial b}{\partial a}`.
    func partial(_ b: NodeID, _ a: NodeID) -> String {
        "\\frac{\\partial \(latex(b))}{\\partial \(latex(a))}"
    }
}
