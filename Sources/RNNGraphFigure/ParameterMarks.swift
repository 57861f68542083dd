import RNNGraphCore
import RNNGraphNotation
import RNNGraphPaths

/// Where the labels style writes each parameter a variable's definition reads,
/// so that every parameter is visible without parameter nodes: on the edge of
/// the variable it multiplies (`W` on `h_{t-1} → h_t` for `W h_{t-1}`, `p_i ⊙`
/// on `c_{t-1} → i_t` for `p_i * c_{t-1}`), or in the reader's own node
/// (`+b_f` for a bias added there, or any other use of a parameter).
struct ParameterMarks {
    /// A parameter written on an edge.
    struct EdgeMark: Hashable {
        /// The parameter.
        let parameter: NodeID
        /// Whether it multiplies element-wise (`p ⊙ c`) rather than as a matrix.
        let elementWise: Bool
        /// Whether it multiplies from the right (`x_t W`, row vectors) rather than from the left (`W x_t`).
        var fromRight = false
    }

    /// For each variable the reader reads, the parameters written on its edge, in order of appearance.
    private(set) var edges: [NodeID: [EdgeMark]] = [:]
    /// The parameters written in the reader's node, with whether each is a bias (a summand of its own).
    private(set) var node: [(parameter: NodeID, added: Bool)] = []

    /// What precedes a parameter written in its reader's node: `+` for a bias (`+b_f`), a comma before
    /// any other use but the first (`y, V`), so that two parameters never run together.
    static func nodePrefix(added: Bool, first: Bool) -> String {
        added ? "+" : first ? "" : ", "
    }

    /// The marks of `reader`, whose drawn incoming edges come from `drawnSources`.
    init(_ reader: Variable, graph: ComputationGraph, drawnSources: Set<NodeID>) {
        guard let definition = reader.definition else { return }
        var onEdges = Set<NodeID>()
        var added = Set<NodeID>()
        func isParameter(_ id: NodeID) -> Bool { graph[id].kind == .parameter }
        func mark(_ factor: Expression, _ other: Expression, elementWise: Bool, fromRight: Bool = false) {
            let parameters = factor.references
            guard !parameters.isEmpty, parameters.allSatisfy(isParameter) else { return }
            for variable in other.references where !isParameter(variable) && drawnSources.contains(variable) {
                for p in parameters where !(edges[variable] ?? []).contains(where: { $0.parameter == p }) {
                    edges[variable, default: []].append(EdgeMark(parameter: p, elementWise: elementWise, fromRight: fromRight))
                    onEdges.insert(p)
                }
            }
        }
        // Factors of a product mark each other's edges; a parameter added in a sum is marked "+".
        func visit(_ expression: Expression) {
            if case .product(let a, let b) = expression {
                mark(a, b, elementWise: false)
                mark(b, a, elementWise: false, fromRight: true)
            } else if case .apply(.hadamard, let terms) = expression, terms.count == 2 {
                mark(terms[0], terms[1], elementWise: true)
                mark(terms[1], terms[0], elementWise: true)
            } else if case .sum(let terms) = expression {
                for case .variable(let id) in terms where isParameter(id) { added.insert(id) }
            }
            expression.children.forEach(visit)
        }
        visit(definition)
        for id in definition.references where isParameter(id) && !onEdges.contains(id) {
            node.append((id, added.contains(id)))
        }
    }

    /// An edge mark as HTML-like text in the parameter's colour: `W`, or `p ⊙` element-wise.
    static func html(_ mark: EdgeMark, graph: ComputationGraph, timeStyle: TimeIndexStyle, color: String) -> String {
        "<FONT COLOR=\"\(color)\">\(VariableNotation(timeStyle: timeStyle).html(graph[mark.parameter]))"
            + (mark.elementWise ? " ⊙" : "") + "</FONT>"
    }

    /// An edge mark as LaTeX math (without dollars).
    static func latex(_ mark: EdgeMark, graph: ComputationGraph, notation: VariableNotation) -> String {
        notation.latex(graph[mark.parameter]) + (mark.elementWise ? " \\odot" : "")
    }
}
