import Foundation
import Testing

/// Formulas typeset as a textbook writes them, one rule per test, checked on
/// what the command prints for the bundled models.
@Suite("Typography of printed formulas")
struct TypographyTests {
    static let forms: [[String]] = [
        ["--latex", "--local", "closed"], ["--latex", "--form", "compact", "--local", "closed"],
        ["--latex", "--form", "merged", "--local", "closed"], ["--latex", "--form", "recursive", "--local", "closed"],
    ]
    static let models: [(String, [String])] = [
        ("cs187", []), ("goodfellow", []), ("pytorch", ["--wrt", "Wx"]), ("elman", ["--wrt", "W_hh"]),
        ("lstm", ["--wrt", "W_hf"]), ("gru", ["--wrt", "W_hn"]), ("stacked", []), ("bidirectional", []),
    ]

    /// Every closed form of every model above, as printed.
    static func printed() throws -> [(String, String)] {
        var result: [(String, String)] = []
        for (model, wrt) in models {
            for form in forms {
                let r = try CLI.run(["--model", model, "--length", "3"] + form + wrt)
                if r.status == 0 { result.append(("\(model) \(form.joined(separator: " "))", r.stdout)) }
            }
        }
        return result
    }

    @Test("scalar constants stand in front of the matrices of their product, never alone at a line's end")
    func scalarsFirst() throws {
        let outputs = try Self.printed()
        #expect(outputs.count > 20)
        let afterMatrix = try Regex(#"(\\top\}?|\\right\)|[a-z]_\{[^}]*\}) 2 \\left"#)
        for (what, text) in outputs {
            #expect(text.firstMatch(of: afterMatrix) == nil, "\(what): a 2 after a matrix")
            for line in text.split(separator: "\n") {
                #expect(!line.hasSuffix(" 2\\\\"), "\(what): a line ends with the scalar 2")
            }
        }
        let gru = try CLI.run(["--model", "gru", "--latex", "--form", "compact", "--local", "closed", "--wrt", "W_hn"])
        #expect(gru.stdout.contains("\\sum_{t=1}^{N} 2 \\operatorname{diag}"))
    }

    @Test("a sum starts with a positive term: h_{j-1} - n_j, not -n_j + h_{j-1}")
    func positiveTermFirst() throws {
        let gru = try CLI.run(["--model", "gru", "--latex", "--form", "compact", "--local", "closed", "--wrt", "W_hn"])
        #expect(gru.stdout.contains("h_{j-1} - n_{j}"))
        for (what, text) in try Self.printed() {
            #expect(!text.contains("\\left(-"), "\(what): a parenthesized sum starts with a minus")
        }
    }

    @Test("the ReLU indicator is written 𝕀[·] so that it cannot be read as a matrix named W1")
    func indicator() throws {
        let r = try CLI.run(["--latex", "--local", "closed", "--length", "2"])
        #expect(r.stdout.contains("\\mathbf{W} \\mathbb{I}\\left[h_{1} > 0\\right]"))
        #expect(!r.stdout.contains("\\mathbf{1}\\left["))
        let standalone = try CLI.run(["--latex", "--local", "closed", "--length", "2", "--standalone"])
        #expect(standalone.stdout.contains("\\usepackage{amsmath,amssymb}"))
    }

    @Test("ranges of a recursion are written in one style, with ≤ and ≥")
    func oneRangeStyle() throws {
        for (what, text) in try Self.printed() where what.contains("recursive") {
            for line in text.split(separator: "\n") {
                guard let range = line.range(of: ", \\qquad ") else { continue }
                let condition = line[range.upperBound...]
                #expect(!condition.contains(" < ") && !condition.contains(" > "), "\(what): \(line)")
                #expect(condition.contains("\\le") || condition.contains("\\ge"), "\(what): \(line)")
            }
        }
    }

    @Test("a loss that reads the variable directly is written ∂L(V, h_1, …)/∂V, never ∂L/∂V = ∂L/∂V")
    func noTautology() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("m.rnn")
        try "time t = 1..N\nh_t = tanh(W h_{t-1} + U x_t)\nL = sum_t (y_t - V h_t)^2\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let expanded = try CLI.run(["--model", file.path, "--latex", "--wrt", "V", "--length", "2"])
        #expect(expanded.stdout.contains("\\frac{\\partial L(\\mathbf{V}, h_{1}, h_{2}, y_{1}, y_{2})}{\\partial \\mathbf{V}}"))
        let compact = try CLI.run(["--model", file.path, "--latex", "--form", "compact", "--wrt", "V"])
        #expect(compact.stdout.contains("L(\\mathbf{V}, h_{1}, \\ldots, h_{N}, y_{1}, \\ldots, y_{N})"))
        // Other partials keep the short form unless --arguments asks.
        let u = try CLI.run(["--model", file.path, "--latex", "--wrt", "U", "--length", "2"])
        #expect(!u.stdout.contains("L("))
    }

    @Test("a backward state's initial value is g_{N+1} in the forms valid for every N, and g_4 at N = 3 in the expanded one")
    func initialStateFromTheEnd() throws {
        for form in ["compact", "merged", "recursive"] {
            var printed: [String] = []
            for (n, name) in [(3, "g_4"), (5, "g_6"), (4, "g_{N+1}")] {
                let r = try CLI.run(["--model", "bidirectional", "--latex", "--form", form, "--local", "closed",
                                     "--wrt", name, "--length", String(n)])
                #expect(r.status == 0, "\(form) \(name): \(r.stderr)")
                printed.append(r.stdout)
            }
            #expect(printed[0].contains("\\nabla_{g_{N+1}} L"), "\(form): \(printed[0])")
            #expect(!printed[0].contains("g_{4}"), "\(form): \(printed[0])")
            #expect(Set(printed).count == 1, "\(form): the form depends on --length")
        }
        let expanded = try CLI.run(["--model", "bidirectional", "--latex", "--wrt", "g_{N+1}", "--length", "3"])
        #expect(expanded.stdout.contains("\\frac{\\partial L}{\\partial g_{4}}"), "\(expanded.stdout)")
    }

    /// Writes `text` as a model file and runs rnngraph on it.
    static func run(model text: String, _ arguments: [String]) throws -> CLI.Result {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("m.rnn")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return try CLI.run(["--model", file.path] + arguments)
    }

    static let noForget = """
    time t = 1..N
    i_t = sigmoid(W_i x_t + U_i h_{t-1} + b_i)
    g_t = tanh(W_g x_t + U_g h_{t-1} + b_g)
    c_t = c_{t-1} + i_t * g_t
    o_t = sigmoid(W_o x_t + U_o h_{t-1} + b_o)
    h_t = o_t * tanh(c_t)
    L = sum_t (y_t - W_q h_t)^2
    """

    @Test("no index of a Σ or Π is a letter a model's names use (an LSTM's gate i, U_i's subscript)")
    func indicesAvoidModelNames() throws {
        var printed: [(String, String)] = []
        for form in Self.forms {
            let lstm = try CLI.run(["--model", "lstm", "--length", "3", "--wrt", "W_ii"] + form)
            printed.append(("lstm \(form)", lstm.stdout))
            let gru = try CLI.run(["--model", "gru", "--length", "3", "--wrt", "W_ir"] + form)
            printed.append(("gru \(form)", gru.stdout))
            let noForget = try Self.run(model: Self.noForget, ["--length", "3"] + form)
            printed.append(("no forget gate \(form)", noForget.stdout))
        }
        for (name, text) in printed {
            #expect(!text.isEmpty, "\(name)")
            for letter in ["i", "r", "o", "g", "h", "q"] {
                #expect(!text.contains("\\sum_{\(letter)=") && !text.contains("\\prod_{\(letter)="), "\(name): \(letter)")
            }
            #expect(!text.contains("i_{i}") && !text.contains("\\mathbf{U}_{i}^{\\top} \\operatorname{diag}\\left(i_{i}"),
                    "\(name)")
        }
        // A gate named j: the Π and the definitions of the stacked Jacobian's blocks run over l.
        let gateJ = try Self.run(model: Self.noForget.replacingOccurrences(of: "i_t", with: "j_t")
                                     .replacingOccurrences(of: "_i", with: "_j"),
                                 ["--latex", "--form", "compact", "--local", "closed", "--length", "3"])
        #expect(gateJ.status == 0 && !gateJ.stdout.contains("\\prod_{j=") && !gateJ.stdout.contains("c_{j-1}"), "\(gateJ.stdout)")
        #expect(gateJ.stdout.contains("\\prod_{l=") && gateJ.stdout.contains("\\partial c_{l-1}"), "\(gateJ.stdout)")
        let compact = try CLI.run(["--model", "lstm", "--latex", "--form", "compact", "--local", "closed", "--wrt", "W_ii",
                                   "--length", "3"])
        #expect(compact.stdout.contains("\\sum_{k=1}^{t-1} 2 \\operatorname{diag}\\left(i_{k} \\odot \\left(1 - i_{k}\\right)\\right)"))
    }

    @Test("a block of a stacked Jacobian that is the identity prints I, not 1 (c_t = c_{t-1} + i_t ⊙ g_t)")
    func identityBlock() throws {
        let r = try Self.run(model: Self.noForget, ["--latex", "--form", "compact", "--local", "closed", "--length", "3"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\\left(\\frac{\\partial c_{j}}{\\partial c_{j-1}}\\right)^{\\top}\n  &= \\mathbf{I}\n"), "\(r.stdout)")
        #expect(!r.stdout.contains("&= 1\n"))
    }

    @Test("a mean over one step (N = 1) has no factor 1/1")
    func meanOverOneStep() throws {
        let model = """
        time t = 1..N
        layout rows
        h_t = relu(x_t W_x + h_{t-1} W_h) + 0.5 * h_{t-1}
        L = mean_t (y_t - h_t W_o)^2
        """
        for local in ["symbolic", "closed"] {
            let one = try Self.run(model: model, ["--latex", "--local", local, "--length", "1"])
            #expect(one.status == 0 && !one.stdout.contains("\\frac{1}{1}"), "\(local): \(one.stdout)")
            let two = try Self.run(model: model, ["--latex", "--local", local, "--length", "2", "--wrt", "W_o"])
            #expect(two.status == 0, "\(two.stderr)")
            if local == "closed" { #expect(two.stdout.contains("\\frac{1}{2}"), "\(two.stdout)") }
        }
    }
}
