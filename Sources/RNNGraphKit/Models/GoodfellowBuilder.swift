extension UnrollingBuilder {
    /// Deep Learning §10.2: `a_t = b + W h_{t-1} + U x_t`, `h_t = tanh(a_t)`,
    /// `o_t = c + V h_t`, `ŷ_t = softmax(o_t)`, `L_t = CE(y_t, ŷ_t)`, `L = Σ_t L_t`.
    mutating func buildGoodfellow() {
        for name in ["U", "W", "V"] { parameter(Notation.parameter(name)) }
        if options.biases {
            parameter(Notation.parameter("b"))
            parameter(Notation.parameter("c"))
        }
        var previous: NodeID? = options.startsAtZero ? nil : graph.leaf(.initialState, Notation.hidden, time: 0)
        let steps = options.steps
        let inputs = steps.map { graph.leaf(.input, Notation.input, time: $0) }
        let targets = steps.map { t in contributes(t) ? graph.leaf(.target, Notation.target, time: t) : nil }
        for (k, t) in steps.enumerated() {
            var terms: [Expression] = []
            if options.biases { terms.append(use("b", at: t)) }
            if let previous { terms.append(.product(use("W", at: t), .variable(previous))) }
            terms.append(.product(use("U", at: t), .variable(inputs[k])))
            let h = hidden(.sum(terms), at: t)
            var scores: [Expression] = []
            if options.biases { scores.append(use("c", at: t)) }
            scores.append(.product(use("V", at: t), .variable(h)))
            let o = graph.define(.output, Notation.output, time: t,
                                 as: scores.count == 1 ? scores[0] : .sum(scores))
            if let y = targets[k] {
                switch options.outputLoss {
                case .softmax:
                    let prediction: Expression
                    if options.detail {
                        prediction = .variable(graph.define(.prediction, Notation.prediction, time: t,
                                                            as: .softmax(.variable(o))))
                    } else {
                        prediction = .softmax(.variable(o))
                    }
                    stepLoss(.crossEntropy(target: .variable(y), prediction: prediction), at: t)
                case .squared:
                    stepLoss(.squaredError(target: .variable(y), prediction: .variable(o)), at: t)
                }
            }
            previous = h
        }
    }
}
