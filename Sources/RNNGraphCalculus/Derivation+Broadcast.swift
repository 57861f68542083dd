import RNNGraphCore
import RNNGraphPaths

extension Derivation {
    /// A note for a closed form by a parameter that the model reads only as a factor of element-wise products
    /// with vectors (`c * h_{t-1}`) and does not declare a scalar: the closed forms take it as a vector of the
    /// size of what it multiplies, with a vector for its gradient, and a number is declared with `scalars c`.
    /// `nil` for symbolic partials, the scalar layout, and every other variable.
    public var broadcastNote: String? {
        guard isVector, wrtVariable.time == nil, let rolled = try? RolledGraph.shared(for: options) else { return nil }
        let graph = rolled.representative
        guard let id = graph.variables.first(where: { $0.definition == nil && $0.time == nil
                                                      && $0.symbol.ascii == wrtVariable.symbol.ascii })?.id,
              graph[id].kind == .parameter, !graph.numbers.contains(id) else { return nil }
        let isNumber = { (e: Expression) in e.isNumber(where: { graph.numbers.contains($0) }) }
        var reads = 0, elementwise = 0
        func visit(_ e: Expression) {
            if case .apply(.hadamard, let xs) = e {
                for (k, x) in xs.enumerated() where x == .variable(id) && !isNumber(xs[1 - k]) {
                    reads += 1
                    elementwise += 1
                }
                for x in xs where x != .variable(id) { visit(x) }
                return
            }
            if e == .variable(id) { reads += 1; return }
            e.children.forEach(visit)
        }
        for v in graph.variables { v.definition.map(visit) }
        guard reads > 0, reads == elementwise else { return nil }
        let name = wrtVariable.symbol.ascii
        return "\(name) is read only as a factor of element-wise products with vectors, so the closed forms take it "
            + "as a vector of their size, with a vector for its gradient; if \(name) is a number, declare it with a line "
            + "'scalars \(name)' in the model"
    }
}
