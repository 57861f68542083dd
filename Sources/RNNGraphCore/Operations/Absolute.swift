/// `abs(x) = |x|` element-wise, with slope `sign(x)` and `sign(0) = 0` (as PyTorch's `abs`
/// backward, `sgn`). Finite differences treat 0 as a kink.
struct Absolute: OperationDefinition, ElementwiseRule {
    var name: String { "abs" }
    var arity: Int { 1 }
    var rule: OperationRule { .elementwise(self) }
    var latex: String { "\\left|#1\\right|" }
    var symbol: (text: String, latex: String) { ("|·|", "\\lvert\\cdot\\rvert") }

    func value(_ x: [Double]) -> Double { Swift.abs(x[0]) }
    func slope(_ x: [Double], argument: Int) -> Double { x[0] > 0 ? 1 : x[0] < 0 ? -1 : 0 }
    func slopeLaTeX(argument: Int) -> String { "\\operatorname{sign}\\left(#1\\right)" }
    var code: String? { "{np}.abs(#1)" }
    func slopeCode(argument: Int) -> String { "{np}.sign(#1)" }
    var kink: (@Sendable ([Double]) -> Double)? { { $0[0] } }
}
