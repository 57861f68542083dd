import RNNGraphCore

extension GradientCheck {
    /// Refuses, before the model is unrolled at its full length, a finite-difference check of
    /// the loss that would cost more than ``maximumFiniteDifferenceWork`` multiply-adds.
    ///
    /// The work is measured on the model unrolled at lengths 1, 2 and 3 with the file's first
    /// entries: the entries differentiated and the cost of a forward pass both grow linearly
    /// with N, so the work is a quadratic in N, extrapolated exactly from the three. Nothing is
    /// refused when the file does not fit the short models; binding it at full length reports why.
    /// - Throws: `RNNGraphError/usage(_:)` with the estimate.
    public static func checkFiniteDifferenceCost(_ file: ValuesFile, options: ModelOptions) throws {
        guard options.length > 3 else { return }
        var work: [Double] = []
        for length in 1...3 {
            var probe = options
            probe.length = length
            guard let model = try? Model(probe), let values = try? file.values(for: model),
                  let loss = model.graph.loss?.id else { return }
            let forward = ForwardPass(values)
            let variables = differentiableVariables(of: model.graph) + adjointVariables(of: model.graph, target: loss)
            work.append(finiteDifferenceWork(forward, variables: variables))
        }
        // The quadratic a + b n + c n² through the three measurements.
        let c = (work[2] - 2 * work[1] + work[0]) / 2
        let b = work[1] - work[0] - 3 * c
        let a = work[0] - b - c
        let n = Double(options.length)
        let estimate = a + b * n + c * n * n
        guard estimate > maximumFiniteDifferenceWork else { return }
        throw RNNGraphError.usage(
            "the finite-difference check at length \(options.length) would take about "
            + "\(NumberFormat.short(estimate, digits: 2)) multiply-adds, above the limit of "
            + "\(NumberFormat.short(maximumFiniteDifferenceWork, digits: 2)); it grows as the square of the length and "
            + "the fourth power of the hidden size: use fewer steps or smaller tensors")
    }
}
