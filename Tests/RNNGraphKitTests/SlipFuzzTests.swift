import Foundation
import Testing
@testable import RNNGraphCore

/// A grammar-aware fuzzer of the slips students make: each kind of slip is
/// applied at every place it fits in every bundled model's equations, and
/// the result must never be accepted silently — it is refused with a
/// one-line message, or accepted with a warning — and, where the slip has an
/// obvious fix, the message names it.
@Suite("Slips are never accepted silently")
struct SlipFuzzTests {
    /// One kind of slip: where it applies in a line (ranges of the text to replace) and what it writes there,
    /// with the words the message must contain (`nil`: any message will do).
    struct Slip: Sendable {
        let name: String
        let pattern: String
        let replace: @Sendable (_ match: [String]) -> String
        let mustSay: @Sendable (_ match: [String]) -> String?
    }

    static let functions = "tanh|sigmoid|relu|softmax|exp|log"
    static let slips: [Slip] = [
        Slip(name: "letters of a function swapped", pattern: "\\b(\(functions))\\(", replace: { m in
            var c = Array(m[1]); c.swapAt(1, 2); return String(c) + "("
        }, mustSay: { m in "did you mean \(m[1])?" }),
        Slip(name: "a function capitalised", pattern: "\\b(\(functions))\\(", replace: { m in
            m[1].prefix(1).uppercased() + m[1].dropFirst() + "("
        }, mustSay: { m in "write \(m[1])(…)" }),
        Slip(name: "another letter for the step", pattern: "_\\{t([-+][0-9])\\}", replace: { m in "_{s\(m[1])}" },
             mustSay: { m in "did you mean" }),
        Slip(name: "a typographic minus in a step", pattern: "_\\{t-([0-9])\\}", replace: { m in "_{t−\(m[1])}" },
             mustSay: { m in "did you mean" }),
        Slip(name: "a step dropped", pattern: "\\b([a-z])_\\{t-1\\}", replace: { m in m[1] },
             mustSay: { m in "write the step" }),
        Slip(name: "a step without braces", pattern: "_\\{t-1\\}", replace: { _ in "_t-1" }, mustSay: { _ in "_{t-1}" }),
        Slip(name: "a Python power", pattern: "\\^2", replace: { _ in "**2" }, mustSay: { _ in "write ^" }),
        Slip(name: "a LaTeX function", pattern: "\\b(\(functions))\\(", replace: { m in "\\\(m[1])(" },
             mustSay: { _ in "not LaTeX" }),
        Slip(name: "a closing parenthesis lost", pattern: "\\)\\s*$", replace: { _ in "" }, mustSay: { _ in nil }),
        Slip(name: "a definition written ==", pattern: "^(\\S+) = ", replace: { m in "\(m[1]) == " },
             mustSay: { _ in "one '='" }),
        Slip(name: "a state indexed with brackets", pattern: "\\b([a-z])_\\{t-1\\}", replace: { m in "\(m[1])[t-1]" },
             mustSay: { _ in nil }),
        Slip(name: "a division", pattern: " \\+ ", replace: { _ in " / " }, mustSay: { _ in "no division" }),
    ]

    /// Every slipped text: (model, slip, the slipped text, the message's required words).
    static func cases() -> [(model: String, slip: String, text: String, mustSay: String?)] {
        var result: [(String, String, String, String?)] = []
        for model in BundledModels.names {
            guard let text = BundledModels.text(named: model),
                  let definition = try? ModelDefinition(parsing: text, name: model) else { continue }
            let lines = text.components(separatedBy: "\n")
            let equationLines = Set(definition.syntax.equations.map { $0.line - 1 })
            for slip in slips {
                let regex = try! NSRegularExpression(pattern: slip.pattern)
                for index in equationLines.sorted() {
                    let line = lines[index]
                    let matches = regex.matches(in: line, range: NSRange(line.startIndex..., in: line))
                    for match in matches {
                        let groups = (0..<match.numberOfRanges).map { k in
                            Range(match.range(at: k), in: line).map { String(line[$0]) } ?? ""
                        }
                        let range = Range(match.range, in: line)!
                        var slipped = lines
                        slipped[index] = line.replacingCharacters(in: range, with: slip.replace(groups))
                        result.append((model, slip.name, slipped.joined(separator: "\n"), slip.mustSay(groups)))
                    }
                }
            }
        }
        return result
    }

    /// What the model language says of a text: its first error, or its warnings (empty: accepted silently).
    static func verdict(_ text: String) -> (error: String?, warnings: [String]) {
        do {
            let definition = try ModelDefinition(parsing: text, name: "m.rnn")
            var unroller = try ModelUnroller(definition: definition, options: ModelOptions(definition: definition, length: 3))
            _ = try unroller.build()
            return (nil, definition.warnings.map(\.message))
        } catch let error as ModelParseError {
            return (error.message, [])
        } catch {
            return ("\(error)", [])
        }
    }

    @Test("every slip of every bundled model is refused or warned about, in one line that names the fix")
    func slipsAreNoticed() {
        let cases = Self.cases()
        #expect(cases.count >= 200, "the slips fit \(cases.count) places")
        var kinds: Set<String> = []
        for c in cases {
            let (error, warnings) = Self.verdict(c.text)
            let said = error.map { [$0] } ?? warnings
            kinds.insert(c.slip)
            #expect(!said.isEmpty, "\(c.model), \(c.slip): accepted silently\n\(c.text)")
            for message in said {
                #expect(!message.contains("\n"), "\(c.model), \(c.slip): \(message)")
            }
            if let words = c.mustSay, !said.isEmpty {
                #expect(said.contains { $0.contains(words) }, "\(c.model), \(c.slip): \(said) lacks “\(words)”")
            }
        }
        #expect(kinds.count == Self.slips.count, "slips that fit nowhere: \(Set(Self.slips.map(\.name)).subtracting(kinds))")
    }
}
