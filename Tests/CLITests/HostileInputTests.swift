import Foundation
import Testing

/// Hostile inputs, each refused before any work with one documented exit code
/// and one error line (a model error adds its line and a caret), in bounded
/// time: nesting, sizes and numbers at and past the limits of the model
/// language, the values file and the options.
@Suite struct HostileInputTests {
    /// A model file's text, the options after `--model FILE`, the exit code and a part of the message.
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        let arguments: [String]
        let status: Int32
        let message: String
        var testDescription: String { name }
    }

    static let time = "time t = 1..N\n"
    static let loss = "\nL = sum_t (y_t - h_t)^2\n"
    static func hidden(_ body: String) -> String { time + "h_t = tanh(W h_{t-1} + \(body))" + loss }

    static let cases: [Case] = [
        Case(name: "6,500 nested parentheses", text: hidden(String(repeating: "(", count: 6_500) + "U x_t"
                                                            + String(repeating: ")", count: 6_500)),
             arguments: ["--latex"], status: 65, message: "brackets and calls nest more than 256 levels deep"),
        Case(name: "5,000 nested tanh", text: hidden(String(repeating: "tanh(", count: 5_000) + "U x_t"
                                                     + String(repeating: ")", count: 5_000)),
             arguments: ["--latex"], status: 65, message: "nest more than 256 levels deep"),
        Case(name: "1,000 nested tanh", text: hidden(String(repeating: "tanh(", count: 1_000) + "U x_t"
                                                     + String(repeating: ")", count: 1_000)),
             arguments: ["--latex"], status: 65, message: "nest more than 256 levels deep"),
        Case(name: "5,000 nested stacks", text: hidden("U " + String(repeating: "[x_t; ", count: 5_000) + "x_t"
                                                       + String(repeating: "]", count: 5_000)),
             arguments: ["--latex"], status: 65, message: "nest more than 256 levels deep"),
        Case(name: "30,000 transposes", text: hidden("U x_t" + String(repeating: "^T", count: 30_000)),
             arguments: ["--latex"], status: 65, message: "the expression nests more than 256 levels deep"),
        Case(name: "30,000 minus signs", text: hidden(String(repeating: "-", count: 30_000) + "U x_t"),
             arguments: ["--latex"], status: 65, message: "the expression nests more than 256 levels deep"),
        Case(name: "a flat sum of 30,000 terms", text: hidden(Array(repeating: "U x_t", count: 30_000)
            .joined(separator: " + ")),
             arguments: ["--latex"], status: 65, message: "the model's expressions have more than 50000 parts"),
        Case(name: "a subscript near 2^63", text: hidden("U a_9223372036854775806"),
             arguments: ["--latex"], status: 65, message: "the step 9223372036854775806 is outside"),
        Case(name: "N plus 2^63 - 1", text: time + "h_t = tanh(W h_{t-1} + U x_t)\nL = h_{N+9223372036854775807}\n",
             arguments: ["--latex"], status: 65, message: "the time offset 9223372036854775807"),
        Case(name: "braces in a superscript", text: time + "h^{{}}_t = tanh(W h^{{}}_{t-1} + U x_t)\nL = sum_t h^{{}}_t\n",
             arguments: ["--svg", "out.svg"], status: 65, message: "expected a superscript without braces inside"),
        Case(name: "a 10,000-character name", text: hidden("U " + String(repeating: "o", count: 10_000) + "_t"),
             arguments: ["--svg", "out.svg"], status: 65, message: "a name has 10002 characters, above the limit of 64"),
        Case(name: "24 doubling inline definitions",
             text: time + "a0 := x_t + x_t\n" + (1...24).map { "a\($0) := a\($0 - 1) + a\($0 - 1)\n" }.joined()
                + "h_t = tanh(W h_{t-1} + U a24)" + loss,
             arguments: ["--latex"], status: 65, message: "substituting the inline definitions (:=) makes a16 262143 parts"),
        Case(name: "190 chained inline definitions 250 levels deep each",
             text: time + "a0 := x_t\n" + (1...190).map { "a\($0) := " + String(repeating: "-", count: 250) + "a\($0 - 1)\n" }
                .joined() + "h_t = tanh(W h_{t-1} + U a190)" + loss,
             arguments: ["--latex"], status: 65, message: "substituting the inline definitions (:=) nests a2 "),
        Case(name: "a sum bound of a million", text: time + "h_t = tanh(W h_{t-1} + U x_t)\n"
                + "L = sum_{t=1}^{1000000} (y_t - h_t)^2\n",
             arguments: ["--latex"], status: 64, message: "runs from 1 to 1000000, far outside the steps 1…3"),
        Case(name: "10,000 chained equations", text: time + "h0_t = tanh(W h0_{t-1} + U x_t)\n"
                + (1..<10_000).map { "h\($0)_t = tanh(W\($0) h\($0 - 1)_t)\n" }.joined() + "L = sum_t h9999_t\n",
             arguments: ["--latex"], status: 65, message: "the model has more than 1000 equations"),
        Case(name: "the time range twice", text: time + "time s = 0..N-1\nh_t = tanh(W h_{t-1} + U x_t)" + loss,
             arguments: ["--latex"], status: 65, message: "the time range is given twice"),
        Case(name: "--truncate 2^62", text: hidden("U x_t"),
             arguments: ["--latex", "--truncate", "4611686018427387904"], status: 64,
             message: "--truncate must be at most 1000000"),
        Case(name: "--show at a length of a million", text: hidden("U x_t"),
             arguments: ["--show", "U,h_999999,L", "--length", "1000000", "--svg", "out.svg"], status: 64,
             message: "--show picks from the whole unrolled graph"),
        Case(name: "notation reading a file, in safe mode",
             text: time + "notation W = \"\\input{/etc/passwd}\"\nh_t = tanh(W h_{t-1} + U x_t)" + loss,
             arguments: ["--latex", "--safe-notation"], status: 65, message: "safe notation refuses \\input"),
    ]

    @Test(arguments: cases)
    func isRefusedQuicklyWithOneLine(_ test: Case) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(test.text.utf8).write(to: folder.appendingPathComponent("m.rnn"))
        let start = Date()
        let result = try CLI.run(["--model", "m.rnn"] + test.arguments, in: folder)
        let seconds = Date().timeIntervalSince(start)
        #expect(result.status == test.status, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.first?.hasPrefix("rnngraph: error: ") == true)
        #expect(lines.first?.contains(test.message) == true, "\(result.stderr.prefix(300))")
        // The message, then for a model error the line (at most about 100 characters of it) and a caret.
        #expect(lines.count == (test.status == 65 ? 3 : 1), "\(result.stderr.prefix(300))")
        #expect(lines.allSatisfy { $0.count < 400 })
        #expect(result.stdout.isEmpty)
        #expect(CLI.files(in: folder) == ["m.rnn"])
        #expect(seconds < 20, "took \(seconds) s")
    }

    /// A model path that names an endless device or a folder says so, in bounded time.
    @Test func unreadableModelPathsSayWhy() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("d.rnn"), withIntermediateDirectories: true)
        let cases = [("/dev/zero", "cannot read model file /dev/zero: it is a device or socket, not a file"),
                     ("d.rnn", "cannot read model file d.rnn: it is a folder"),
                     ("missing.rnn", "cannot read model file missing.rnn: No such file or directory")]
        for (path, message) in cases {
            let start = Date()
            let result = try CLI.run(["--model", path, "--latex"], in: folder)
            #expect(result.status == 65)
            #expect(result.stderr.hasPrefix("rnngraph: error: \(message)"), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
            #expect(Date().timeIntervalSince(start) < 20)
        }
    }

    /// Line endings of Windows and of classic Mac OS read as newlines.
    @Test(arguments: ["\r\n", "\r"])
    func lineEndingsReadAsNewlines(_ ending: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = ["time t = 1..N", "h_t = tanh(W h_{t-1} + U x_t)", "L = sum_t (y_t - h_t)^2", ""]
        try Data(text.joined(separator: ending).utf8).write(to: folder.appendingPathComponent("m.rnn"))
        try Data(text.joined(separator: "\n").utf8).write(to: folder.appendingPathComponent("n.rnn"))
        let result = try CLI.run(["--model", "m.rnn", "--latex"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let unix = try CLI.run(["--model", "n.rnn", "--latex"], in: folder)
        #expect(result.stdout == unix.stdout && !unix.stdout.isEmpty)
    }

    /// Without safe mode a notation is TeX as trusted as a .tex file.
    @Test func notationIsTrustedWithoutSafeMode() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = Self.time + "notation W = \"\\mathbf{W}\"\nh_t = tanh(W h_{t-1} + U x_t)" + Self.loss
        try Data(text.utf8).write(to: folder.appendingPathComponent("m.rnn"))
        let safe = try CLI.run(["--model", "m.rnn", "--latex", "--safe-notation"], in: folder)
        #expect(safe.status == 0, "\(safe.stderr)")
        #expect(safe.stdout.contains("\\mathbf{W}"))
    }

    /// Long values files are refused from estimates before the model is unrolled at their length.
    @Test(arguments: [
        (30_000, [String](), "the finite-difference check at length 30000 would take about 2.8e+11"),
        (30_000, ["--wrt", "U", "--of", "L"], "the path sum of the Jacobian would enumerate 450015000 paths"),
        (100_000, [], "evaluating the numbers at length 100000 would unroll 300006 variables, above the limit of 200000"),
        (100_000, ["--wrt", "U", "--of", "L"], "would unroll 300006 variables"),
    ])
    func aLongValuesFileIsRefusedBeforeUnrolling(steps: Int, options: [String], message: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let inputs = Array(repeating: "[0.1, 0.2]", count: steps + 1).joined(separator: ",")
        let json = """
        {"parameters": {"U": [[-0.3, 0.6], [0.2, 0.1]], "V": [[0.4, 0.4], [0.9, -0.7]], "W": [[0.2, 0.1], [-0.2, 0.5]]},
         "h0": [0, 0], "inputs": [\(inputs)]}
        """
        try Data(json.utf8).write(to: folder.appendingPathComponent("v.json"))
        let start = Date()
        let result = try CLI.run(["--values", "v.json"] + options, in: folder)
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(Date().timeIntervalSince(start) < 30)
    }

    /// 500,000 keys are read in linear time.
    @Test func manyKeysAreReadInLinearTime() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let keys = (0..<500_000).map { "\"k\($0)\": 0" }.joined(separator: ",")
        try Data("{\"U\": [[1]], \(keys)}".utf8).write(to: folder.appendingPathComponent("v.json"))
        let start = Date()
        let result = try CLI.run(["--values", "v.json"], in: folder)
        #expect(result.status == 65)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(Date().timeIntervalSince(start) < 20)
    }
}
