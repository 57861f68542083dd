import Foundation
import Testing

/// `--parameters operations` from the command line: every output, with --show,
/// --no-legend and --highlight, and a figure too large refused before any work.
@Suite struct OperationsViewCommandTests {
    @Test func writesEveryFormat() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["--model", "lstm", "--length", "2", "--parameters", "operations", "--pdf", "o.pdf",
                                  "--svg", "o.svg", "--png", "o.png", "--dot", "o.dot", "--tikz", "o.tex"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(CLI.files(in: folder) == ["o.dot", "o.pdf", "o.png", "o.svg", "o.tex"])
        let dot = try String(contentsOf: folder.appendingPathComponent("o.dot"), encoding: .utf8)
        #expect(dot.contains("label=<σ>") && dot.contains("label=<⊙>") && dot.contains("label=<tanh>"))
        let tikz = try String(contentsOf: folder.appendingPathComponent("o.tex"), encoding: .utf8)
        #expect(tikz.contains("{$\\sigma$}") && tikz.contains("{$\\odot$}") && tikz.contains("font=\\scriptsize"))
    }

    @Test func showLegendAndHighlight() throws {
        let shown = try CLI.run(["--length", "2", "--parameters", "operations", "--show", "U,h1,h2,L", "--dot", "-"])
        #expect(shown.status == 0)
        #expect(!shown.stdout.contains("\"o_1\"") && shown.stdout.contains("label=<ReLU>"))
        let bare = try CLI.run(["--length", "2", "--parameters", "operations", "--no-legend", "--dot", "-"])
        #expect(bare.status == 0 && !bare.stdout.contains("operation</"))
        let legend = try CLI.run(["--length", "2", "--parameters", "operations", "--dot", "-"])
        #expect(legend.stdout.contains(">operation</"))
        let highlighted = try CLI.run(["--length", "2", "--parameters", "operations", "--highlight", "1", "--dot", "-"])
        #expect(highlighted.status == 0)
        // U → × → + → ReLU → h_1 → × → o_1 → SE → + → L: nine edges in the path's colour.
        #expect(highlighted.stdout.components(separatedBy: "penwidth=\"2.5\"").count - 1 == 9)
        let first = try CLI.run(["--model", "gru", "--length", "3", "--parameters", "operations", "--dot", "-"])
        let second = try CLI.run(["--model", "gru", "--length", "3", "--parameters", "operations", "--dot", "-"])
        #expect(first.stdout == second.stdout)
    }

    /// cs187 at N = 1000 has 3,005 variables and 6,002 operations: above the 5,000-node
    /// limit with operations, below it without.
    @Test func operationNodesCountAgainstTheLimit() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let refused = try CLI.run(["--length", "1000", "--parameters", "operations", "--svg", "o.svg"], in: folder)
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("the figure has 9007 nodes, above the rendering limit of 5000"))
        #expect(refused.stderr.split(separator: "\n").count == 1)
        #expect(CLI.files(in: folder).isEmpty)
    }
}
