import Foundation
import Testing

/// `--code numpy|torch`: the module's text, where it goes, and what is refused. The generated
/// modules are run against torch autograd by Tests/Oracle/test_codegen_oracle.py.
@Suite struct CodeCommandTests {
    @Test func theModuleIsDeterministicAndCommentsEachDeltaWithItsLaTeX() throws {
        let first = try CLI.run(["--model", "pytorch", "--code", "numpy"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try CLI.run(["--model", "pytorch", "--code", "numpy"]).stdout == first.stdout)
        for name in ["def step_forward(t, cache):", "def forward(values):", "def step_backward(t, cache, deltas):",
                     "def backward(cache):", "def loss(values):", "def gradients(values):", "import numpy as np"] {
            #expect(first.stdout.contains(name), "\(name)")
        }
        #expect(!first.stdout.contains("rnngraph\n") && !first.stdout.contains("import rnngraph"))
        // The recursion as the LaTeX prints it, above the statement that computes it.
        let latex = try CLI.run(["--model", "pytorch", "--latex", "--form", "recursive", "--local", "closed", "--wrt", "Wh"])
        let rule = #"G_{t} + \left(\delta_{t+1} \odot \left(1 - h_{t+1}^{2}\right)\right) \mathbf{W}_{h}^{\top}"#
        #expect(latex.stdout.contains(rule))
        let lines = first.stdout.components(separatedBy: "\n")
        let statement = try #require(lines.firstIndex { $0.contains("delta_h[t] = G[t] + (delta_h[t + 1] * (1 - h[t + 1] ** 2)) @ Wh.T") })
        #expect(lines[statement - 1].contains("# \\delta_{t} = " + rule))
        #expect(try CLI.run(["--model", "pytorch", "--code", "torch"]).stdout.contains("torch.tanh(x[t] @ Wx + h[t - 1] @ Wh + b)"))
    }

    /// Docs/code.md quotes the pytorch model's functions as --code torch prints them.
    @Test func theCodePageQuotesTheGeneratedFunctions() throws {
        let page = try String(contentsOf: CLI.packageRoot.appendingPathComponent("Docs/code.md"), encoding: .utf8)
        let module = try CLI.run(["--model", "pytorch", "--code", "torch"]).stdout
        for name in ["def step_forward", "def step_backward", "def backward"] {
            let start = try #require(module.range(of: name))
            let end = try #require(module.range(of: "\n\n\n", range: start.lowerBound..<module.endIndex))
            #expect(page.contains(module[start.lowerBound..<end.lowerBound]), "Docs/code.md is stale at \(name)")
        }
    }

    @Test func codeOutWritesTheFileAndNothingElse() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("lstm_backward.py")
        let result = try CLI.run(["--model", "lstm", "--code", "torch", "--code-out", file.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text == (try CLI.run(["--model", "lstm", "--code", "torch"])).stdout)
        #expect(text.contains("delta_c[t] = "))
    }

    @Test func refusalsAreOneLineWithTheReason() throws {
        let lonely = try CLI.run(["--code-out", "x.py"])
        #expect(lonely.status == 64)
        #expect(lonely.stderr.contains("--code-out names where --code writes; add --code numpy or --code torch"))
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let module = folder.appendingPathComponent("m.py")
        let combined = try CLI.run(["--model", "pytorch", "--code", "numpy", "--code-out", module.path, "--latex"])
        #expect(combined.status == 64 && combined.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: module.path))
        #expect(combined.stderr.contains("--code writes a Python module on its own; run the derivation in a separate call"))
        let unknown = try CLI.run(["--model", "pytorch", "--code", "jax"])
        #expect(unknown.status == 64)
    }
}
