extension Expression {
    /// Whether the expression is `1 × 1` whatever the sizes of its variables: a number, a loss
    /// term (a squared error, a cross-entropy, an inner product), a mean (of scalars), a sum of
    /// entries, and an element-wise function of such scalars. The model language reads it to sum
    /// a vector summand of a sum over time over its entries; the vector layouts read it so that
    /// an element-wise slope of a scalar scales rather than being `diag`.
    package var isScalar: Bool {
        switch self {
        case .inner, .squaredError, .crossEntropy, .mean, .constant: return true
        case .variable, .product, .sum, .activation, .softmax: return false
        case .apply(let operation, let xs):
            switch operation {
            case .entrySum: return true
            case .negate, .exp, .log, .power: return xs[0].isScalar
            case .hadamard, .transpose, .stack: return false
            case .catalogued(let operation):
                if case .vector = operation.rule { return false }
                return xs.allSatisfy(\.isScalar)
            }
        }
    }
}
