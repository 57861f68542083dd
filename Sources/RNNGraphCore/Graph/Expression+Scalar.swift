extension Expression {
    /// Whether the expression is `1 × 1` whatever the sizes of its variables, as its operation
    /// states (``OperationEntry/isScalar(_:)``): a number, a loss term (a squared error, a
    /// cross-entropy, an inner product), a mean (of scalars), a sum of entries, and an element-wise
    /// function of such scalars. The model language reads it to sum a vector summand of a sum
    /// over time over its entries; the vector layouts read it so that an element-wise slope of a
    /// scalar scales rather than being `diag`.
    package var isScalar: Bool {
        if case .constant = self { return true }
        return call.map { $0.entry.isScalar($0.arguments) } ?? false
    }
}
