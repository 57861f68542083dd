import ArgumentParser
import Foundation
import RNNGraphKit
import RNNGraphRender

extension AnnotationKind: SpelledArgument {}

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

    /// Writes the Jacobian `∂of/∂wrt` of `names` on the numbers of the values file at `path`.
    /// - Throws: ``RNNGraphError/failure(_:)`` after printing, when the three computations disagree.
    func writeJacobian(_ path: String, names: NamedQuantities, model: ModelArguments) throws {
        let (built, numbers) = try load(path, model: model)
        let resolved = try names.resolved(for: built.options)
        guard let wrt = resolved.wrt else { preconditionFailure("a Jacobian is asked for with --wrt") }
        let report = try JacobianReport(numbers, of: resolved.of, wrt: wrt,
                                        tolerance: tolerance ?? GradientCheck.defaultTolerance)
        try CheckedWriter.standardOutput.write(json ? report.json : report.text)
        guard report.agrees else {
            throw RNNGraphError.failure("the three Jacobian computations disagree: largest difference "
                                        + "\(report.jacobian.largestDifference) exceeds the tolerance \(report.tolerance)")
        }
    }

    /// Writes the report on the numbers of the values file at `path` (values, loss and the
    /// gradients of `names.of`, default the loss), with `figures` annotated by --annotate, and
    /// with --lags and `lagPlot` the contributions by lag; `truncate` adds the truncated
    /// gradients beside the full ones. The report itself goes to standard output when
    /// `toStandardOutput` (the output plan's ``OutputPlan/writesReport``).
    /// - Throws: ``RNNGraphError/failure(_:)`` after writing, when the gradients disagree.
    func writeReport(_ path: String, of names: NamedQuantities, figures: [FigureOutput], lagPlot: String?,
                     toStandardOutput: Bool, model: ModelArguments, figure: FigureArguments, truncate: Int?) throws {
        var (built, report) = try evaluate(path, model: model, of: names)
        if lags || lagPlot != nil || truncate != nil { try report.analyzeLags(truncation: truncate) }
        let plot = try lagPlot.map { _ in try LagPlot(report).svg }

        // Figures are rendered in memory first: a bad --show fails before anything is written.
        var rendered: [(data: Data, path: String)] = []
        if !figures.isEmpty {
            let drawing = try Figure(built, options: FigureOptions(
                show: figure.shownNames, timeStyle: figure.timeStyle,
                annotations: annotate.map(report.annotations) ?? [:], legend: !figure.noLegend, parameters: figure.parameters))
            for output in figures {
                rendered.append((try GraphvizRenderer.render(drawing, format: output.format,
                                                       tikzWidth: figure.tikzWidth ?? TikZPrinter.defaultWidth), output.path))
            }
        }
        // Every output is committed together: all or none.
        let transaction = OutputTransaction()
        if toStandardOutput { try transaction.write(json ? report.json : report.text, to: "-") }
        for file in rendered { try transaction.write(file.data, to: file.path) }
        if let lagPlot, let plot { try transaction.write(plot, to: lagPlot) }
        try transaction.commit()
        try Self.requireAgreement(report)
    }

    /// Reads the values file at `path`, builds the model (N follows from the
    /// file when --length is absent) and evaluates it.
    /// `names.of` is read through ``NamedQuantities/resolved(for:)``.
    func evaluate(_ path: String, model: ModelArguments, of names: NamedQuantities) throws -> (Model, NumericReport) {
        let (built, values) = try load(path, model: model, checkingCost: names.of == nil)
        let of = try names.resolved(for: built.options).of
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
