extension Primitive {
    /// How a figure's operations view names the step, as plain Unicode (for Graphviz labels)
    /// and as LaTeX math (for TikZ): its operation's symbol (``OperationEntry/symbol``), the fused
    /// cross-entropy of a softmax the two composed.
    package var symbol: (text: String, latex: String) {
        if self == .softmaxCrossEntropy {
            let (ce, softmax) = (CrossEntropy().symbol, Softmax().symbol)
            return ("\(ce.text)∘\(softmax.text)", "\(ce.latex)\\circ\(softmax.latex)")
        }
        // The step's operation, found by building it on arguments its symbol does not read.
        let placeholders = [Expression](repeating: .constant(0), count: 2)
        return expression(placeholders).call!.entry.symbol
    }

    /// The expression computing this step of `arguments` (the inverse of
    /// `Expression.primitive`): arguments in the order that property gives them.
    package func expression(_ arguments: [Expression]) -> Expression {
        switch self {
        case .matrixProduct: return .product(arguments[0], arguments[1])
        case .sum: return .sum(arguments)
        case .activation(let f): return .activation(f, arguments[0])
        case .softmax: return .softmax(arguments[0])
        case .squaredError: return .squaredError(target: arguments[0], prediction: arguments[1])
        case .crossEntropy: return .crossEntropy(target: arguments[0], prediction: arguments[1])
        case .softmaxCrossEntropy: return .crossEntropy(target: arguments[0], prediction: .softmax(arguments[1]))
        case .inner: return .inner(weights: arguments[0], value: arguments[1])
        case .mean: return .mean(arguments)
        case .general(let operation): return .apply(operation, arguments)
        }
    }
}
