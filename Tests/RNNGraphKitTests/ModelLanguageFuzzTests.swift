import Foundation
import Testing
@testable import RNNGraphCalculus
@testable import RNNGraphCore
@testable import RNNGraphKit
@testable import RNNGraphPrinters

/// Feeds the model language seeded mutations of the bundled model texts (token
/// fragments spliced in, lines repeated, swapped and dropped, bytes changed)
/// and generated deep and large structures: every input must parse, unroll and
/// give a derivation, or fail with a ``ModelParseError`` or an ``RNNGraphError``
/// — a crash kills the test process. The run lasts `RNNGRAPH_FUZZ_SECONDS`
/// seconds (default 2; `make fuzz` runs 60 under AddressSanitizer), with the
/// seed in `RNNGRAPH_FUZZ_SEED` (default 1).
@Suite struct ModelLanguageFuzzTests {
    /// Fragments of the language and its edges: operators, brackets, indices at the integer limits, names with
    /// odd superscripts, line endings, numbers that overflow.
    static let fragments = [
        "(", ")", "[", "]", ";", ",", "<", ">", "+", "-", "*", "@", "^T", "^2", "^{64}", "^{65}", "^{T}", "=", ":=",
        " tanh(", " relu(", " softmax(", " ce(", " exp(", " log(", "sigma(", "_t", "_{t-1}", "_{t+64}", "_{t-65}",
        "_{N+1}", "_{N+9223372036854775807}", "_{t-9223372036854775808}", "_9223372036854775806", "_{-1}", "_{}",
        "^{{}}", "^{(2)}", "^{}", "_{", "}", "{", "sum_t ", "mean_t ", "sum_{t=1}^{N} ", "sum_{t=1}^{1000000} ",
        "sum_{t=-9223372036854775807}^{9223372036854775807} ", "\r\n", "\r", "\n", "\n\n", "#", "\"", "\\input",
        "1e309", "0.5", "9223372036854775807", "-0", "..", "time t = 1..N\n", "time s = 0..N-1\n",
        "time t = 9223372036854775807..N\n", "time t = 1..N+9223372036854775807\n", "activation sigma = relu\n",
        "notation W = \"\\mathbf{W}\"\n", "parameters W\n", "inputs x\n", "targets y\n", "loss L\n", "biases b\n",
        "layout rows\n", "time style bracketed\n", "model \"m\"\n", "a := b\n", "b := a\n", "é", "⊙", "·", "−", "\u{0}",
    ]

    static let seeds: [String] = BundledModels.names.compactMap { BundledModels.text(named: $0) }

    static func mutate(_ text: String, _ random: inout SeededRandom) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let line = Int.random(in: 0..<max(1, lines.count), using: &random)
            if lines.isEmpty { lines = [""] }
            switch Int.random(in: 0..<7, using: &random) {
            case 0:  // a fragment spliced into a line
                var characters = Array(lines[line])
                let at = Int.random(in: 0...characters.count, using: &random)
                characters.insert(contentsOf: fragments.randomElement(using: &random)!, at: at)
                lines[line] = String(characters)
            case 1:  // a stretch of a line deleted
                var characters = Array(lines[line])
                guard !characters.isEmpty else { continue }
                let at = Int.random(in: 0..<characters.count, using: &random)
                characters.removeSubrange(at..<min(characters.count, at + Int.random(in: 1...8, using: &random)))
                lines[line] = String(characters)
            case 2: lines.insert(lines[line], at: line)  // a line repeated: defined twice
            case 3: lines.remove(at: line)
            case 4:
                let other = Int.random(in: 0..<lines.count, using: &random)
                lines.swapAt(line, other)
            case 5:  // a character replaced by any scalar
                var characters = Array(lines[line])
                guard !characters.isEmpty else { continue }
                let scalar = Unicode.Scalar(UInt8.random(in: 0...127, using: &random))
                characters[Int.random(in: 0..<characters.count, using: &random)] = Character(scalar)
                lines[line] = String(characters)
            default:  // the equation's right-hand side wrapped
                guard let equals = lines[line].firstIndex(of: "=") else { continue }
                let wrap = ["tanh(", "(", "-", "[", "relu("].randomElement(using: &random)!
                let close = wrap == "-" ? "" : wrap == "[" ? "]" : ")"
                let rest = lines[line][lines[line].index(after: equals)...]
                lines[line] = lines[line][...equals] + " " + wrap + rest + close
            }
        }
        let separator = ["\n", "\n", "\n", "\r\n", "\r"].randomElement(using: &random)!
        return lines.joined(separator: separator)
    }

    /// A model whose hidden equation is a deep or large structure: nested brackets, calls, stacks,
    /// signs, transposes, long sums and products, long names, doubling inline definitions.
    static func structure(_ random: inout SeededRandom) -> String {
        let n = [10, 255, 256, 257, 1_000, 6_500, 30_000].randomElement(using: &random)!
        let body: String
        switch Int.random(in: 0..<9, using: &random) {
        case 0: body = String(repeating: "(", count: n) + "U x_t" + String(repeating: ")", count: n)
        case 1: body = String(repeating: "tanh(", count: n) + "U x_t" + String(repeating: ")", count: n)
        case 2: body = "U " + String(repeating: "[x_t; ", count: n) + "x_t" + String(repeating: "]", count: n)
        case 3: body = "U x_t" + String(repeating: "^T", count: n)
        case 4: body = String(repeating: "-", count: n) + "U x_t"
        case 5: body = Array(repeating: "U x_t", count: n).joined(separator: " + ")
        case 6: body = "U " + Array(repeating: "x_t", count: n).joined(separator: " * ")
        case 7: body = "U " + String(repeating: "o", count: n) + "_t"
        default:
            let doubling = (1...min(n, 40)).map { "a\($0) := a\($0 - 1) + a\($0 - 1)" }.joined(separator: "\n")
            return "time t = 1..N\na0 := x_t + x_t\n\(doubling)\nh_t = tanh(W h_{t-1} + U a\(min(n, 40)))\nL = sum_t h_t\n"
        }
        return "time t = 1..N\nh_t = tanh(W h_{t-1} + \(body))\nL = sum_t (y_t - h_t)^2\n"
    }

    /// Parses, unrolls at a short length and derives: `nil` when all succeed, the typed error otherwise.
    /// Any other error is recorded as an issue.
    static func exercise(_ text: String, length: Int) {
        do {
            let definition = try ModelDefinition(parsing: text, name: "fuzz")
            let model = try Model(ModelOptions(definition: definition, length: length))
            let derivation = try Derivation(model: model)
            _ = try LaTeXPrinter().latex(derivation.expanded(limit: 200))
        } catch is ModelParseError {
        } catch is RNNGraphError {
        } catch {
            Issue.record("untyped error \(error) for a model text of \(text.utf8.count) bytes")
        }
    }

    @Test func mutatedModelsParseOrGiveATypedError() {
        let environment = ProcessInfo.processInfo.environment
        let seconds = environment["RNNGRAPH_FUZZ_SECONDS"].flatMap(Double.init) ?? 2
        var random = SeededRandom(seed: environment["RNNGRAPH_FUZZ_SEED"].flatMap(UInt64.init) ?? 1)
        let deadline = Date().addingTimeInterval(seconds)
        var runs = 0
        while Date() < deadline {
            let text = Int.random(in: 0..<8, using: &random) == 0
                ? Self.structure(&random) : Self.mutate(Self.seeds.randomElement(using: &random)!, &random)
            Self.exercise(text, length: Int.random(in: 1...4, using: &random))
            runs += 1
        }
        #expect(runs > 20, "the fuzz loop ran \(runs) times")
        print("model-language fuzz: \(runs) inputs, \(seconds) s")
    }
}
