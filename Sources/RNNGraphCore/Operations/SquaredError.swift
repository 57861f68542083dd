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
}
