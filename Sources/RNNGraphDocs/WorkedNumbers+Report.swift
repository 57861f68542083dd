import RNNGraphKit

extension WorkedNumbers {
    /// Worked numbers from an evaluated values file: every variable's value
    /// (given and computed, in graph order, per-step parameter copies left out),
    /// the loss, the gradients by reverse accumulation, the adjoints of the computed
    /// variables from the loss down (the δ values), a pgfplots plot of the contributions
    /// to the parameters' gradients by lag, and the line saying how
    /// well path sums, reverse accumulation and finite differences agree.
    ///
    /// ```swift
    /// let file = try ValuesFile.read("Docs/examples/lab-2x2.json")
    /// let options = ModelOptions(model: .cs187, length: try file.impliedLength(for: ModelOptions()))
    /// let model = try Model(options)
    /// let report = try NumericReport(try file.values(for: model))
    /// let numbers = WorkedNumbers(report, timeStyle: options.defaultTimeStyle)
    /// ```
    /// - Parameters:
    ///   - report: the evaluated values and gradients.
    ///   - timeStyle: how variable names are written; use the document's
    ///     (``DocumentGenerator/timeStyle``) so the numbers match its formulas.
    ///   - digits: significant digits of every printed number.
    public init(_ report: NumericReport, timeStyle: TimeIndexStyle, digits: Int = 6) {
        let forward = report.forward
        let graph = forward.graph
        let notation = DocumentNotation(graph: graph, timeStyle: timeStyle)
        func printed(_ id: NodeID, _ value: Tensor) -> String {
            Self.latex(value, rank: forward.inputs.rank(of: id, value: value), digits: digits)
        }
        let values = graph.variables
            .filter { $0.kind != .loss && $0.kind != .parameterCopy }
            .map { NumberRow(name: notation.latex($0.id), value: printed($0.id, forward[$0.id])) }
        let loss = graph.loss.map { NumberFormat.short(forward[$0.id].scalar, digits: digits) } ?? ""
        let target = report.check.target
        let gradients = report.check.comparisons.map {
            NumberRow(name: notation.partial(target, $0.variable.id), value: printed($0.variable.id, $0.reverse))
        }
        let adjoints = report.check.adjoints.reversed().map {
            NumberRow(name: notation.partial(target, $0.variable.id), value: printed($0.variable.id, $0.reverse))
        }
        var analysed = report
        if analysed.lags == nil { try? analysed.analyzeLags(truncation: nil) }
        let lagPlot = (try? LagPlot(analysed))?.pgfplots { notation.latex($0.id) } ?? ""
        self.init(values: values, loss: loss, gradients: gradients, adjoints: adjoints, lagPlot: lagPlot,
                  agreement: DocumentText(report.agreementLine))
    }

    /// A tensor as LaTeX math: a number, a row `bmatrix` transposed for a
    /// vector, or a `bmatrix` of rows.
    static func latex(_ tensor: Tensor, rank: Int, digits: Int) -> String {
        let short = { NumberFormat.short($0, digits: digits) }
        if rank == 0 && tensor.count == 1 { return short(tensor.scalar) }
        if rank <= 1 {
            let row = tensor.entries.map(short).joined(separator: " & ")
            return "\\begin{bmatrix} \(row) \\end{bmatrix}" + (tensor.cols == 1 && tensor.rows > 1 ? "^{\\top}" : "")
        }
        let rows = tensor.rowArrays.map { $0.map(short).joined(separator: " & ") }.joined(separator: " \\\\ ")
        return "\\begin{bmatrix} \(rows) \\end{bmatrix}"
    }
}
