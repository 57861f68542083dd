import Foundation

/// `gelu(x) = ½ x (1 + tanh(√(2/π) (x + 0.044715 x³)))` element-wise: the tanh approximation
/// of the Gaussian error linear unit, as PyTorch's `gelu(x, approximate="tanh")`. Its slope,
/// printed `gelu′(x)`, is `½ (1 + tanh u) + ½ x (1 − tanh² u) √(2/π) (1 + 3 · 0.044715 x²)`
/// with `u = √(2/π) (x + 0.044715 x³)`.
struct GELU: OperationDefinition, ElementwiseRule {
    var name: String { "gelu" }
    var arity: Int { 1 }
    var rule: OperationRule { .elementwise(self) }
    var symbol: (text: String, latex: String) { ("GELU", "\\operatorname{GELU}") }

    private static let scale = (2 / Double.pi).squareRoot()
    private static let cubic = 0.044715

    func value(_ x: [Double]) -> Double {
        let a = x[0]
        return 0.5 * a * (1 + Foundation.tanh(Self.scale * (a + Self.cubic * a * a * a)))
    }

    func slope(_ x: [Double], argument: Int) -> Double {
        let a = x[0]
        let t = Foundation.tanh(Self.scale * (a + Self.cubic * a * a * a))
        return 0.5 * (1 + t) + 0.5 * a * (1 - t * t) * Self.scale * (1 + 3 * Self.cubic * a * a)
    }

    func slopeLaTeX(argument: Int) -> String { "\\operatorname{gelu}'\\left(#1\\right)" }
    var code: String? { "0.5 * #1 * (1 + {np}.tanh(\(Self.scale) * (#1 + \(Self.cubic) * #1 ** 3)))" }
    func slopeCode(argument: Int) -> String {
        let t = "{np}.tanh(\(Self.scale) * (#1 + \(Self.cubic) * #1 ** 3))"
        return "0.5 * (1 + \(t)) + 0.5 * #1 * (1 - \(t) ** 2) * \(Self.scale) * (1 + \(3 * Self.cubic) * #1 ** 2)"
    }
}
