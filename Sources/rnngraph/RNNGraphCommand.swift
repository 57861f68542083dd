import ArgumentParser
import Foundation
import RNNGraphDocs
import RNNGraphKit
import RNNGraphRender

/// The `rnngraph` command: parses options and delegates to the libraries.
@main
struct RNNGraphCommand: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "rnngraph",
        abstract: "Unroll a recurrent network, draw its computation graph and derive its gradients.",
        discussion: """
        Examples (lab.json stands for Docs/examples/lab-2x2.json):
          rnngraph --length 3 --pdf out.pdf      # the CS187 lab's graph, N = 3
          rnngraph --model goodfellow --detail --svg fig.svg
          rnngraph --show U,h1,o1,h2,o2,L --length 2 --png lab.png
          rnngraph --dot -                       # DOT text on standard output
          rnngraph --model lstm --cell --svg cell.svg    # one step as a cell
          rnngraph --model lstm --print-roles    # every name and its role
          rnngraph --latex --length 3 --wrt U    # ∂L/∂U, one term per path
          rnngraph --latex --form compact        # the formula for every N
          rnngraph --paths --count --wrt W
          rnngraph --highlight all --pdf paths.pdf   # every path, a panel each
          rnngraph --values lab.json             # values, loss and gradients
          rnngraph --latex --values lab.json     # a worked solution
          rnngraph --values lab.json --of 'h1[1]' --wrt U   # one Jacobian entry
          rnngraph --count --length 5 --truncate 1   # paths back one step
          rnngraph --values lab.json --lags --lag-plot lags.svg
          rnngraph --document notes.tex --values lab.json   # an article
        """,
        version: version
    )

    @OptionGroup(title: "Model") var model: ModelArguments
    @OptionGroup(title: "Figure") var figure: FigureArguments
    @OptionGroup(title: "Chain rule") var derivation: DerivationArguments
    @OptionGroup(title: "Numbers") var numbers: ValuesArguments
    @OptionGroup(title: "Document") var document: DocumentArguments
    @OptionGroup(title: "Code") var code: CodeArguments

    func run() throws {
        // One request, resolved from the options and checked against the option rules before any work.
        let request = try Request(self)
        switch request {
        case .printModel:
            try OutputFile.write(try model.modelText(), to: "-")
        case .printRoles:
            try OutputFile.write(try model.rolesTable(), to: "-")
        case .code(let target, let destination):
            try checked(request) { _ in try code.write(target, to: destination, model: model) }
        case .explorer(let page, let values, let names):
            try checked(request) { _ in try writeExplorer(to: page, values: values, names: names) }
        case .document(let file, let values, let figures):
            try checked(request) { plan in
                try document.write(file, template: plan.documentTemplate, model: model, figure: figure, figures: figures,
                                   values: values, numbers: numbers)
            }
        case .workedSolution(let values, let destination, let names):
            try checked(request) { _ in
                try derivation.writeWorkedSolution(values: values, to: destination, names: names, model: model,
                                                   figure: figure, numbers: numbers)
            }
        case .jacobian(let values, let names):
            try checked(request) { _ in try numbers.writeJacobian(values, names: names, model: model) }
        case .numbers(let values, let names, let figures, let lagPlot):
            try checked(request) { plan in
                try numbers.writeReport(values, of: names, figures: figures, lagPlot: lagPlot,
                                        toStandardOutput: plan.writesReport, model: model, figure: figure,
                                        truncate: derivation.truncate)
            }
        case .draw(let figures, let view, let text, let names):
            try checked(request) { _ in try draw(figures, view: view, text: text, names: names) }
        }
    }

    /// Checks the model's warnings (--strict refuses them) and every output of `request` before
    /// any work, runs `body`, and shows the warnings once it has succeeded.
    private func checked(_ request: Request, _ body: (OutputPlan) throws -> Void) throws {
        let warnings = try model.warnings()
        // Every output is checked before any work and before the first byte is written.
        let plan = try OutputPlan(self, request: request)
        try body(plan)
        for warning in warnings { try? CheckedWriter.standardError.write("rnngraph: \(EchoedText.sanitize(warning))\n") }
    }

    /// Writes `figures` of the graph (or of one step, as a cell) and the chain rule's `text`.
    private func draw(_ figures: [FigureOutput], view: Request.FigureView, text: Request.DerivationText?,
                      names: NamedQuantities) throws {
        let options = try model.options()
        // Refuse a figure too large to lay out or write before unrolling the model.
        if !figures.isEmpty {
            let nodes = try figure.estimatedNodes(options)
            for output in figures { try GraphvizRenderer.checkSize(nodes: nodes, format: output.format) }
        }
        let derivation = text != nil || self.derivation.highlight != nil
            ? self.derivation.naming(try names.resolved(for: options)) : self.derivation
        if let text { try derivation.check(options, text: text) }
        // Figures are rendered in memory first: a bad --show or --highlight fails before any text is written.
        var rendered: [(data: Data, path: String)] = []
        if !figures.isEmpty {
            let built = try Model(options)
            let drawing = view == .cell
                ? try Figure(cellOf: built, timeStyle: figure.timeStyle, legend: !figure.noLegend)
                : try Figure(built, options: FigureOptions(
                    show: figure.shownNames, timeStyle: figure.timeStyle, highlights: derivation.highlights(built),
                    legend: !figure.noLegend, parameters: figure.parameters))
            for output in figures {
                rendered.append((try GraphvizRenderer.render(drawing, format: output.format,
                                                       tikzWidth: figure.tikzWidth ?? TikZPrinter.defaultWidth), output.path))
            }
        }
        // Every output is committed together: all or none.
        let transaction = OutputTransaction()
        var note: String?
        if let text { note = try derivation.run(options, text: text, timeStyle: figure.timeStyle, in: transaction) }
        for file in rendered { try transaction.write(file.data, to: file.path) }
        try transaction.commit()
        if let note { Self.report(note, as: "note") }
    }

    /// Writes the explorer page of the model and the derivation to `path`.
    /// With a values file, the numbers are shown at the values' length.
    private func writeExplorer(to path: String, values: String?, names: NamedQuantities) throws {
        let loaded = try values.map { try numbers.load($0, model: model) }
        let options = try loaded?.0.options ?? model.options()
        try GraphvizRenderer.checkSize(nodes: try figure.estimatedNodes(options), format: .svg)
        let resolved = try names.resolved(for: options)
        let content = try ExplorerContent(options: options, of: resolved.of, wrt: resolved.wrt,
                                          modelText: try model.modelText(), timeStyle: figure.timeStyle ?? .subscript_,
                                          values: loaded?.1)
        let transaction = OutputTransaction()
        try transaction.write(Data(try ExplorerPage.html(content).utf8), to: path)
        try transaction.commit()
    }

    /// Runs the command; errors become one line on standard error and an exit code:
    /// 64 usage, 65 bad input data, 70 internal failure or disagreement,
    /// 73 cannot create an output, 74 input/output error.
    static func main() {
        // A closed pipe or a file past its size limit is a write error with a message,
        // not a silent death by SIGPIPE or SIGXFSZ.
        signal(SIGPIPE, SIG_IGN)
        signal(SIGXFSZ, SIG_IGN)
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            if arguments.isEmpty {
                try CheckedWriter.standardOutput.write(helpMessage() + "\n")
                return
            }
            try RepeatedOptions.check(arguments)
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch let error as RNNGraphError {
            report(error.message, excerpt: error.excerpt)
            Foundation.exit(exitCode(for: error))
        } catch {
            let code = exitCode(for: error)
            if code == .success {  // --help, --version
                do { try CheckedWriter.standardOutput.write(fullMessage(for: error) + "\n") } catch {
                    report("\(error)")
                    Foundation.exit(74)
                }
                return
            }
            report(message(for: error) + " (see rnngraph --help)")
            Foundation.exit(code.rawValue)
        }
    }

    /// Writes `message` to standard error as one line, safe to echo, after
    /// `rnngraph: error:` (or another `kind`).
    static func report(_ message: String, excerpt: [String] = [], as kind: String = "error") {
        let line = EchoedText.sanitize(message.trimmingCharacters(in: .whitespacesAndNewlines))
        let shown = excerpt.map { EchoedText.sanitize($0) + "\n" }.joined()
        try? CheckedWriter.standardError.write("rnngraph: \(kind): \(line)\n\(shown)")
    }

    private static func exitCode(for error: RNNGraphError) -> Int32 {
        switch error {
        case .usage: return 64
        case .input: return 65
        case .output: return 73
        case .io: return 74
        case .failure: return 70
        case .model: return 65
        }
    }
}
