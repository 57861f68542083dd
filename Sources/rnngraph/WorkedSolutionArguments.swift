import ArgumentParser
import Foundation
import RNNGraphKit

extension DerivationArguments {
    /// Writes the worked solution when --latex (or --latex-out) comes with --values and
    /// returns `true`; returns `false` otherwise.
    /// - Throws: ``RNNGraphError/failure(_:)`` after writing, when the path sum and
    ///   reverse accumulation disagree beyond --tolerance.
    func writeWorkedSolution(model: ModelArguments, figure: FigureArguments, values: ValuesArguments) throws -> Bool {
        guard latex || latexOut != nil, let path = values.values else { return false }
        let stray = [(values.json, "--json"), (values.annotate != nil, "--annotate"), (paths, "--paths"),
                     (count, "--count"), (highlight != nil, "--highlight"), (form != .expanded, "--form"),
                     (truncate != nil, "--truncate"), (values.lags, "--lags"), (values.lagPlot != nil, "--lag-plot"),
                     (!figure.outputs.isEmpty, "a figure output")].first { $0.0 }
        if let stray {
            throw RNNGraphError.usage("\(stray.1) does not apply to --latex --values: the worked solution is "
                                      + "the expanded chain rule with numbers")
        }
        try validate(hasFigures: false)
        try values.checkTolerance()
        let (built, numbers) = try values.load(path, model: model)
        let d = try derivation(of: built)
        let settings = LaTeXSettings(timeStyle: latexTimeStyle ?? figure.timeStyle ?? built.options.defaultTimeStyle,
                                     arguments: arguments, numberTerms: false, productOrder: d.isVector)
        if !d.ofIndices.isEmpty || !d.wrtIndices.isEmpty || !ForwardPass(numbers)[d.of.id].isScalar {
            // An entry or a vector quantity: the Jacobian's numbers, slice by slice.
            let report = try JacobianReport(numbers, of: of, wrt: wrt ?? d.wrtName,
                                            tolerance: values.tolerance ?? GradientCheck.defaultTolerance)
            let text = JacobianLaTeXPrinter(settings: settings).latex(report)
            try OutputFile.stream(to: latexOut ?? "-") { stream in
                if standalone { stream.write(LaTeXPrinter.standaloneHeader) }
                stream.write(text)
                if standalone { stream.write(LaTeXPrinter.standaloneFooter) }
            }
            guard report.agrees else {
                throw RNNGraphError.failure("the three Jacobian computations disagree: largest difference "
                                            + "\(report.jacobian.largestDifference) exceeds the tolerance \(report.tolerance)")
            }
            return true
        }
        if of != nil && !d.hasPath {
            throw RNNGraphError.usage("\(d.ofName) does not depend on \(d.wrtName); choose another --of or --wrt")
        }
        try d.checkSize(limit: maxTerms)
        let printer = WorkedSolutionPrinter(settings: settings)
        var summary: WorkedSolutionPrinter.Summary?
        try OutputFile.stream(to: latexOut ?? "-") { stream in
            if standalone { stream.write(LaTeXPrinter.standaloneHeader) }
            summary = try printer.write(d, values: numbers, limit: maxTerms, to: &stream)
            if standalone { stream.write(LaTeXPrinter.standaloneFooter) }
        }
        let tolerance = values.tolerance ?? GradientCheck.defaultTolerance
        if let summary, summary.largestDifference > tolerance {
            throw RNNGraphError.failure("the path sum and reverse accumulation disagree: largest difference "
                                        + "\(summary.largestDifference) exceeds the tolerance \(tolerance)")
        }
        return true
    }
}
