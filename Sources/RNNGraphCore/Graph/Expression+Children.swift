/// The one structural walk over ``Expression``: its direct sub-expressions, and the
/// expression rebuilt from transformed ones. Every case is listed here, so that a new
/// case states its children once; walks that only visit or rebuild go through these.
extension Expression {
    /// The direct sub-expressions, in order (none for a variable or a number).
    public var children: [Expression] {
        switch self {
        case .variable, .constant: return []
        case .product(let a, let b), .squaredError(let a, let b), .crossEntropy(let a, let b), .inner(let a, let b):
            return [a, b]
        case .sum(let terms), .mean(let terms), .apply(_, let terms): return terms
        case .activation(_, let a), .softmax(let a): return [a]
        }
    }

    /// The operation's catalogue entry and its arguments, in order; `nil` for a variable or a number.
    /// Everything an operation states about itself is read through this.
    public var call: (entry: any OperationEntry, arguments: [Expression])? {
        switch self {
        case .variable, .constant: return nil
        case .product(let a, let b): return (MatrixProduct(), [a, b])
        case .sum(let terms): return (ElementwiseSum(), terms)
        case .activation(let f, let a): return (ActivationFunction(function: f), [a])
        case .softmax(let a): return (Softmax(), [a])
        case .squaredError(let a, let b): return (SquaredError(), [a, b])
        case .crossEntropy(let a, let b): return (CrossEntropy(), [a, b])
        case .inner(let a, let b): return (InnerProduct(), [a, b])
        case .mean(let terms): return (Mean(), terms)
        case .apply(let operation, let arguments): return (operation.entry, arguments)
        }
    }

    /// The expression with each direct sub-expression replaced by `transform` of it.
    public func mapChildren(_ transform: (Expression) throws -> Expression) rethrows -> Expression {
        switch self {
        case .variable, .constant: return self
        case .product(let a, let b): return .product(try transform(a), try transform(b))
        case .sum(let terms): return .sum(try terms.map(transform))
        case .activation(let f, let a): return .activation(f, try transform(a))
        case .softmax(let a): return .softmax(try transform(a))
        case .squaredError(let a, let b): return .squaredError(target: try transform(a), prediction: try transform(b))
        case .crossEntropy(let a, let b): return .crossEntropy(target: try transform(a), prediction: try transform(b))
        case .inner(let a, let b): return .inner(weights: try transform(a), value: try transform(b))
        case .mean(let terms): return .mean(try terms.map(transform))
        case .apply(let operation, let arguments): return .apply(operation, try arguments.map(transform))
        }
    }

    /// Appends the variables read, in order, with repeats: ``references`` without the
    /// arrays of ``children`` (it runs once per variable of graphs of millions).
    func collect(into all: inout [NodeID]) {
        switch self {
        case .variable(let id):
            all.append(id)
        case .product(let a, let b), .squaredError(let a, let b), .crossEntropy(let a, let b),
             .inner(let a, let b):
            a.collect(into: &all)
            b.collect(into: &all)
        case .sum(let terms), .mean(let terms), .apply(_, let terms):
            all.reserveCapacity(all.count + 2 * terms.count)
            for term in terms { term.collect(into: &all) }
        case .activation(_, let a), .softmax(let a):
            a.collect(into: &all)
        case .constant:
            break
        }
    }

    /// The same expression with every variable replaced by `transform`.
    func mappingVariables(_ transform: (NodeID) -> NodeID) -> Expression {
        if case .variable(let id) = self { return .variable(transform(id)) }
        return mapChildren { $0.mappingVariables(transform) }
    }
}

extension Expression {
    /// Whether the expression is `1 × 1` whatever the sizes of the vectors, given which variables
    /// are (`variable`): a number, a scalar by its operation's rule (a loss term, an inner product,
    /// an entry sum, a mean), or a combination of numbers that keeps them (``OperationEntry/keepsNumbers``).
    /// A number broadcasts over the vector it is combined with.
    public func isNumber(where variable: (NodeID) -> Bool) -> Bool {
        if case .variable(let id) = self { return variable(id) }
        if isScalar { return true }
        guard let (entry, arguments) = call, entry.keepsNumbers else { return false }
        return arguments.allSatisfy { $0.isNumber(where: variable) }
    }
}
