import Foundation
import Testing

/// Slips a student makes in a model text, each refused with a message that names the fix:
/// one line, then the line of the text and a caret under the place.
@Suite("Messages that name the fix")
struct MessageTableTests {
    static let rnn = "h_t = tanh(W h_{t-1} + U x_t)"
    static let cases: [(text: String, message: String)] = [
        ("time t = 1...N\n\(rnn)\nL = sum_t (y_t - h_t)^2", "'...' has a dot too many: write the steps as 1..N"),
        ("time t = 1..N\nh_t = tanh(W h_t-1 + U x_t)\nL = sum_t (y_t - h_t)^2",
         "h_t-1 reads as h_t - 1; write h_{t-1} for another step (braces)"),
        ("time t = 1..N\nh_t = tanh(W h_t - 1 + U x_t)\nL = sum_t (y_t - h_t)^2",
         "h_t reads h_t itself: for the step before write h_{t-1}"),
        ("time t = 1..N\n\(rnn)\nL = sum_t h_t**2", "'**' is not a power in the model language; write ^"),
        ("time t = 1..N\n\(rnn)\nL = sum_t (y_t - h_t) ** 2", "'**' is not a power in the model language; write ^"),
        ("time t = 1..N\n\(rnn)\nL = sum (y_t - h_t)^2", "sum needs the index it runs over: write sum_t (…)"),
        ("time t = 1..N\n\(rnn)\nL = mean (y_t - h_t)^2", "mean needs the index it runs over: write mean_t (…)"),
        ("time t = 1..N\nh_t = tanh(W h_{t-1} + U x_t\nL = sum_t (y_t - h_t)^2", "expected ')' to close the arguments of tanh"),
        // Found by the slip fuzzer (SlipFuzzTests) and by hand; each names the fix.
        ("time t = 1..N\nh_t = tnah(W h_{t-1} + U x_t)\nL = sum_t (y_t - h_t)^2", "unknown function tnah (did you mean tanh?)"),
        ("time t = 1..N\nh_t = sigma(W h_{t-1} + U x_t)\nL = sum_t (y_t - h_t)^2",
         "unknown function sigma (did you mean sigmoid?)"),
        ("time t = 1..N\nh_t = logistic(W h_{t-1} + U x_t)\nL = sum_t (y_t - h_t)^2", "(did you mean sigmoid?)"),
        ("time t = 1..N\n\(rnn)\nL = sum_t ln(h_t)", "unknown function ln (did you mean log?)"),
        ("time t = 1..N\nh_t = sgimoid(W h_{t-1} + U x_t)\nL = sum_t (y_t - h_t)^2", "(did you mean sigmoid?)"),
        ("time t = 1..N\n\(rnn)\nL = sum_t (y_t - sofmtax(h_t))^2", "(did you mean softmax?)"),
        ("time t = 1..N\nh_t = sqrt(W h_{t-1} + U x_t)\nL = sum_t (y_t - h_t)^2", "or bind a symbol: activation sqrt = relu"),
        ("time t = 1..N\nh_t == tanh(W h_{t-1} + U x_t)\nL = sum_t (y_t - h_t)^2", "a definition has one '='"),
        ("tme t = 1..N\n\(rnn)\nL = sum_t (y_t - h_t)^2", "did you mean time t = 1..N?"),
        ("time t = 1..N\nh[t] = tanh(W h[t-1] + U x[t])\nL = sum_t (y_t - h_t)^2", "write a step as a subscript: h_t, h_{t-1}"),
        ("time t = 1..N\n\(rnn)\no_t = V' h_t\nL = sum_t (y_t - o_t)^2", "write a transpose as ^T"),
        ("time t = 1..N\n\(rnn)\no_t = V . h_t\nL = sum_t (y_t - o_t)^2", "a matrix product is written V h_t"),
        ("time t = 1..N\n\(rnn)\no_t = V × h_t\nL = sum_t (y_t - o_t)^2", "a matrix product is written V h_t"),
        ("time t = 1..N\n\(rnn)\no_t = V h_t / 2\nL = sum_t (y_t - o_t)^2", "the model language has no division"),
        ("time t = 1..N\n\(rnn)\no_t = V h_t ÷ 2\nL = sum_t (y_t - o_t)^2", "the model language has no division"),
        ("time t = 1..N\nh_t = \\tanh(W h_{t-1} + U x_t)\nL = sum_t (y_t - h_t)^2", "write plain names, not LaTeX"),
        ("time t = 1..N\n\(rnn)\no_t = \\frac{V h_t}{2}\nL = sum_t (y_t - o_t)^2", "write plain names, not LaTeX"),
        ("time t = 1..N\n$h_t = tanh(W h_{t-1} + U x_t)$\nL = sum_t (y_t - h_t)^2", "write the equation without $ signs"),
        ("time t = 1..N\n\(rnn)\nL = Σ_t (y_t - h_t)^2", "Σ is not a sum in the model language: write a sum over time as sum_t (…)"),
        ("time t = 1..N\n\(rnn);\nL = sum_t (y_t - h_t)^2", "a statement ends with its line"),
        ("time t = 1..N\n\(rnn))\nL = sum_t (y_t - h_t)^2", "no '(' is open here; remove it"),
        ("time t = 1..N\nh_t = tanh(W h_{t-1} + U x_t +)\nL = sum_t (y_t - h_t)^2",
         "expected an expression after '+', found ')'; write what it combines or remove the '+'"),
        ("time t = 1..N\nh_t = tanh(W h_{t-1} + + U x_t)\nL = sum_t (y_t - h_t)^2", "expected an expression after '+'"),
        ("time t = 1..N\n\(rnn)\nL = sum_t (y_t - h_t) *", "expected an expression after '*'"),
        ("time t = 1..N\n\(rnn)\no_t = V h_t\no_t = W h_t\nL = sum_t (y_t - o_t)^2",
         "o is defined twice (first on line 3); rename one or delete one"),
        ("time t = 1..N\nh_t = tanh(W h_{t-1 + U x_t)\nL = sum_t (y_t - h_t)^2", "expected '}' to close the '{' at column 16"),
        ("time t = 1..N\nh_t = tanh()\nL = sum_t (y_t - h_t)^2", "tanh takes one argument, got 0"),
        ("time t = 1..N\n\(rnn)\no_t = softmax(V h_t, b)\nL = sum_t ce(y_t, o_t)", "softmax takes one argument, got 2"),
        ("time t = 1..N\n\(rnn)\nL = sum_t ce(h_t)", "ce takes two arguments: ce(class index, probabilities)"),
        ("time t = 1..N\n\(rnn)\nL = (y_t - h_t)^2", "y_t is read outside a sum over t; write a step such as y_N"),
        ("time t = 1..N\n\(rnn)\nL = sum_s (y_t - h_t)^2", "expected sum_t E or sum_{t=1}^{N} E over the time variable t"),
        ("time t = 1..N\n\(rnn)\nL = sum_t (y_t - h_t)^n", "expected a whole power from 1 to 64 or T after '^'"),
        ("time t = 1..N\n\(rnn)\nL = sum_t (y_t - h_t)^-1", "expected a whole power from 1 to 64 or T after '^'"),
        ("time t = 1..\n\(rnn)\nL = sum_t (y_t - h_t)^2", "expected N as the last step, as in time t = 1..N"),
        ("time t = 1..N\n\(rnn)\nL_t = (y_t - h_t)^2", "the model has no loss: define one without a time index"),
        ("time t = 1..N\nh_{t-1} = tanh(W h_{t-2} + U x_t)\nL = sum_t (y_t - h_t)^2", "define h for every step as h_t = …"),
        ("time t = 1..N\nh_t = tanh(W h_(t-1) + U x_t)\nL = sum_t (y_t - h_t)^2", "expected a subscript after '_'"),
        ("time t = 1..N\n\(rnn)\no_t = V h_t + sum_t h_t\nL = sum_t (y_t - o_t)^2",
         "a sum over time belongs in an equation without a time index"),
        ("activation f = swish\ntime t = 1..N\n\(rnn)\nL = sum_t (y_t - h_t)^2",
         "unknown activation 'swish'; use relu, tanh, sigmoid or identity"),
    ]

    @Test("each slip gets its message", arguments: cases.indices)
    func message(index: Int) throws {
        let (text, message) = Self.cases[index]
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("m.rnn")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let r = try CLI.run(["--model", file.path, "--count"])
        #expect(r.status == 65)
        let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 3, "\(r.stderr)")
        #expect(lines.first?.contains(message) == true, "\(r.stderr)")
        #expect(lines.last?.trimmingCharacters(in: .whitespaces) == "^", "\(r.stderr)")
    }

    /// Slips that are legal model text but probably not what was meant: a warning (exit 0) with the fix.
    static let warnings: [(line: String, message: String)] = [
        ("h_t = Tanh(W h_{t-1} + U x_t)", "Tanh is read as a parameter multiplying what follows, not as the function tanh"),
        ("h_t = tanh W h_{t-1} + U x_t", "write tanh(…) in lower case with parentheses"),
        ("h_t = tanh(W h_{s-1} + U x_t)", "the time variable is t; did you mean h_{t-1}?"),
        ("h_t = tanh(W h_{t−1} + U x_t)", "is not the ASCII '-' of a step; did you mean h_{t-1}?"),
        ("h_t = tanh(W h + U x_t)", "h is read without a step, so it is a parameter, but h_t is a step variable"),
        ("h_t = tanh(W H_{t-1} + U x_t)", "H is read at t−1 but never defined, so it is taken as an input; did you mean h?"),
    ]

    @Test("each legal slip gets a warning with the fix, and --strict refuses it", arguments: warnings.indices)
    func warning(index: Int) throws {
        let (line, message) = Self.warnings[index]
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("m.rnn")
        try "time t = 1..N\n\(line)\nL = sum_t (y_t - h_t)^2\n".write(to: file, atomically: true, encoding: .utf8)
        let r = try CLI.run(["--model", file.path, "--count"])
        #expect(r.status == 0)
        #expect(r.stderr.contains("warning: ") && r.stderr.contains(message), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        let strict = try CLI.run(["--model", file.path, "--count", "--strict"])
        #expect(strict.status == 65 && strict.stderr.contains(message), "\(strict.stderr)")
    }

    /// Only the loss reads it: then it is a target, and the declaration to keep it is `targets`.
    @Test("a name beside a state's that only the loss reads is named as a target")
    func caseSlipOfATarget() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("m.rnn")
        try "time t = 1..N\ng_t = tanh(W g_{t-1} + U x_t)\nL = sum_t <G_t, g_t>\n".write(to: file, atomically: true, encoding: .utf8)
        let r = try CLI.run(["--model", file.path, "--count"])
        #expect(r.status == 0)
        #expect(r.stderr.contains("G is read at t but never defined, so it is taken as a target; did you mean g? "
                                  + "(declare `targets G` if it is one)"), "\(r.stderr)")
        try "time t = 1..N\ntargets G\ng_t = tanh(W g_{t-1} + U x_t)\nL = sum_t <G_t, g_t>\n"
            .write(to: file, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["--model", file.path, "--count"]).stderr.isEmpty)
    }

    /// A many-to-one label written without `targets` is a parameter by the language's rules; the loss
    /// comparing a result with it says it is likely a label. A bias read only by the loss is not one.
    @Test("an undeclared label of a many-to-one loss is named")
    func undeclaredLabelOfTheLoss() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("m.rnn")
        let message = "y is never defined and only the loss compares a result with it, so it is taken as a parameter "
            + "and differentiated; declare `targets y` if it is a label"
        for loss in ["(y - V h_N)^2", "ce(y, softmax(V h_N))"] {
            try "time t = 1..N\nh_t = tanh(W x_t + U h_{t-1})\nL = \(loss)\n".write(to: file, atomically: true, encoding: .utf8)
            let r = try CLI.run(["--model", file.path, "--count"])
            #expect(r.status == 0)
            #expect(r.stderr.contains(message), "\(loss): \(r.stderr)")
            try "time t = 1..N\ntargets y\nh_t = tanh(W x_t + U h_{t-1})\nL = \(loss)\n"
                .write(to: file, atomically: true, encoding: .utf8)
            #expect(try CLI.run(["--model", file.path, "--count"]).stderr.isEmpty)
        }
        try "time t = 1..N\nh_t = tanh(W x_t + U h_{t-1})\nL = sum_t (y_t - V h_t - c)^2\n"
            .write(to: file, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["--model", file.path, "--count"]).stderr.isEmpty)
    }

    @Test("arithmetic written with spaces is still arithmetic")
    func spacedArithmeticIsAccepted() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("m.rnn")
        try "time t = 1..N\nh_t = tanh(W h_{t-1} + U x_t)\nL = sum_t (y_t - h_t - 1)^2\n"
            .write(to: file, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["--model", file.path, "--count"]).status == 0)
    }
}
