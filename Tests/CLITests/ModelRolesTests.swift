import Foundation
import Testing

/// `--print-roles` lists what was inferred for every name, and names that look
/// like slips (a misspelt state becomes an input; a parameter spelt two ways)
/// are warned about on standard error, or refused under `--strict`.
@Suite("Model roles and warnings")
struct ModelRolesTests {
    static let cs187 = """
        time t = 1..N
        activation sigma = relu
        h_t = sigma(U x_t + V h_{t-1})
        o_t = W h_t
        L = sum_t (x_{t+1} - o_t)^2
        """

    private func run(_ text: String, _ arguments: [String]) throws -> CLI.Result {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("m.rnn")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return try CLI.run(["--model", file.path] + arguments)
    }

    @Test("the roles table names each role, where it is defined and read")
    func rolesTable() throws {
        let result = try run(Self.cs187, ["--print-roles"])
        #expect(result.status == 0)
        let rows = result.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        func row(_ name: String) -> String? {
            rows.first { $0.first.map(String.init) == name }.map { $0.dropFirst().joined(separator: " ") }
        }
        #expect(row("U") == "parameter 3")
        #expect(row("h_0") == "initial state 3, 4")
        #expect(row("x_{N+1}") == "target 3, 5")
        #expect(row("x_t") == "input 3, 5")
        #expect(row("h_t") == "state line 3 3, 4")
        #expect(row("o_t") == "output line 4 5")
        #expect(row("L") == "loss line 5")
        #expect(!result.stdout.contains("warning"))
    }

    @Test("a state misspelt in case is an input with a warning naming the state")
    func misspeltState() throws {
        let typo = Self.cs187.replacingOccurrences(of: "V h_{t-1}", with: "V H_{t-1}")
        let result = try run(typo, ["--latex"])
        #expect(result.status == 0)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(result.stderr.contains("m.rnn:3:"))
        #expect(result.stderr.contains("H is read at t−1 but never defined"))
        #expect(result.stderr.contains("did you mean h?"))
        let strict = try run(typo, ["--latex", "--strict"])
        #expect(strict.status == 65)
        #expect(strict.stdout.isEmpty)
        #expect(strict.stderr.contains("did you mean h?"))
        let roles = try run(typo, ["--print-roles"])
        #expect(roles.stdout.contains("warning: line 3: H is read at t−1"))
    }

    @Test("a parameter spelt two ways is warned about")
    func parameterSpeltTwoWays() throws {
        let text = """
            time t = 1..N
            h_t = tanh(W_hh h_{t-1} + W_xh x_t)
            o_t = Whh h_t
            L = sum_t (y_t - o_t)^2
            """
        let result = try run(text, ["--count"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("parameter Whh is used once and differs from parameter W_hh"))
    }

    @Test("an input that no state reads is warned about")
    func inputNoStateReads() throws {
        let text = """
            time t = 1..N
            h_t = tanh(W h_{t-1})
            o_t = V h_t + U x_t
            L = sum_t (y_t - o_t)^2
            """
        let result = try run(text, ["--count"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("input x is read by no state"))
        let declared = try run("inputs x\n" + text, ["--count"])
        #expect(declared.stderr.isEmpty)
    }

    @Test("bundled models have no warnings", arguments: ["cs187", "goodfellow", "pytorch", "lstm", "gru", "elman",
                                                         "stacked", "bidirectional", "bigram"])
    func bundledModelsHaveNoWarnings(model: String) throws {
        let result = try CLI.run(["--model", model, "--print-roles", "--strict"])
        #expect(result.status == 0)
        #expect(!result.stdout.contains("warning"))
        #expect(result.stdout.contains(" loss"))
        let count = try CLI.run(["--model", model, "--count", "--strict"])
        #expect(count.status == 0)
        #expect(count.stderr.isEmpty)
    }
}
