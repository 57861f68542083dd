import ArgumentParser
import Foundation
import RNNGraphKit

extension DerivationArguments {
    /// Writes the worked solution of the values file at `path` to `destination`: the expanded
    /// chain rule with numbers, or for an entry or a vector quantity the Jacobian's numbers.
    /// - Throws: ``RNNGraphError/failure(_:)`` after writing, when the path sum and
    ///   reverse accumulation disagree beyond --tolerance.
    func writeWorkedSolution(values path: String, to destination: String, names: NamedQuantities,
                             model: ModelArguments, figure: FigureArguments, numbers values: ValuesArguments) throws {
        let (built, numbers) = try values.load(path, model: model)
        let named = naming(try names.resolved(for: built.options))
        try named.writeWorkedSolution(of: built, numbers, to: destination, figure: figure, tolerance: values.tolerance)
    }

    private func writeWorkedSolution(of built: Model, _ numbers: VariableValues, to destination: String,
                                     figure: FigureArguments, tolerance: Double?) throws {
        let d = try derivation(of: built)
        let settings = LaTeXSettings(timeStyle: latexTimeStyle ?? figure.timeStyle ?? built.options.defaultTimeStyle,
                                     arguments: arguments, numberTerms: false, productOrder: d.isVector)
        if !d.ofIndices.isEmpty || !d.wrtIndices.isEmpty || !ForwardPass(numbers)[d.of.id].isScalar {
            // An entry or a vector quantity: the Jacobian's numbers, slice by slice.
            let report = try JacobianReport(numbers, of: of, wrt: wrt ?? d.wrtName,
                                            tolerance: tolerance ?? GradientCheck.defaultTolerance)
            let text = JacobianLaTeXPrinter(settings: settings).latex(report)
            try OutputFile.stream(to: destination) { stream in
                if standalone { stream.write(LaTeXPrinter.standaloneHeader) }
                stream.write(text)
                if standalone { stream.write(LaTeXPrinter.standaloneFooter) }
            }
            guard report.agrees else {
                throw RNNGraphError.failure("the three Jacobian computations disagree: largest difference "
                                            + "\(report.jacobian.largestDifference) exceeds the tolerance \(report.tolerance)")
            }
            return
        }
        if of != nil && !d.hasPath {
            throw RNNGraphError.usage("\(d.ofName) does not depend on \(d.wrtName); choose another --of or --wrt")
        }
        try d.checkSize(limit: maxTerms)
        let printer = WorkedSolutionPrinter(settings: settings)
        var summary: WorkedSolutionPrinter.Summary?
        try OutputFile.stream(to: destination) { stream in
            if standalone { stream.write(LaTeXPrinter.standaloneHeader) }
            summary = try printer.write(d, values: numbers, limit: maxTerms, to: &stream)
            if standalone { stream.write(LaTeXPrinter.standaloneFooter) }
        }
        let tolerance = tolerance ?? GradientCheck.defaultTolerance
        if let summary, summary.largestDifference > tolerance {
            throw RNNGraphError.failure("the path sum and reverse accumulation disagree: largest difference "
                                        + "\(summary.largestDifference) exceeds the tolerance \(tolerance)")
        }
    }
}
