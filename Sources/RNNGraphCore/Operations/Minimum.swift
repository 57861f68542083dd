/// `min(a, b)` entry by entry. At a tie (`a = b`) the slope goes to the first argument:
/// `∂min/∂a = 𝕀[a ≤ b]`, `∂min/∂b = 𝕀[a > b]` (PyTorch's `minimum` splits it in halves).
/// Finite differences treat `a = b` as a kink.
struct Minimum: OperationDefinition, ElementwiseRule {
    var name: String { "min" }
    var arity: Int { 2 }
    var rule: OperationRule { .elementwise(self) }
    var latex: String { "\\min\\left(#1, #2\\right)" }
    var symbol: (text: String, latex: String) { ("min", "\\min") }

    func value(_ x: [Double]) -> Double { x[0] <= x[1] ? x[0] : x[1] }
    func slope(_ x: [Double], argument: Int) -> Double { (x[0] <= x[1]) == (argument == 0) ? 1 : 0 }
    func slopeLaTeX(argument: Int) -> String {
        argument == 0 ? "\\mathbb{I}\\left[#1 \\leq #2\\right]" : "\\mathbb{I}\\left[#1 > #2\\right]"
    }
    var code: String? { "minimum(#1, #2)" }
    func slopeCode(argument: Int) -> String { argument == 0 ? "1 - step(#1 - #2)" : "step(#1 - #2)" }
    var kink: (@Sendable ([Double]) -> Double)? { { $0[1] - $0[0] } }
}
