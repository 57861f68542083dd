import Foundation
import Testing

/// Values-file helpers on top of the shared ``CLI`` harness.
enum Binary {
    static let packageRoot = CLI.packageRoot

    /// Runs `rnngraph` from the package root, so `Docs/examples/…` paths resolve.
    static func run(_ arguments: [String], stdin: String? = nil) throws -> CLI.Result {
        try CLI.run(arguments, stdin: stdin, in: packageRoot)
    }

    static func temporaryFile(_ text: String, name: String = "values.json") throws -> String {
        let url = try CLI.temporaryFolder().appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }
}

@Suite("rnngraph --values")
struct ValuesCommandTests {
    static let goodfellow = """
    {"parameters": {"U": [[1, 0], [0, 1], [1, 1]], "W": [[0.1, 0, 0], [0, 0.1, 0], [0, 0, 0.1]],
                    "V": [[1, 0, 0], [0, 1, 0]], "b": [0, 0, 0], "c": [0, 0]},
     "inputs": [[1, 2], [3, 4]], "targets": [0, 1]}
    """

    @Test("the lab's 2×2 worked example prints the lab's values and agreeing gradients")
    func workedExample() throws {
        let result = try Binary.run(["--values", "Docs/examples/lab-2x2.json"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("  h_1  (2,)  [0.6, 0.1]"))
        #expect(lines.contains("  h_2  (2,)  [0.43, 0.57]"))
        #expect(lines.contains("  o_1  (2,)  [ 0.13, -0.07]"))
        #expect(lines.contains("  o_2  (2,)  [0.143, 0.199]"))
        #expect(lines.contains("  L  scalar  0.25165"))
        #expect(lines.last?.hasPrefix("Agreement: path sums (15 paths)") == true)
        #expect(lines.last?.hasSuffix("the three computations agree") == true)
        #expect(result.stderr.isEmpty)
    }

    @Test("--json is valid, deterministic JSON with values, loss, gradients and agreement")
    func json() throws {
        let first = try Binary.run(["--values", "Docs/examples/lab-2x2.json", "--json"])
        let second = try Binary.run(["--values", "Docs/examples/lab-2x2.json", "--json"])
        #expect(first.status == 0)
        #expect(first.stdout == second.stdout)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        let values = try #require(object["values"] as? [String: Any])
        #expect((values["h_1"] as? [Double]) == [0.6, 0.1])
        #expect(abs((object["loss"] as! Double) - 0.25165) < 1e-12)
        let gradients = try #require(object["gradients"] as? [String: Any])
        #expect(Set(gradients.keys) == ["U", "V", "W", "h_0", "x_1", "x_2", "x_3"])
        let agreement = try #require(object["agreement"] as? [String: Any])
        #expect(agreement["agrees"] as? Bool == true)
    }

    @Test("values from standard input; N follows from the inputs")
    func standardInput() throws {
        let result = try Binary.run(["--model", "goodfellow", "--values", "-", "--json"], stdin: Self.goodfellow)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"L_2\"") == false)
        #expect(result.stdout.contains("\"h_2\""))
        #expect(!result.stdout.contains("\"h_3\""))
    }

    @Test("--annotate writes numbers on the figure")
    func annotate() throws {
        let result = try Binary.run(["--values", "Docs/examples/lab-2x2.json", "--annotate", "gradients", "--dot", "-"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("digraph"))
        #expect(result.stdout.contains("∇ [\u{2212}0.398, 0.405]"))  // ∂L/∂h_0 = [-0.3985, 0.405148]
        let values = try Binary.run(["--values", "Docs/examples/lab-2x2.json", "--annotate", "values", "--dot", "-"])
        #expect(values.stdout.contains("= [0.430, 0.570]"))
    }

    @Test("bad input: one line on stderr and the documented exit code", arguments: [
        ("{\"parameters\": {\n \"W\": [1,, 2]}}", ["--model", "goodfellow"], 65,
         "malformed JSON at line 2, column 10: expected a value, found ','"),
        (#"{"parameters": {"U": 1, "V": 1}, "inputs": [1, 2]}"#, [], 65,
         "missing \"W\"; this model's leaves are U, V, W, x"),
        (#"{"parameters": {"U": [[1, 2], [3, 4], [5, 6]], "W": [[1, 2], [3, 4], [5, 6]], "V": [[1, 2, 3]]}, "inputs": [[1, 2]], "targets": [0]}"#,
         ["--model", "goodfellow", "--no-biases"], 65, "W: expected 3×3, got 3×2"),
        (#"{"parameters": {"U": [[1, 2], [3, 4]], "V": [[1, 0, 0], [0, 1, 0], [0, 0, 1]], "W": [[1, 2, 3], [4, 5, 6]]}, "inputs": [[1, 2], [3, 4]]}"#,
         [], 65, "U: expected 3×2, got 2×2"),
        (#"{"parameters": {"U": NaN, "V": 1, "W": 1}, "inputs": [1, 2]}"#, [], 65,
         "U: NaN is not allowed; values must be finite numbers"),
        (#"{"parameters": {"U": 1, "V": 1, "W": 1}, "inputs": [1, -Infinity]}"#, [], 65,
         "inputs[1] (x_2): infinity is not allowed; values must be finite numbers"),
        (#"{"parameters": {"U": [[1]], "W": [[1]], "V": [[1], [2]]}, "inputs": [[1]], "targets": [2]}"#,
         ["--model", "goodfellow", "--no-biases"], 65, "y_1: class index 2 is out of range 0…1"),
        (#"{"parameters": {"U": 1, "V": 1, "W": 1}, "inputs": [1, 2, 3]}"#, ["--length", "5"], 65,
         "too few entries in \"inputs\" for --length 5: the model needs 6, the file has 3"),
        // A per-step list longer or shorter than N (read off "x") is refused, naming where N came from.
        (#"{"U": [[1, 2], [3, 4]], "W": [[1, 0], [0, 1]], "V": [[1, 2], [3, 4], [5, 6]], "x": [[1, 2], [3, 4], [5, 6]], "y": [0, 1, 2, 1]}"#,
         ["--model", "goodfellow", "--no-biases"], 65,
         "\"y\" has 4 entries, 1 more than N = 3 (from the 3 entries of \"x\") reads (y_1…y_3); remove the surplus entry, "
         + "or give every per-step list one entry per step"),
        (#"{"U": [[1, 2], [3, 4]], "W": [[1, 0], [0, 1]], "V": [[1, 2], [3, 4], [5, 6]], "x": [[1, 2], [3, 4]], "y": [0, 1, 2]}"#,
         ["--model", "goodfellow", "--no-biases"], 65, "\"y\" has 3 entries, 1 more than N = 2 (from the 2 entries of \"x\")"),
        (#"{"U": [[1, 2], [3, 4]], "W": [[1, 0], [0, 1]], "V": [[1, 2], [3, 4], [5, 6]], "x": [[1, 2], [3, 4], [5, 6]], "y": [0, 1]}"#,
         ["--model", "goodfellow", "--no-biases"], 65,
         "too few entries in \"y\" for N = 3 (from the 3 entries of \"x\"): y_3 needs entry 3, the file has 2"),
        (#"{"U": [[1, 2], [3, 4]], "W": [[1, 0], [0, 1]], "V": [[1, 2], [3, 4], [5, 6]], "x": [[1, 2], [3, 4], [5, 6]], "y": [0, 1, 2]}"#,
         ["--model", "goodfellow", "--no-biases", "--length", "2"], 65,
         "\"x\" has 3 entries, 1 more than --length 2 reads (x_1…x_2); remove the surplus entry or leave --length out"),
        (#"{"parameters": {"U": 1, "V": 1, "W": 1}, "inputs": [1, 2]}"#, ["--tolerance=-1"], 64,
         "--tolerance must be a finite number ≥ 0, got -1.0"),
    ])
    func badInput(json: String, arguments: [String], status: Int32, message: String) throws {
        let path = try Binary.temporaryFile(json)
        let result = try Binary.run(arguments + ["--values", path])
        #expect(result.status == status, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("rnngraph: error: "))
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
        #expect(result.stdout.isEmpty)
    }

    @Test("a missing values file and stray numeric options are errors")
    func usage() throws {
        let missing = try Binary.run(["--values", "/nonexistent/values.json"])
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("cannot read values file /nonexistent/values.json"))
        let stray = try Binary.run(["--json", "--dot", "-"])
        #expect(stray.status == 64)
        #expect(stray.stderr.contains("--json needs --values FILE"))
    }

    @Test("disagreement beyond the tolerance exits non-zero after printing the table")
    func disagreement() throws {
        // Finite differences differ from the exact gradients by rounding, above a tolerance of 0.
        let lab = CLI.packageRoot.appendingPathComponent("Docs/examples/lab-2x2.json").path
        let result = try Binary.run(["--values", lab, "--tolerance", "0"])
        #expect(result.status == 70)
        #expect(result.stdout.contains("the computations DISAGREE"))
        #expect(result.stderr.contains("the three gradient computations disagree"))
        let loose = try Binary.run(["--values", lab, "--tolerance", "1e-9"])
        #expect(loose.status == 0)
    }

    @Test("a ReLU at exactly zero is a kink, not a disagreement")
    func kink() throws {
        // ReLU′(0) = 0 by convention, while the one-sided finite differences are 0 and 1.
        let path = try Binary.temporaryFile(#"{"parameters": {"U": 1, "V": 1, "W": 1}, "h0": 0, "inputs": [0, 1]}"#)
        let result = try Binary.run(["--values", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("the three computations agree; finite differences not compared at a kink "
                                       + "(ReLU′(0) = 0): h_0, x_1"))
    }
}
