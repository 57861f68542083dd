/// The squared error `Σ (target − prediction)²` over all entries, a scalar.
struct SquaredError: OperationEntry {
    var name: String { "squared error" }
    var symbol: (text: String, latex: String) { ("SE", "\\mathrm{SE}") }
    func latex(_ x: some ArgumentWriter, times: String) -> String { x.filling("\\left(#1 - #2\\right)^{2}") }
    func isScalar(_ arguments: [Expression]) -> Bool { true }
    var sizeRule: SizeRule { .equalPair }
    func python(_ x: some ArgumentWriter, module: String) -> String? {
        "((\(x.argument(0, least: .additive)) - \(x.argument(1, least: .signed))) ** 2).sum()"
    }
    func primitive(_ arguments: [Expression]) -> (primitive: Primitive, arguments: [Expression]) { (.squaredError, arguments) }
    /// `(y − o)^⊤ (y − o)`, a scalar in the vector layouts as in scalars.
    func value<A: TermAlgebra>(_ a: A) -> A.Term? {
        let residual = a.difference(a.argument(0), a.argument(1))
        return a.multiply([a.transpose(residual), residual])
    }
}
