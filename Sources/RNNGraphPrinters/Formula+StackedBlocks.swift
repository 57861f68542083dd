import RNNGraphCalculus

extension Formula {
    /// The Jacobians of stacked states that the formula's Π's multiply, each once.
    var stackedBlocks: [BlockMatrix] {
        var found: [BlockMatrix] = []
        // One definition for each stack, at the first index a Π takes (`j`, or the letter that stands in for
        // it where the model names something `j`) among those the Π's run over.
        var indices: Set<String> = []
        func productIndices(_ f: Formula) {
            switch f {
            case .indexedProduct(let i, _, _, let body), .ascendingProduct(let i, _, _, let body):
                indices.insert(i)
                productIndices(body)
            case .sum(let terms), .product(let terms): terms.forEach(productIndices)
            case .indexedSum(_, _, _, let body), .negation(let body): productIndices(body)
            default: break
            }
        }
        productIndices(self)
        let name = Formula.productIndexNames.first(where: indices.contains) ?? "j"
        func collect(_ f: Formula) {
            switch f {
            case .indexedProduct(let i, _, _, let body), .ascendingProduct(let i, _, _, let body):
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
