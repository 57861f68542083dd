import Foundation
import Testing

/// `--cell` from the command line: every output of a bundled and a written model,
/// the same bytes every run, and the options a cell does not use refused in one line.
@Suite struct CellCommandTests {
    @Test func writesEveryFormat() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["--model", "lstm", "--cell", "--pdf", "c.pdf", "--svg", "c.svg", "--png", "c.png",
                                  "--dot", "c.dot", "--tikz", "c.tex"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(CLI.files(in: folder) == ["c.dot", "c.pdf", "c.png", "c.svg", "c.tex"])
        let dot = try String(contentsOf: folder.appendingPathComponent("c.dot"), encoding: .utf8)
        #expect(dot.contains("\"c@-1\"") && dot.contains("label=<σ>") && dot.contains("label=<1") == false)
        #expect(dot.contains(">state line</"))
        let tikz = try String(contentsOf: folder.appendingPathComponent("c.tex"), encoding: .utf8)
        #expect(tikz.contains("$c_{t-1}$") && tikz.contains("$h_{t}$"))
    }

    @Test func aWrittenModelAndTheSameBytesTwice() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
            model "minimal gated unit"
            time t = 1..N
            f_t = sigmoid(W_f x_t + U_f h_{t-1} + b_f)
            h_t = (1 - f_t) * h_{t-1} + f_t * tanh(W_h x_t + U_h (f_t * h_{t-1}) + b_h)
            L = sum_t (y_t - h_t)^2
            """.write(to: folder.appendingPathComponent("mgu.rnn"), atomically: true, encoding: .utf8)
        let first = try CLI.run(["--model", "mgu.rnn", "--cell", "--time-style", "parenthesized", "--dot", "-"], in: folder)
        let second = try CLI.run(["--model", "mgu.rnn", "--cell", "--time-style", "parenthesized", "--dot", "-"], in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == second.stdout && !first.stdout.isEmpty)
        #expect(first.stdout.contains("h<SUP>(t−1)</SUP>") && first.stdout.contains("label=<1 − ·>"))
    }

    @Test(arguments: [
        (["--cell", "--length", "4", "--svg", "c.svg"], "--length does not apply to --cell"),
        (["--cell", "--show", "h1", "--svg", "c.svg"], "--show does not apply to --cell"),
        (["--cell", "--highlight", "1", "--svg", "c.svg"], "--highlight does not apply to --cell"),
        (["--cell", "--parameters", "labels", "--svg", "c.svg"], "--parameters does not apply to --cell"),
        (["--cell", "--document", "d.tex"], "--document does not apply to --cell"),
        (["--cell", "--latex"], "--cell draws a figure: add an output such as --svg cell.svg"),
    ])
    func optionsACellDoesNotUseAreErrors(_ arguments: [String], _ message: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(arguments, in: folder)
        #expect(result.status == 64, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(CLI.files(in: folder).isEmpty)
    }
}
