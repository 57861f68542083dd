import Foundation

/// `softplus(x) = log(1 + eˣ)` element-wise (PyTorch's `softplus` with β = 1, computed as
/// `max(x, 0) + log(1 + e^{−|x|})` so that no exponential overflows); its slope is `σ(x)`.
struct Softplus: OperationDefinition, ElementwiseRule {
    var name: String { "softplus" }
    var arity: Int { 1 }
    var rule: OperationRule { .elementwise(self) }
    var symbol: (text: String, latex: String) { ("softplus", "\\operatorname{softplus}") }

    func value(_ x: [Double]) -> Double { Swift.max(x[0], 0) + Foundation.log1p(Foundation.exp(-Swift.abs(x[0]))) }
    func slope(_ x: [Double], argument: Int) -> Double { 1 / (1 + Foundation.exp(-x[0])) }
    func slopeLaTeX(argument: Int) -> String { "\\sigma\\left(#1\\right)" }
    var code: String? { "relu(#1) + {np}.log1p({np}.exp(-{np}.abs(#1)))" }
    func slopeCode(argument: Int) -> String { "sigmoid(#1)" }
}
