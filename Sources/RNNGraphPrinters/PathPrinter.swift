import RNNGraphCalculus
import RNNGraphCore
import RNNGraphNotation
import RNNGraphNumerics
import RNNGraphPaths

/// Prints paths as numbered lines, `3: U → h₁ → h₂ → o₂ → L`, in the order
/// of the expanded form's terms, writing each line as it is enumerated.
public struct PathPrinter: Sendable {
    /// A path printer.
    public init() {}

    /// A variable's plain name with subscript digits (`h₁`, `x₁₀`, `U`); a name with subscripts of its own
    /// keeps them as the command line writes it (`W_hf`, `f₁`, `W^(1)_x`). A per-step copy is named like
    /// its step's variables (`U₂`), as the command line names it.
    public func name(_ v: Variable) -> String {
        let base = v.symbol.ascii.contains("_") ? Symbol.unbraced(v.symbol.ascii) : v.symbol.text
        return VariableNotation(timeStyle: .subscript_).text(base, time: v.time.map(String.init))
    }

    /// One path as `U → h₁ → o₁ → L`.
    public func line(_ path: [NodeID], in graph: ComputationGraph) -> String {
        path.map { name(graph[$0]) }.joined(separator: " → ")
    }

    /// Writes every path of `d`, numbered from 1.
    /// - Throws: `RNNGraphError/usage(_:)` above `limit` paths, before anything is written.
    public func write<Output: TextOutputStream>(_ d: Derivation, limit: Int = Derivation.defaultTermLimit,
                                                to output: inout Output) throws {
        try d.checkSize(limit: limit)
        let names = d.graph.variables.map(name)
        // Every variable after the first of a path, arrow included, written in one piece.
        let steps = names.map { " → " + $0 }
        var k = 0
        for path in d.paths {
            k += 1
            output.write("\(k): ")
            output.write(names[path[0].index])
            for node in path.dropFirst() { output.write(steps[node.index]) }
            output.write("\n")
        }
    }
}
