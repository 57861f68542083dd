import Foundation
import Testing

/// `--model NAME|FILE` and `--print-model` end to end: a printed preset text
/// run as a file gives the preset's outputs byte for byte, parse errors point
/// at the place, and every bundled model runs every command.
@Suite("Model language on the command line")
struct ModelLanguageTests {
    static let presetCommands: [[String]] = [
        ["--dot", "-"], ["--svg", "-"], ["--count", "--length", "5"], ["--paths"],
        ["--latex"], ["--latex", "--local", "closed", "--arguments"], ["--latex", "--form", "compact"],
        ["--latex", "--form", "merged"], ["--latex", "--form", "recursive", "--local", "closed"],
        ["--detail", "--latex", "--wrt", "W"], ["--loss-at", "last", "--reduction", "mean", "--latex", "--form", "compact"],
        ["--parameter-copies", "--dot", "-"], ["--activation", "sigmoid", "--latex", "--local", "closed"],
    ]

    @Test("a printed preset text reproduces the preset's outputs", arguments: ["cs187", "goodfellow", "pytorch"])
    func printedPresetReproducesOutputs(preset: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try CLI.run(["--model", preset, "--print-model"])
        #expect(text.status == 0)
        let file = folder.appendingPathComponent("m.rnn")
        try text.stdout.write(to: file, atomically: true, encoding: .utf8)
        var commands = Self.presetCommands
        if preset == "goodfellow" { commands += [["--start-at-zero", "--latex"], ["--output-loss", "squared", "--latex"]] }
        if preset != "cs187" { commands += [["--no-biases", "--latex", "--local", "closed"]] }
        for command in commands {
            let wrt = preset == "pytorch" && !command.contains("--wrt") ? ["--wrt", "Wh"] : []
            let a = try CLI.run(["--model", preset] + command + wrt)
            let b = try CLI.run(["--model", file.path] + command + wrt)
            #expect(a.status == b.status, "\(command)")
            #expect(a.stdout == b.stdout, "\(preset) \(command)")
            #expect(!a.stdout.isEmpty || a.status != 0, "\(command)")
        }
        // Documents: the same files, byte for byte.
        for document in ["d.md", "d.tex"] {
            var written: [[String: Data]] = []
            for model in [preset, file.path] {
                let out = folder.appendingPathComponent("doc-\(written.count)")
                try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
                let result = try CLI.run(["--model", model, "--document", document], in: out)
                #expect(result.status == 0, "\(result.stderr)")
                var files: [String: Data] = [:]
                for name in CLI.files(in: out) { files[name] = try Data(contentsOf: out.appendingPathComponent(name)) }
                written.append(files)
                try FileManager.default.removeItem(at: out)
            }
            #expect(!written[0].isEmpty && written[0] == written[1], "\(preset) \(document)")
        }
        let values = CLI.packageRoot.appendingPathComponent("Docs/examples/lab-2x2.json").path
        if preset == "cs187" {
            for extra in [["--json"], [], ["--latex"]] {
                let a = try CLI.run(["--model", preset, "--values", values] + extra)
                let b = try CLI.run(["--model", file.path, "--values", values] + extra)
                #expect(a.status == 0 && a.stdout == b.stdout, "\(extra)")
            }
        }
    }

    @Test("a parse error names file, line and column, shows the line with a caret, exits 65")
    func parseErrorWithCaret() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("bad.rnn")
        try "time t = 1..N\nh_t = tanh(W x_t + U h_{t-1}\nL = sum_t <G_t, h_t>\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try CLI.run(["--model", file.path, "--svg", "out.svg"], in: folder)
        #expect(result.status == 65)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        try #require(lines.count == 4, "\(lines)")
        #expect(lines[0] == "rnngraph: error: \(file.path):2:29: expected ')' to close the arguments of tanh at column 7, "
                + "found the end of the line")
        #expect(lines[1] == "  h_t = tanh(W x_t + U h_{t-1}")
        #expect(lines[2] == "  " + String(repeating: " ", count: 28) + "^")
        #expect(CLI.files(in: folder) == ["bad.rnn"], "nothing written")
    }

    @Test("meanings that cannot hold are one clear message each", arguments: [
        ("time t = 1..N\nh_t = foo(W x_t)\nL = sum_t <G_t, h_t>\n", "2:7: unknown function foo"),
        ("time t = 1..N\nh_t = tanh(W h_{t+1} + U h_{t-1})\nL = sum_t <G_t, h_t>\n", "depends on itself"),
        ("time t = 1..N\nh_t = tanh(W x_t)\nh_t = tanh(U x_t)\nL = sum_t <G_t, h_t>\n", "h is defined twice"),
        ("time t = 1..N\nh_t = tanh(W x_t)\n", "the model has no loss"),
        ("time t = 1..N\nh_0 = tanh(W x_0)\nL = sum_t h_t\n", "define h for every step"),
        ("time t = 1..N\nh_t = tanh(W x_t $ 1)\nL = sum_t h_t\n", "2:18: unexpected character '$'"),
    ])
    func semanticErrors(text: String, message: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("m.rnn")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let result = try CLI.run(["--model", file.path, "--count"])
        #expect(result.status == 65)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.hasPrefix("rnngraph: error: \(file.path):"))
    }

    @Test("names written as in the model text, braces and all, name the same variables")
    func bracedNames() throws {
        let pairs = [(["--wrt", "W^{(1)}_x"], ["--wrt", "W^(1)_x"]),
                     (["--wrt", "W^{(2)}_{h}", "--of", "h^{(2)}_{3}"], ["--wrt", "W^(2)_h", "--of", "h^(2)_3"])]
        for (braced, plain) in pairs {
            for command in [["--latex"], ["--count"], ["--paths"]] {
                let a = try CLI.run(["--model", "stacked"] + command + braced)
                let b = try CLI.run(["--model", "stacked"] + command + plain)
                #expect(a.status == 0 && a.stdout == b.stdout && !a.stdout.isEmpty, "\(braced) \(command): \(a.stderr)")
            }
        }
        let shown = try CLI.run(["--model", "stacked", "--show", "W^{(1)}_x,h^{(1)}_{1},L", "--dot", "-"])
        #expect(shown.status == 0 && shown.stdout.contains("digraph"), "\(shown.stderr)")
    }

    @Test("values whose shapes do not fit name the variable and the shapes")
    func shapeMismatch() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let values = folder.appendingPathComponent("v.json")
        // W_hi is 4×3 where h is 4×1: the product W_hi h_{t-1} does not fit.
        var parameters: [String: Any] = [:]
        for gate in ["i", "f", "g", "o"] {
            parameters["W_i\(gate)"] = Array(repeating: [0.1, 0.2], count: 4)
            parameters["W_h\(gate)"] = Array(repeating: [0.1, 0.2, 0.3, 0.4], count: 4)
            parameters["b_\(gate)"] = [0.0, 0.0, 0.0, 0.0]
        }
        parameters["W_hi"] = Array(repeating: [0.1, 0.2, 0.3], count: 4)
        parameters["W_hq"] = [[1.0, 0.0, 0.0, 0.0]]
        parameters["b_q"] = [0.0]
        parameters["x"] = [[1.0, 0.0], [0.0, 1.0]]
        parameters["y"] = [[1.0], [0.0]]
        try JSONSerialization.data(withJSONObject: parameters).write(to: values)
        let result = try CLI.run(["--model", "lstm", "--values", values.path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("W_hi: expected 4×4, got 4×3"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test("every bundled model draws, counts, lists paths and derives", arguments:
            ["lstm", "gru", "elman", "stacked", "bidirectional", "bigram"])
    func bundledModelRunsEveryCommand(name: String) throws {
        for command in [["--dot", "-"], ["--svg", "-"], ["--count"], ["--paths", "--length", "2"],
                        ["--latex", "--length", "2"], ["--latex", "--length", "2", "--local", "closed"]] {
            let result = try CLI.run(["--model", name] + command)
            #expect(result.status == 0, "\(name) \(command): \(result.stderr)")
            #expect(!result.stdout.isEmpty)
        }
        let printed = try CLI.run(["--model", name, "--print-model"])
        let onDisk = try String(contentsOf: CLI.packageRoot.appendingPathComponent("Models/\(name).rnn"), encoding: .utf8)
        #expect(printed.stdout == onDisk)
    }

    @Test("forms that a model cannot have are refused with the reason")
    func refusedForms() throws {
        for (model, wrt, form, option, reason) in [
            ("lstm", "W_hf", "compact", "--truncate=1", "truncation to lag ≤ 1 across a recurrence with several states"),
            ("gru", "W_iz", "recursive", "--start-at-zero", "not the same expression at every step"),
        ] {
            let result = try CLI.run(["--model", model, "--latex", "--form", form, "--wrt", wrt, "--local", "closed", option])
            #expect(result.status == 64)
            #expect(result.stderr.contains(reason), "\(result.stderr)")
        }
    }
}
