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
        usage: "rnngraph <options>\nrnngraph draw|derive|compute|document|code <options>",
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
          rnngraph compute --values lab.json     # as --values lab.json, mode named
          rnngraph derive --latex --wrt U        # also draw, document, code
        """,
        version: version,
        subcommands: [DrawCommand.self, DeriveCommand.self, ComputeCommand.self, DocumentCommand.self, CodeCommand.self]
    )

    @OptionGroup var options: RunOptions

    func run() throws {
        try options.perform()
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
        // Graphviz's start-up (plugins, fonts) runs on a second thread while the figure is built.
        if let format = [RenderFormat.pdf, .png].first(where: { format in
            arguments.contains { $0 == "--\(format)" || $0.hasPrefix("--\(format)=") }
        }) {
            GraphvizRenderer.prepare(format)
        }
        // Waited for before the process ends (after any message): no library is left half loaded.
        defer { GraphvizRenderer.finishPreparing() }
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
            end(exitCode(for: error))
        } catch {
            let code = exitCode(for: error)
            if code == .success {  // --help, --version
                do { try CheckedWriter.standardOutput.write(fullMessage(for: error) + "\n") } catch {
                    report("\(error)")
                    end(74)
                }
                return
            }
            report(message(for: error) + " (see rnngraph --help)")
            end(code.rawValue)
        }
    }

    /// Ends the process with `status` once Graphviz's start-up, if begun, has finished.
    private static func end(_ status: Int32) -> Never {
        GraphvizRenderer.finishPreparing()
        Foundation.exit(status)
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
