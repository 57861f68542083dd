extension UnrollingBuilder {
    /// CS231n / PyTorch, row vectors (batch × features):
    /// `h_t = tanh(x_t W_x + h_{t-1} W_h + b)`; the loss reaches every `h_t`
    /// through given upstream gradients `G_t = ∂ℓ_t/∂h_t`, as `L = Σ_t ⟨G_t, h_t⟩`.
    mutating func buildPyTorch() {
        parameter(Notation.parameter("W", sub: "x"))
        parameter(Notation.parameter("W", sub: "h"))
        if options.biases { parameter(Notation.parameter("b")) }
        var previous = graph.leaf(.initialState, Notation.hidden, time: 0)
        let steps = options.steps
        let inputs = steps.map { graph.leaf(.input, Notation.input, time: $0) }
        let upstream = steps.map { t in contributes(t) ? graph.leaf(.target, Notation.upstream, time: t) : nil }
        for (k, t) in steps.enumerated() {
            var terms: [Expression] = [.product(.variable(inputs[k]), use("Wx", at: t)),
                                       .product(.variable(previous), use("Wh", at: t))]
            if options.biases { terms.append(use("b", at: t)) }
            let h = hidden(.sum(terms), at: t)
            if let g = upstream[k] {
                stepLoss(.inner(weights: .variable(g), value: .variable(h)), at: t)
            }
            previous = h
        }
    }
}
