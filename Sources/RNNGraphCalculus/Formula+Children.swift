extension Formula {
    /// The formula with each direct sub-formula replaced by `transform` of it; indices, variables and
    /// partials stay as they are. Every case is listed, so that a new case must say what its children are.
    public func mapChildren(_ transform: (Formula) -> Formula) -> Formula {
        switch self {
        case .integer, .number, .reciprocal, .variable, .partial, .ones, .identity, .delta: return self
        case .sum(let terms): return .sum(terms.map(transform))
        case .product(let factors): return .product(factors.map(transform))
        case .indexedSum(let i, let from, let to, let body):
            return .indexedSum(index: i, from: from, to: to, body: transform(body))
        case .indexedProduct(let i, let from, let to, let body):
            return .indexedProduct(index: i, from: from, to: to, body: transform(body))
        case .ascendingProduct(let i, let from, let to, let body):
            return .ascendingProduct(index: i, from: from, to: to, body: transform(body))
        case .difference(let a, let b): return .difference(transform(a), transform(b))
        case .negation(let a): return .negation(transform(a))
        case .quotient(let a, let b): return .quotient(transform(a), transform(b))
        case .activation(let f, let a): return .activation(f, transform(a))
        case .softmax(let a): return .softmax(transform(a))
        case .indicator(let a): return .indicator(transform(a))
        case .oneMinusSquare(let a): return .oneMinusSquare(transform(a))
        case .diag(let a): return .diag(transform(a))
        case .transpose(let a): return .transpose(transform(a))
        case .hadamard(let a, let b): return .hadamard(transform(a), transform(b))
        case .unitVector(let a): return .unitVector(transform(a))
        case .softmaxJacobian(let a): return .softmaxJacobian(transform(a))
        case .stacked(let parts): return .stacked(parts.map(transform))
        case .blockSelection(let k, let parts): return .blockSelection(part: k, parts: parts.map(transform))
        case .elementwise(let f, let a): return .elementwise(f, transform(a))
        case .operation(let operation, let part, let arguments): return .operation(operation, part, arguments.map(transform))
        case .blocks(let b):
            var mapped = b
            mapped.blocks = b.blocks.map { $0.map(transform) }
            return .blocks(mapped)
        }
    }
}
