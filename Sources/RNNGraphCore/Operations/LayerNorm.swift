/// `layernorm(x) = (x − μ) / √(σ² + ε)` over the entries of a vector `x` of n entries, with
/// `μ` their mean, `σ²` their (biased) variance and `ε = 10⁻⁵`, as PyTorch's
/// `layer_norm(x, [n])` without the affine parameters (write `g * layernorm(x) + b` for them).
/// Its Jacobian, printed `J_LN(x)`, is `(I − 𝟏𝟏ᵀ/n − y yᵀ/n) / √(σ² + ε)` with `y` the value:
/// symmetric, so the vector layouts use it on either side of a gradient.
struct LayerNorm: OperationDefinition, VectorRule {
    var name: String { "layernorm" }
    var arity: Int { 1 }
    var rule: OperationRule { .vector(self) }
    var latex: String { "\\operatorname{LN}\\left(#1\\right)" }
    var symbol: (text: String, latex: String) { ("LN", "\\operatorname{LN}") }
    var jacobianLaTeX: String { "\\mathbf{J}_{\\operatorname{LN}}\\left(#1\\right)" }
    var code: String? { "layernorm(#1)" }
    var jacobianCode: String? { "layernorm_jacobian(#1)" }
    var jacobianProductCode: String? { "layernorm_vjp(#1, #2)" }

    /// PyTorch's default `eps`.
    static let epsilon = 1e-5

    /// The value and `√(σ² + ε)`.
    private func normalised(_ x: [Double]) -> (y: [Double], deviation: Double) {
        let n = Double(x.count)
        let mean = x.reduce(0, +) / n
        let variance = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
        let deviation = (variance + Self.epsilon).squareRoot()
        return (x.map { ($0 - mean) / deviation }, deviation)
    }

    func value(_ x: [Double]) -> [Double] { normalised(x).y }

    func jacobian(_ x: [Double]) -> [[Double]] {
        let (y, deviation) = normalised(x)
        let n = Double(x.count)
        return y.indices.map { i in
            y.indices.map { j in ((i == j ? 1 : 0) - 1 / n - y[i] * y[j] / n) / deviation }
        }
    }
}
