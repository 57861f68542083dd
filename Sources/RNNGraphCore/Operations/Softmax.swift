/// Softmax over the entries of a vector.
struct Softmax: OperationEntry {
    var name: String { "softmax" }
    var symbol: (text: String, latex: String) { ("softmax", "\\mathrm{softmax}") }
    func latex(_ x: some ArgumentWriter, times: String) -> String { x.filling("\\operatorname{softmax}\\left(#1\\right)") }
    var sizeRule: SizeRule { .asResult }
    func python(_ x: some ArgumentWriter, module: String) -> String? {
        x.filling("softmax(#1)")
    }
    func primitive(_ arguments: [Expression]) -> (primitive: Primitive, arguments: [Expression]) { (.softmax, arguments) }
    func value<A: TermAlgebra>(_ a: A) -> A.Term? { a.softmax(a.argument(0)) }
}
