/// The inner product `Σ weights ⊙ value`, a scalar: a loss reached through given upstream gradients.
struct InnerProduct: OperationEntry {
    var name: String { "inner product" }
    var symbol: (text: String, latex: String) { ("Σ ⊙", "\\sum\\odot") }
    func latex(_ x: some ArgumentWriter, times: String) -> String { x.filling("\\left\\langle #1, #2 \\right\\rangle") }
    func isScalar(_ arguments: [Expression]) -> Bool { true }
    var sizeRule: SizeRule { .equalPair }
    func python(_ x: some ArgumentWriter, module: String) -> String? {
        "(\(x.argument(0, least: .multiplicative)) * \(x.argument(1, least: .application))).sum()"
    }
    func primitive(_ arguments: [Expression]) -> (primitive: Primitive, arguments: [Expression]) { (.inner, arguments) }
    func value<A: TermAlgebra>(_ a: A) -> A.Term? { a.multiply([a.transpose(a.argument(0)), a.argument(1)]) }
}
