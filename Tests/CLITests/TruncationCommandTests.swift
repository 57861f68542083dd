import Foundation
import Testing

/// `--truncate K`, `--lags` and `--lag-plot` on the command line.
@Suite("rnngraph --truncate, --lags, --lag-plot")
struct TruncationCommandTests {
    @Test("--count --length 5 --truncate 1 prints 9 (N + N − 1 paths of lag 0 and 1); --paths lists them")
    func count() throws {
        let result = try Binary.run(["--count", "--length", "5", "--truncate", "1"])
        #expect(result.status == 0 && result.stdout == "9\n", "\(result.stderr)")
        let paths = try Binary.run(["--paths", "--length", "3", "--truncate", "1"])
        #expect(paths.stdout == """
        1: U → h₁ → o₁ → L
        2: U → h₂ → o₂ → L
        3: U → h₁ → h₂ → o₂ → L
        4: U → h₃ → o₃ → L
        5: U → h₂ → h₃ → o₃ → L

        """)
    }

    @Test(arguments: [
        (["--count", "--truncate", "-1"], "--truncate must be at least 0, got -1"),
        (["--latex", "--model", "stacked", "--form", "compact", "--truncate", "1"],
         "the compact form cannot show the truncation to lag ≤ 1 for this model"),
        (["--latex", "--form", "recursive", "--truncate", "1"], "--truncate does not apply to --form recursive"),
        (["--lags"], "--lags needs --values FILE"),
        (["--truncate", "1", "--dot", "-"], "--truncate keeps paths for --paths, --count, --latex, --highlight or --values"),
        (["--count", "--length", "1000000", "--truncate", "3"], "counting paths by lag would keep 12000024 counts"),
        (["--values", "Docs/examples/lab-2x2.json", "--latex", "--truncate", "1"], "--truncate does not apply to --latex --values"),
        (["--values", "Docs/examples/lab-2x2.json", "--wrt", "U", "--lags"], "--lags does not apply to a Jacobian"),
    ])
    func refusals(_ arguments: [String], _ message: String) throws {
        let result = try Binary.run(arguments)
        #expect(result.status == 64, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("--lag-plot writes a deterministic SVG; a failing run writes nothing")
    func plot() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let values = CLI.packageRoot.appendingPathComponent("Docs/examples/lags-vanishing.json").path
        let plot = folder.appendingPathComponent("lags.svg").path
        let first = try CLI.run(["--model", "goodfellow", "--values", values, "--lag-plot", plot, "--json"], in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: plot))
        #expect(String(decoding: bytes, as: UTF8.self).contains("<polyline"))
        let object = try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any]
        #expect(object?["lags"] != nil)
        let second = try CLI.run(["--model", "goodfellow", "--values", values, "--lag-plot", plot], in: folder)
        #expect(second.status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: plot)) == bytes)
        let failing = folder.appendingPathComponent("never.svg").path
        let bad = try CLI.run(["--model", "goodfellow", "--values", values, "--lag-plot", failing, "--of", "nope"],
                              in: folder)
        #expect(bad.status == 64)
        #expect(!FileManager.default.fileExists(atPath: failing))
    }

    @Test("--values --truncate prints the truncated gradients beside the full ones")
    func truncatedNumbers() throws {
        let result = try Binary.run(["--values", "Docs/examples/lab-2x2.json", "--truncate", "0"])
        #expect(result.status == 0, "\(result.stderr)")
        // By hand: with N = 2, only U → h_1 → h_2 → o_2 → L has lag 1 (h_1, h_2 > 0, so ReLU′ = 1); it adds
        // (Vᵀ ∂L/∂h_2)_1 x_{1,2} = (0.4 · 0.0176 + 0.9 · 0.0076) · 1 = 0.01388 to ∂L/∂U_{1,2} = 0.14092,
        // which truncated to lag 0 is 0.12704.
        #expect(result.stdout.contains("∂L/∂U lag ≤ 0  [[ 0.00528,  0.12704],"))
        #expect(result.stdout.contains("∂L/∂U full     [[ 0.00528,  0.14092],"))
    }
}
