/// The element-wise natural logarithm.
struct Logarithm: OperationEntry {
    var name: String { "log" }
    var symbol: (text: String, latex: String) { ("log", "\\log") }
    func latex(_ x: some ArgumentWriter, times: String) -> String { x.filling("\\log\\left(#1\\right)") }
    func isScalar(_ arguments: [Expression]) -> Bool { arguments[0].isScalar }
    var sizeRule: SizeRule { .asResult }
    func python(_ x: some ArgumentWriter, module: String) -> String? {
        x.filling("\(module).log(#1)")
    }
    func primitive(_ arguments: [Expression]) -> (primitive: Primitive, arguments: [Expression]) { (.general(.log), arguments) }
    func slope<A: SlopeAlgebra>(_ a: A, argument: Int) -> A.Term? { a.reciprocal(a.argument(0)) }
    func value<A: TermAlgebra>(_ a: A) -> A.Term? { a.log(a.argument(0)) }
}
