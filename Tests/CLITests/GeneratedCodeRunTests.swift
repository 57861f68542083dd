import Foundation
import Testing

/// The NumPy module `--code numpy` prints, run by Python on a values file: its loss and every
/// gradient it returns must equal `--values FILE --json` (rnngraph's own evaluator, itself checked
/// against finite differences), under the keys the values file uses. Needs a Python with NumPy:
/// $RNNGRAPH_TEST_PYTHON, the test venv (scripts/test-venv.sh), or python3.
@Suite(.enabled(if: GeneratedCode.python != nil, "no Python with NumPy"))
struct GeneratedCodeRunTests {
    /// A bidirectional model whose backward recurrence starts at g_{N+1}: the values file names it
    /// g_3 at N = 2 (sizes D = 3, H = 2, H2 = 1, K = 4), the module must read it and key its
    /// gradient so.
    @Test func aStateAfterTheLastStepIsReadAndKeyedByItsNumber() throws {
        let model = """
        time t = 1..N
        f_t = tanh(W_f x_t + V_f f_{t-1})
        g_t = tanh(W_g x_t + V_g g_{t+1})
        o_t = U_f f_t + U_g g_t
        L = sum_t (y_t - o_t)^2
        """
        let values = """
        {"W_f": [[0.1,0.2,-0.3],[0.4,-0.5,0.6]], "V_f": [[0.5,-0.1],[0.2,0.3]], "W_g": [[0.3,0.1,0.2]], \
        "V_g": [[0.9]], "U_f": [[1,0],[0,1],[1,1],[0.5,-1]], "U_g": [[1],[2],[-1],[0.5]], \
        "x": [[1,2,3],[0,1,0]], "y": [[0.1,0.2,0.3,0.4],[0,0,1,0]], "g_3": [0.8], "f_0": [0.3, -0.2]}
        """
        let run = try GeneratedCode.compare(model: model, values: values)
        #expect(run.keys.contains("g_3") && !run.keys.contains("g_{N+1}"), "\(run.keys)")
        // Without g_3 in the file the state is zeros: a different loss, so the entry was read.
        #expect(run.loss != (try GeneratedCode.compare(model: model, values: values.replacingOccurrences(
            of: ", \"g_3\": [0.8]", with: ""))).loss)
    }

    /// Many-to-one with an untimed target (`targets y`, read only by the loss at N): the module
    /// reads y from the values file (sizes D = 3, H = 2, K = 4, N = 2 and 3).
    @Test func anUntimedTargetIsReadFromTheValues() throws {
        let model = """
        time t = 1..N
        targets y
        h_t = tanh(W x_t + U h_{t-1})
        L = (y - V h_N)^2
        """
        for x in ["[[1,2,3],[0,1,0]]", "[[1,2,3],[0,1,0],[-0.5,0.2,0.7]]"] {
            let values = """
            {"W": [[0.1,0.2,-0.3],[0.4,-0.5,0.6]], "U": [[0.5,-0.1],[0.2,0.3]], "V": [[1,0],[0,1],[1,1],[0.5,-1]], \
            "x": \(x), "y": [0.1,0.2,0.3,0.4], "h_0": [0.25, -0.4]}
            """
            let run = try GeneratedCode.compare(model: model, values: values)
            #expect(run.keys == ["W", "U", "V", "h_0"])
        }
    }

    /// A state read two steps back (h_{t-2}): at N = 1, 2 and 3 (the cases derived for long sequences
    /// overlap at N = 1) the module's gradients, h_0's and h_-1's included, equal --values (D = 3, H = 2, K = 4).
    @Test func aStateReadTwoStepsBackAtEveryLength() throws {
        let model = """
        time t = 1..N
        h_t = tanh(W x_t + U h_{t-1} + R h_{t-2} + b)
        o_t = V h_t
        L = sum_t (y_t - o_t)^2
        """
        let x = ["[1,2,3]", "[0,1,0]", "[-0.5,0.2,0.7]"], y = ["[0.1,0.2,0.3,0.4]", "[0,0,1,0]", "[0.5,-1,0,2]"]
        for n in 1...3 {
            let values = """
            {"W": [[0.1,0.2,-0.3],[0.4,-0.5,0.6]], "U": [[0.5,-0.1],[0.2,0.3]], "R": [[-0.3,0.2],[0.1,0.4]], \
            "b": [0.05,-0.1], "V": [[1,0],[0,1],[1,1],[0.5,-1]], "h_0": [0.25,-0.4], "h_-1": [-0.1,0.3], \
            "x": [\(x.prefix(n).joined(separator: ","))], "y": [\(y.prefix(n).joined(separator: ","))]}
            """
            let run = try GeneratedCode.compare(model: model, values: values)
            #expect(run.keys == ["W", "U", "R", "b", "V", "h_0", "h_-1"], "N = \(n)")
        }
    }
}

enum GeneratedCode {
    /// A Python that imports NumPy.
    static let python: String? = {
        let env = ProcessInfo.processInfo.environment
        let venv = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/rnngraph/test-venv/bin/python").path
        for candidate in [env["RNNGRAPH_TEST_PYTHON"], venv, "/usr/bin/python3", "/usr/local/bin/python3"].compactMap({ $0 }) {
            guard FileManager.default.isExecutableFile(atPath: candidate),
                  let run = try? shell(candidate, ["-c", "import numpy"]), run.status == 0 else { continue }
            return candidate
        }
        return nil
    }()

    static func shell(_ executable: String, _ arguments: [String], in folder: URL? = nil) throws -> CLI.Result {
        try CLI.run(arguments, in: folder, program: URL(fileURLWithPath: executable))
    }

    struct Run {
        let loss: Double
        let keys: Set<String>
    }

    /// Writes the model and the values, prints the module, runs its `loss` and `gradients` and
    /// checks both against `--values --json` (1e-9 relative to the largest entry).
    static func compare(model: String, values: String, extra: [String] = []) throws -> Run {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let modelFile = folder.appendingPathComponent("model.rnn"), valuesFile = folder.appendingPathComponent("values.json")
        try model.write(to: modelFile, atomically: true, encoding: .utf8)
        try values.write(to: valuesFile, atomically: true, encoding: .utf8)
        let code = try CLI.run(["--model", modelFile.path, "--code", "numpy"] + extra)
        try #require(code.status == 0, "\(code.stderr)")
        try code.stdout.write(to: folder.appendingPathComponent("generated.py"), atomically: true, encoding: .utf8)
        let script = """
        import json, numpy as np, generated
        v = json.load(open("values.json"))
        g = generated.gradients(v)
        print(json.dumps({"loss": float(generated.loss(v)), "gradients": {k: np.asarray(a, dtype=float).tolist() for k, a in g.items()}}))
        """
        let ran = try shell(python!, ["-c", script], in: folder)
        try #require(ran.status == 0, "\(ran.stderr)")
        let engine = try CLI.run(["--model", modelFile.path, "--values", valuesFile.path, "--json"] + extra)
        try #require(engine.status == 0, "\(engine.stderr)")
        let got = try #require(try JSONSerialization.jsonObject(with: Data(ran.stdout.utf8)) as? [String: Any])
        let want = try #require(try JSONSerialization.jsonObject(with: Data(engine.stdout.utf8)) as? [String: Any])
        let loss = try #require(got["loss"] as? Double), expected = try #require(want["loss"] as? Double)
        #expect(abs(loss - expected) <= 1e-9 * max(1, abs(expected)), "loss \(loss), --values \(expected)")
        let grads = try #require(got["gradients"] as? [String: Any]), wanted = try #require(want["gradients"] as? [String: Any])
        for (key, value) in grads {
            let w = try #require(wanted[key], "--values --json has no gradient \(key)")
            let a = flat(value), b = flat(w)
            let scale = max(1, b.map(abs).max() ?? 0)
            #expect(a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-9 * scale }, "\(key): \(a) vs \(b)")
        }
        return Run(loss: loss, keys: Set(grads.keys))
    }

    static func flat(_ value: Any) -> [Double] {
        if let d = value as? Double { return [d] }
        if let n = value as? NSNumber { return [n.doubleValue] }
        return (value as? [Any] ?? []).flatMap(flat)
    }
}
