import ArgumentParser
import Foundation
import RNNGraphKit

/// The forms of the chain rule the command line offers.
enum FormArgument: String, SpelledArgument {
    case expanded, compact, merged, recursive
}

extension LocalForm: SpelledArgument {}
extension ShapeLayout: SpelledArgument {}

/// Options that ask for the chain rule over paths.
struct DerivationArguments: ParsableArguments {
    @Flag(help: "Print the derivative as LaTeX (an align* fragment); with --values, a worked solution with numbers.")
    var latex = false

    @Flag(help: "List the paths from --wrt to --of, numbered like the terms.")
    var paths = false

    @Flag(help: "Print only the number of paths.")
    var count = false

    @Option(help: ArgumentHelp("Variable to differentiate by (default: the model's first parameter; also h0, x2, …, "
                               + "or an entry with 1-based indices: 'U[1,2]'). With --values: the Jacobian of --of.",
                               valueName: "name"), completion: VariableCompletion.kind())
    var wrt: String?

    @Option(help: ArgumentHelp("Quantity differentiated (default: the loss L; also o2, h3, …, or an entry: 'h1[1]').",
                               valueName: "name"), completion: VariableCompletion.kind())
    var of: String?

    @Option(help: "expanded (one product per path), compact (Σ + Σ(Σ(Π)), any N), merged (one double sum) or recursive (BPTT δ).")
    var form: FormArgument = .expanded

    @Option(help: "Local partials: symbolic (∂h_t/∂U) or closed (their closed forms, shaped by --layout).")
    var local: LocalForm = .symbolic

    @Option(help: "Shapes of closed forms: scalar, columns or rows (default: scalar for cs187, columns for goodfellow, rows for pytorch).")
    var layout: ShapeLayout?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Truncated backpropagation through time: keep only paths through at most K recurrent steps, in --paths, "
        + "--count, --latex (expanded, compact, merged) and --values (truncated and full gradients side by side).",
        valueName: "K"))
    var truncate: Int?

    @Flag(help: "Write element-wise steps of closed forms as g ⊙ s instead of diag(s) g in --layout columns (rows always use ⊙).")
    var hadamard = false

    @Flag(help: "Show each partial's arguments, as the lab writes ∂h_t(U, V, h_{t-1}, x_t)/∂U.")
    var arguments = false

    @Flag(help: "Wrap the LaTeX in a document that compiles with pdflatex.")
    var standalone = false

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Refuse expanded formulas and path lists longer than this.", valueName: "n"))
    var maxTerms = Derivation.defaultTermLimit

    @Option(help: ArgumentHelp("Draw path K (as numbered by --paths) in colour over a faded graph, or 'all' paths as a grid of panels, one per term.",
                               valueName: "K|all"))
    var highlight: String?

    @Option(help: ArgumentHelp("Write the LaTeX to this file instead of standard output.", valueName: "file"),
            completion: .file(extensions: ["tex"]))
    var latexOut: String?

    @Option(help: "Time index in formulas: subscript, parenthesized or bracketed (default: --time-style, else the model's).")
    var latexTimeStyle: TimeIndexStyle?

    /// The most paths `--highlight all` draws, one panel each: a figure
    /// grows by about ``highlightBytes`` per highlighted path, and Graphviz's time with it.
    static let maximumHighlights = 100
    /// Size of one highlighted path in an SVG figure, in bytes: 673 MB for the
    /// 45,150 paths of N = 300.
    static let highlightBytes = 15_000

    /// Whether any text output about the derivative was requested.
    var requested: Bool { latex || paths || count || latexOut != nil }

    /// These options with --of and --wrt replaced by `names` (their canonical form, ``NamedQuantities/resolved(for:)``).
    func naming(_ names: NamedQuantities) -> DerivationArguments {
        var named = self
        named.of = names.of
        named.wrt = names.wrt
        return named
    }

    /// The derivation the options describe, on an unrolled model.
    func derivation(of model: Model) throws -> Derivation {
        try Derivation(model: model, of: of, wrt: wrt, local: local, layout: layout, hadamard: hadamard)
            .truncated(to: truncate)
    }

    /// The derivation the options describe, unrolled only when needed.
    func derivation(_ options: ModelOptions) throws -> Derivation {
        let d = try Derivation(options: options, of: of, wrt: wrt, local: local, layout: layout, hadamard: hadamard)
            .truncated(to: truncate)
        try d.checkTruncation()
        return d
    }

    /// Refuses, before anything is written, what ``run(_:text:timeStyle:in:)`` would refuse:
    /// an --of that does not depend on --wrt, an expanded formula above --max-terms.
    func check(_ options: ModelOptions, text: Request.DerivationText) throws {
        let d = try derivation(options)
        if of != nil && !d.hasPath {
            throw RNNGraphError.usage("\(d.ofName) does not depend on \(d.wrtName); choose another --of or --wrt")
        }
        if text.paths || (text.latex != nil && form == .expanded) { try d.checkSize(limit: maxTerms) }
    }

    /// Writes `text` into `outputs`: the count, the paths, the LaTeX; `timeStyle` (the
    /// figure's) applies when --latex-time-style is absent. The model is unrolled only for
    /// paths and the expanded form. Call ``check(_:text:)`` first.
    /// - Returns: a note to show once the outputs are written, or `nil`.
    func run(_ options: ModelOptions, text: Request.DerivationText, timeStyle: TimeIndexStyle? = nil,
             in outputs: OutputTransaction) throws -> String? {
        let d = try derivation(options)
        if text.count || text.paths {
            try outputs.stream(to: "-") { out in
                if text.count { out.write("\(try d.count)\n") }
                if text.paths { try PathPrinter().write(d, limit: maxTerms, to: &out) }
            }
        }
        if let destination = text.latex {
            let settings = LaTeXSettings(timeStyle: latexTimeStyle ?? timeStyle ?? options.defaultTimeStyle, arguments: arguments,
                                         productOrder: d.isVector)
            let printer = LaTeXPrinter(settings: settings)
            try outputs.stream(to: destination) { stream in
                if standalone { stream.write(LaTeXPrinter.standaloneHeader) }
                switch form {
                case .expanded: try printer.writeExpanded(d, limit: maxTerms, to: &stream)
                case .compact: try printer.writeCompact(d, shape: .split, to: &stream)
                case .merged: try printer.writeCompact(d, shape: .merged, to: &stream)
                case .recursive: try printer.writeRecursive(d, to: &stream)
                }
                if standalone { stream.write(LaTeXPrinter.standaloneFooter) }
            }
        }
        guard d.hasPath else { return "\(d.ofName) does not depend on \(d.wrtName): no path, the derivative is 0" }
        return latex || latexOut != nil ? d.broadcastNote : nil
    }

    /// The highlights for the figure: path K, or every path (one panel each).
    func highlights(_ model: Model) throws -> [Highlight] {
        guard let highlight else { return [] }
        let d = try derivation(of: model)
        let total = try d.count
        func edges(_ path: [NodeID]) -> [Highlight.Edge] {
            zip(path, path.dropFirst()).map { Highlight.Edge($0, $1) }
        }
        if highlight == "all" {
            guard total <= Self.maximumHighlights else {
                let megabytes = Double(total) * Double(Self.highlightBytes) / 1e6
                throw RNNGraphError.usage(
                    "--highlight all would draw \(total) paths (a figure of about \(Int(megabytes.rounded())) MB), "
                    + "above the limit of \(Self.maximumHighlights); choose one path with --highlight K "
                    + "or a smaller --length")
            }
            var result: [Highlight] = []
            for (k, path) in d.paths.enumerated() {
                result.append(Highlight(edges: edges(path), caption: "term \(k + 1)"))
            }
            return result
        }
        guard let k = Int(highlight), k >= 1, total >= k else {
            throw RNNGraphError.usage(
                "--highlight takes a term number from 1 to \(total) or 'all', got '\(highlight)'")
        }
        guard let path = d.paths.dropFirst(k - 1).first(where: { _ in true }) else {
            throw RNNGraphError.usage("--highlight \(k): no such path")
        }
        return [Highlight(edges: edges(path), caption: "term \(k)")]
    }
}
