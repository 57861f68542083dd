import RNNGraphKit
import RNNGraphRender

/// What one run of `rnngraph` does: its mode and the outputs it writes, resolved from the
/// options in one place, ``init(_:)``, after the option rules (``rules``). The run switches
/// over it once.
enum Request: Equatable {
    /// `--print-model`: the model's text on standard output.
    case printModel
    /// `--print-roles`: every name of the model with its role, on standard output.
    case printRoles
    /// `--code`: the forward and backward passes as a Python module, written to `destination`.
    case code(CodePrinter.Target, destination: String)
    /// `--html`: the explorer page, with the numbers of a values file when one is given.
    case explorer(page: String, values: String?, names: NamedQuantities)
    /// `--document`: a document through its template (with the worked numbers of a values
    /// file when one is given), and any figures of the same model.
    case document(file: String, values: String?, figures: [FigureOutput])
    /// `--latex --values`: the worked solution, written to `destination`.
    case workedSolution(values: String, destination: String, names: NamedQuantities)
    /// `--values --wrt`: one Jacobian, checked three ways, on standard output.
    case jacobian(values: String, names: NamedQuantities)
    /// `--values`: values, loss and gradients checked three ways; figures annotated with them,
    /// contributions by lag and their plot.
    case numbers(values: String, names: NamedQuantities, figures: [FigureOutput], lagPlot: String?)
    /// Figures of the graph (the unrolled graph, or one step as a cell) and the chain rule as
    /// text (`--count`, `--paths`, `--latex`), in one run.
    case draw(figures: [FigureOutput], view: FigureView, text: DerivationText?, names: NamedQuantities)

    /// What a figure draws.
    enum FigureView: Equatable {
        /// The unrolled graph (or the variables of --show), paths highlighted by --highlight.
        case unrolled
        /// One step as the textbook cell diagram (`--cell`).
        case cell
    }

    /// The chain rule's text outputs.
    struct DerivationText: Equatable {
        /// `--count`: the number of paths, on standard output.
        var count: Bool
        /// `--paths`: the paths, on standard output.
        var paths: Bool
        /// `--latex` or `--latex-out`: where the formula goes (`-` for standard output).
        var latex: String?
    }

    /// The modes, as the option rules (``rules``) tell them apart, in the order the options
    /// outrank each other (``chosen(by:)``).
    enum Mode: Comparable {
        case printModel, printRoles, code, explorer, document, workedSolution, jacobian, numbers, draw
    }

    /// The request's mode.
    var mode: Mode {
        switch self {
        case .printModel: return .printModel
        case .printRoles: return .printRoles
        case .code: return .code
        case .explorer: return .explorer
        case .document: return .document
        case .workedSolution: return .workedSolution
        case .jacobian: return .jacobian
        case .numbers: return .numbers
        case .draw: return .draw
        }
    }

    /// The request `options` make.
    /// - Throws: ``RNNGraphError/usage(_:)`` for the first rule of ``rules`` the options break:
    ///   an option the mode does not use, one that needs another, a value out of range.
    init(_ options: RunOptions) throws {
        let request = Self.chosen(by: options)
        if let broken = Self.rules.first(where: { $0.isBroken(options, request.mode) }) {
            throw RNNGraphError.usage(broken.message(options))
        }
        self = request
    }

    /// The request the options choose, before the rules: the first of --print-model,
    /// --print-roles, --code, --html, --document, --values (with --latex a worked solution,
    /// with --wrt a Jacobian) that is given, else figures and the chain rule's text.
    static func chosen(by options: RunOptions) -> Request {
        let d = options.derivation
        let names = NamedQuantities(of: d.of, wrt: d.wrt)
        let figures = options.figure.outputs
        if options.model.printModel { return .printModel }
        if options.model.printRoles { return .printRoles }
        if let target = options.code.code { return .code(target, destination: options.code.codeOut ?? "-") }
        if let page = options.figure.html { return .explorer(page: page, values: options.numbers.values, names: names) }
        if let file = options.document.document {
            return .document(file: file, values: options.numbers.values, figures: figures)
        }
        if let values = options.numbers.values {
            if d.latex || d.latexOut != nil {
                return .workedSolution(values: values, destination: d.latexOut ?? "-", names: names)
            }
            if d.wrt != nil { return .jacobian(values: values, names: names) }
            return .numbers(values: values, names: names, figures: figures, lagPlot: options.numbers.lagPlot)
        }
        let text = d.requested
            ? DerivationText(count: d.count, paths: d.paths, latex: d.latex || d.latexOut != nil ? d.latexOut ?? "-" : nil)
            : nil
        return .draw(figures: figures, view: options.figure.cell ? .cell : .unrolled, text: text, names: names)
    }
}

/// One figure output: its format and its path (`-` for standard output).
struct FigureOutput: Equatable {
    let format: RenderFormat
    let path: String
}
