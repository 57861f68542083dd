/// The unary minus `−a`.
struct Negation: OperationEntry {
    var name: String { "negation" }
    var symbol: (text: String, latex: String) { ("−", "-") }
    var precedence: Precedence { .signed }
    func latex(_ x: some ArgumentWriter, times: String) -> String { "-" + x.argument(0, least: .multiplicative) }
    func isScalar(_ arguments: [Expression]) -> Bool { arguments[0].isScalar }
    var sizeRule: SizeRule { .asResult }
    var codePrecedence: Precedence { .signed }
    func python(_ x: some ArgumentWriter, module: String) -> String? {
        "-\(x.argument(0, least: .application))"
    }
    func primitive(_ arguments: [Expression]) -> (primitive: Primitive, arguments: [Expression]) { (.general(.negate), arguments) }
    func value<A: TermAlgebra>(_ a: A) -> A.Term? { a.negation(a.argument(0)) }
}
