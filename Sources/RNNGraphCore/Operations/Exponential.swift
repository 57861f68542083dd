/// The element-wise exponential.
struct Exponential: OperationEntry {
    var name: String { "exp" }
    var symbol: (text: String, latex: String) { ("exp", "\\exp") }
    func latex(_ x: some ArgumentWriter, times: String) -> String { x.filling("\\exp\\left(#1\\right)") }
    func isScalar(_ arguments: [Expression]) -> Bool { arguments[0].isScalar }
    var sizeRule: SizeRule { .asResult }
    func python(_ x: some ArgumentWriter, module: String) -> String? {
        x.filling("\(module).exp(#1)")
    }
    func primitive(_ arguments: [Expression]) -> (primitive: Primitive, arguments: [Expression]) { (.general(.exp), arguments) }
    func slope<A: SlopeAlgebra>(_ a: A, argument: Int) -> A.Term? { a.output }
    func value<A: TermAlgebra>(_ a: A) -> A.Term? { a.exp(a.argument(0)) }
}
