/// `max(a, b)` entry by entry. At a tie (`a = b`) the slope goes to the first argument:
/// `∂max/∂a = 𝕀[a ≥ b]`, `∂max/∂b = 𝕀[a < b]` (PyTorch's `maximum` splits it in halves;
/// neither is a derivative, which a tie does not have). Finite differences treat `a = b`
/// as a kink.
struct Maximum: OperationDefinition, ElementwiseRule {
    var name: String { "max" }
    var arity: Int { 2 }
    var rule: OperationRule { .elementwise(self) }
    var latex: String { "\\max\\left(#1, #2\\right)" }
    var symbol: (text: String, latex: String) { ("max", "\\max") }

    func value(_ x: [Double]) -> Double { x[0] >= x[1] ? x[0] : x[1] }
    func slope(_ x: [Double], argument: Int) -> Double { (x[0] >= x[1]) == (argument == 0) ? 1 : 0 }
    func slopeLaTeX(argument: Int) -> String {
        argument == 0 ? "\\mathbb{I}\\left[#1 \\geq #2\\right]" : "\\mathbb{I}\\left[#1 < #2\\right]"
    }
    var code: String? { "maximum(#1, #2)" }
    func slopeCode(argument: Int) -> String { argument == 0 ? "1 - step(#2 - #1)" : "step(#2 - #1)" }
    var kink: (@Sendable ([Double]) -> Double)? { { $0[0] - $0[1] } }
}
