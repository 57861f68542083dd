extension OperationsGraph {
    /// The number of operation nodes the operations view of `options`' model has,
    /// found without unrolling it at its full length, so that a figure too large to
    /// draw is refused first: exact up to a few steps more than twice the text's
    /// reach in time; above, extrapolated linearly from two unrollings of that length
    /// (every step past the reach adds the same operations, and a sum over the steps
    /// one term).
    /// - Throws: `RNNGraphError/usage(_:)` for invalid options.
    public static func operationCount(for options: ModelOptions) throws -> Int {
        try options.validate()
        func count(length: Int) -> Int {
            var shorter = options
            shorter.length = length
            return Model(validated: shorter).graph.variables.reduce(0) { $0 + ($1.definition.map(operations) ?? 0) }
        }
        let probe = options.probeLength
        guard probe < options.length else { return count(length: options.length) }
        let first = count(length: probe), second = count(length: probe + 1)
        return first + (options.length - probe) * (second - first)
    }

    /// The operation nodes `expression` becomes: one per step (`Expression.primitive`).
    private static func operations(_ expression: Expression) -> Int {
        guard let (_, arguments) = expression.primitive else { return 0 }
        return arguments.reduce(1) { $0 + operations($1) }
    }
}
