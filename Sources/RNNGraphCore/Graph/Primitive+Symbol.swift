extension Primitive {
    /// How a figure's operations view names the step, as plain Unicode (for
    /// Graphviz labels) and as LaTeX math (for TikZ): the one table of these names.
    package var symbol: (text: String, latex: String) {
        switch self {
        case .matrixProduct: return ("×", "\\times")
        case .sum: return ("+", "+")
        case .activation(.tanh): return ("tanh", "\\tanh")
        case .activation(.sigmoid): return ("σ", "\\sigma")
        case .activation(.relu): return ("ReLU", "\\mathrm{ReLU}")
        case .activation(.identity): return ("id", "\\mathrm{id}")
        case .softmax: return ("softmax", "\\mathrm{softmax}")
        case .squaredError: return ("SE", "\\mathrm{SE}")
        case .crossEntropy: return ("CE", "\\mathrm{CE}")
        case .softmaxCrossEntropy: return ("CE∘softmax", "\\mathrm{CE}\\circ\\mathrm{softmax}")
        case .inner: return ("Σ ⊙", "\\sum\\odot")
        case .mean: return ("mean", "\\mathrm{mean}")
        case .general(.hadamard): return ("⊙", "\\odot")
        case .general(.negate): return ("−", "-")
        case .general(.power(let k)): return ("^\(k)", "{\\cdot}^{\(k)}")
        case .general(.transpose): return ("^T", "{\\cdot}^{\\top}")
        case .general(.stack): return ("[ ; ]", "[\\,;\\,]")
        case .general(.exp): return ("exp", "\\exp")
        case .general(.log): return ("log", "\\log")
        case .general(.entrySum): return ("Σ", "\\sum")
        case .general(.catalogued(let operation)): return operation.definition.symbol
        }
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
