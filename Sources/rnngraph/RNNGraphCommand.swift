import ArgumentParser
import Foundation
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
        Examples:
          rnngraph --length 3 --pdf out.pdf          the CS187 lab's graph for N = 3
          rnngraph --model goodfellow --detail --svg fig.svg
          rnngraph --show U,h1,o1,h2,o2,L --length 2 --png lab.png
          rnngraph --dot -                           DOT text on standard output
          rnngraph --latex --length 3 --wrt U        the lab's ∂L/∂U, one term per path
          rnngraph --latex --form compact            the formula for every N
          rnngraph --paths --count --wrt W
          rnngraph --highlight all --pdf paths.pdf   every path of ∂L/∂U in its own colour
          rnngraph --values Docs/examples/lab-2x2.json   values, loss and gradients, checked three ways
          rnngraph --latex --values Docs/examples/lab-2x2.json   a worked solution, term by term
          rnngraph --document notes.tex --values Docs/examples/lab-2x2.json   an article with worked numbers
        """,
        version: version
    )

    @OptionGroup(title: "Model") var model: ModelArguments
    @OptionGroup(title: "Figure") var figure: FigureArguments
    @OptionGroup(title: "Chain rule") var derivation: DerivationArguments
    @OptionGroup(title: "Numbers") var numbers: ValuesArguments
    @OptionGroup(title: "Document") var document: DocumentArguments

    func run() throws {
        if model.printModel {
            try OutputFile.write(try model.modelText(), to: "-")
            return
        }
        if try document.write(model: model, figure: figure, values: numbers, of: derivation.of) { return }
        if try derivation.writeWorkedSolution(model: model, figure: figure, values: numbers) { return }
        if try numbers.run(model: model, figure: figure, of: derivation.of) { return }
        let outputs = figure.outputs
        guard !outputs.isEmpty || derivation.requested else {
            throw RNNGraphError.usage(
                "nothing to write: add an output such as --pdf out.pdf, --svg FILE, --dot - or --latex")
        }
        try derivation.validate(hasFigures: !outputs.isEmpty)
        // Check every destination before any work, so a bad path leaves nothing half-done.
        for output in outputs { try OutputFile.check(output.path) }
        let options = try model.options()
        if derivation.requested { try derivation.run(options, timeStyle: figure.timeStyle) }
        guard !outputs.isEmpty else { return }
        // Refuse a figure too large to lay out or write before unrolling the model.
        let nodes = try figure.shownNames.isEmpty ? Model.variableCount(for: options) : Set(figure.shownNames).count
        for output in outputs { try GraphvizRenderer.checkSize(nodes: nodes, format: output.format) }
        let built = try Model(options)
        let drawing = try Figure(built, options: FigureOptions(
            show: figure.shownNames, timeStyle: figure.timeStyle, highlights: derivation.highlights(built),
            legend: !figure.noLegend))
        for output in outputs {
            try OutputFile.write(GraphvizRenderer.render(drawing, format: output.format), to: output.path)
        }
    }

    /// Runs the command; errors become one line on standard error and an exit code
    /// (64 usage, 65 bad input data, 73 cannot write, 70 internal failure).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as RNNGraphError {
            FileHandle.standardError.write(Data("rnngraph: error: \(error.message)\n".utf8))
            Foundation.exit(exitCode(for: error))
        } catch {
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }
            let message = message(for: error).split(whereSeparator: \.isNewline).joined(separator: " ")
            FileHandle.standardError.write(Data("rnngraph: error: \(message) (see rnngraph --help)\n".utf8))
            Foundation.exit(code.rawValue)
        }
    }

    private static func exitCode(for error: RNNGraphError) -> Int32 {
        switch error {
        case .usage: return 64
        case .input: return 65
        case .output: return 73
        case .failure: return 70
        }
    }
}
