extension UnrollingBuilder {
    /// CS187 lab 2-2: `h_t = σ(U x_t + V h_{t-1})`, `o_t = W h_t`,
    /// `L = Σ_{t=1}^{N} (x_{t+1} − o_t)²`, with `h_0` and `x_{N+1}` present.
    mutating func buildCS187() {
        for name in ["U", "V", "W"] { parameter(Notation.parameter(name)) }
        var previous = graph.leaf(.initialState, Notation.hidden, time: 0)
        let n = options.length
        let inputs = (1...n + 1).map { t in
            graph.leaf(t == n + 1 ? .target : .input, Notation.input, time: t)
        }
        for t in 1...n {
            let x = inputs[t - 1]
            let a: Expression = .sum([.product(use("U", at: t), .variable(x)),
                                      .product(use("V", at: t), .variable(previous))])
            let h = hidden(a, at: t)
            let o = graph.define(.output, Notation.output, time: t, as: .product(use("W", at: t), .variable(h)))
            if contributes(t) {
                stepLoss(.squaredError(target: .variable(inputs[t]), prediction: .variable(o)), at: t)
            }
            previous = h
        }
    }
}
