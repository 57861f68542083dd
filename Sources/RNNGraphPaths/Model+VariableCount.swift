import RNNGraphCore

extension Model {
    /// The number of variables the model unrolls to, computed from its rolled
    /// graph without unrolling it, so that large requests can be refused first.
    /// - Throws: `RNNGraphError/usage(_:)` for invalid options.
    public static func variableCount(for options: ModelOptions) throws -> Int {
        try options.validate()
        guard let rolled = try? RolledGraph.shared(for: options) else { return Model(validated: options).graph.count }
        return rolled.variableCount(length: options.length)
    }
}
