import ArgumentParser
import Foundation
import RNNGraphKit
import RNNGraphRender

extension AnnotationKind: ExpressibleByArgument {}

/// Options that evaluate the model on numbers from a values file.
struct ValuesArguments: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Evaluate on the numbers in this JSON values file ('-' for standard input): values, loss, "
        + "and gradients checked three ways.", valueName: "file"), completion: .file(extensions: ["json"]))
    var values: String?

    @Flag(help: "With --values: print JSON instead of a table.")
    var json = false

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "With --values: largest relative disagreement allowed between the three gradient computations "
        + "(default \(GradientCheck.defaultTolerance)).", valueName: "x"))
    var tolerance: Double?

    @Option(help: ArgumentHelp(
        "With --values and a figure output: write values or gradients on the nodes.", valueName: "kind"))
    var annotate: AnnotationKind?

    @Flag(help: ArgumentHelp("With --values: the norm of each lag's contribution to the parameters' gradients "
                             + "(the sum over the paths reaching back k steps)."))
    var lags = false

    @Option(help: ArgumentHelp("With --values: plot the contributions by lag as an SVG file.", valueName: "file"),
            completion: .file(extensions: ["svg"]))
    var lagPlot: String?

    /// Handles the request when --values is given and returns `true`; returns `false` otherwise.
    /// - Throws: ``RNNGraphError/failure(_:)`` after printing, when the gradients disagree.
    /// `of` is the scalar differentiated instead of L (the chain rule's `--of`).
    /// `wrt` asks for the Jacobian `∂of/∂wrt` instead of the full report.
    /// `truncate` adds the truncated gradients beside the full ones.
    func run(model: ModelArguments, figure: FigureArguments, of: String?, wrt: String?, truncate: Int?) throws -> Bool {
        guard let path = values else {
            let stray = [(json, "--json"), (tolerance != nil, "--tolerance"),
                         (annotate != nil, "--annotate"), (lags, "--lags"), (lagPlot != nil, "--lag-plot")].first { $0.0 }
            if let stray { throw RNNGraphError.usage("\(stray.1) needs --values FILE") }
            return false
        }
        try checkTolerance()
        let outputs = figure.outputs
        if annotate != nil && outputs.isEmpty {
            throw RNNGraphError.usage("--annotate writes on a figure: add an output such as --pdf out.pdf or --svg FILE")
        }

        if let wrt {
            if let stray = [(lags, "--lags"), (lagPlot != nil, "--lag-plot"), (truncate != nil, "--truncate")]
                .first(where: \.0) {
                throw RNNGraphError.usage("\(stray.1) does not apply to a Jacobian (--values with --wrt); leave --wrt out")
            }
            let (_, numbers) = try load(path, model: model)
            let report = try JacobianReport(numbers, of: of, wrt: wrt,
                                            tolerance: tolerance ?? GradientCheck.defaultTolerance)
            try CheckedWriter.standardOutput.write(json ? report.json : report.text)
            guard report.agrees else {
                throw RNNGraphError.failure("the three Jacobian computations disagree: largest difference "
                                            + "\(report.jacobian.largestDifference) exceeds the tolerance \(report.tolerance)")
            }
            return true
        }
        var (built, report) = try evaluate(path, model: model, of: of)
        if lags || lagPlot != nil || truncate != nil { try report.analyzeLags(truncation: truncate) }
        let plot = try lagPlot.map { _ in try LagPlot(report).svg }

        let stdoutTaken = outputs.contains { OutputFile.isStandardOutput($0.path) }
            || lagPlot.map(OutputFile.isStandardOutput) == true
        // Figures are rendered in memory first: a bad --show fails before anything is written.
        var rendered: [(data: Data, path: String)] = []
        if !outputs.isEmpty {
            let drawing = try Figure(built, options: FigureOptions(
                show: figure.shownNames, timeStyle: figure.timeStyle,
                annotations: annotate.map(report.annotations) ?? [:], legend: !figure.noLegend, parameters: figure.parameters))
            for output in outputs {
                rendered.append((try GraphvizRenderer.render(drawing, format: output.format,
                                                       tikzWidth: figure.tikzWidth ?? TikZPrinter.defaultWidth), output.path))
            }
        }
        // Every output is committed together: all or none.
        let transaction = OutputTransaction()
        if !stdoutTaken { try transaction.write(json ? report.json : report.text, to: "-") }
        for file in rendered { try transaction.write(file.data, to: file.path) }
        if let lagPlot, let plot { try transaction.write(plot, to: lagPlot) }
        try transaction.commit()
        try Self.requireAgreement(report)
        return true
    }

    /// Reads the values file at `path`, builds the model (N follows from the
    /// file when --length is absent) and evaluates it.
    func evaluate(_ path: String, model: ModelArguments, of: String?) throws -> (Model, NumericReport) {
        let (built, values) = try load(path, model: model, checkingCost: of == nil)
        let report = try NumericReport(values, of: of, tolerance: tolerance ?? GradientCheck.defaultTolerance)
        return (built, report)
    }

    /// Reads the values file at `path` and builds the model (N follows from the
    /// file when --length is absent), without evaluating it.
    /// With `checkingCost`, refuses a gradient check of the loss that would take too long, before unrolling.
    func load(_ path: String, model: ModelArguments, checkingCost: Bool = false) throws -> (Model, VariableValues) {
        let file = try ValuesFile.read(path)
        let options = try model.options(defaultLength: file.impliedLength(for: try model.options()))
        try file.checkInputs(for: options)  // before unrolling, which is long at large --length
        let variables = try Model.variableCount(for: options)
        guard variables <= Self.maximumVariables else {
            throw RNNGraphError.usage("evaluating the numbers at length \(options.length) would unroll \(variables) "
                                      + "variables, above the limit of \(Self.maximumVariables); use fewer steps")
        }
        if checkingCost { try GradientCheck.checkFiniteDifferenceCost(file, options: options) }
        let built = try Model(options)
        return (built, try file.values(for: built, lengthFromFile: model.length == nil))
    }

    /// The most variables a model evaluated on a values file may unroll to: every check of the
    /// numbers (finite differences, path sums) is refused far below it, so this bounds the work
    /// done before they are.
    static let maximumVariables = 200_000

    /// Rejects a negative or non-finite --tolerance.
    func checkTolerance() throws {
        if let tolerance, !(tolerance >= 0 && tolerance.isFinite) {
            throw RNNGraphError.usage("--tolerance must be a finite number ≥ 0, got \(tolerance)")
        }
    }

    /// - Throws: ``RNNGraphError/failure(_:)`` when the three gradient computations disagree.
    static func requireAgreement(_ report: NumericReport) throws {
        let agreement = report.check.agreement
        if agreement.agrees, let lags = report.lags, !report.agrees {
            throw RNNGraphError.failure(
                "the gradients by lag disagree: their sum differs from the full gradient by \(lags.lagSumVersusReverse), "
                + "the truncated one from the path sum by \(lags.truncatedPathSumVersusReverse ?? 0); "
                + "tolerance \(agreement.tolerance)")
        }
        guard agreement.agrees else {
            throw RNNGraphError.failure(
                "the three gradient computations disagree: largest difference \(agreement.largest)"
                + "\(agreement.worstEntry.map { " at \($0)" } ?? "") exceeds the tolerance \(agreement.tolerance)")
        }
    }
}
