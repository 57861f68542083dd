import RNNGraphCalculus

extension Formula {
    /// The Jacobians of stacked states that the formula's Π's multiply, each once.
    var stackedBlocks: [BlockMatrix] {
        var found: [BlockMatrix] = []
        var common: String?
        func collect(_ f: Formula) {
            switch f {
            case .indexedProduct(let i, _, _, let body), .ascendingProduct(let i, _, _, let body):
                // One definition for each stack, at the first Π's index (`j`, or the letter that stands in for it
                // where the model names something `j`), whatever index the other Π's run over.
                let name = common ?? i
                common = name
                if case .blocks(let b) = body.substituting(i, with: .index(name)) {
                    if !found.contains(b) { found.append(b) }
                } else {
                    collect(body)
                }
            case .sum(let terms), .product(let terms): terms.forEach(collect)
            case .indexedSum(_, _, _, let body), .negation(let body): collect(body)
            default: break
            }
        }
        collect(self)
        return found
    }
}
