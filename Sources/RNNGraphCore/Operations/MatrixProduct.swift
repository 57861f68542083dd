/// The matrix product `a b` (`W h` in columns, `h W` in rows), written by juxtaposition.
struct MatrixProduct: OperationEntry {
    var name: String { "matrix product" }
    var symbol: (text: String, latex: String) { ("×", "\\times") }
    var precedence: Precedence { .multiplicative }
    func latex(_ x: some ArgumentWriter, times: String) -> String {
        x.argument(0, least: .multiplicative) + times + x.argument(1, least: .multiplicative)
    }
    var sizeRule: SizeRule { .matrixProduct }
    var codePrecedence: Precedence { .multiplicative }
    func python(_ x: some ArgumentWriter, module: String) -> String? {
        let op = x.isNumber(0) || x.isNumber(1) ? "*" : "@"
        return "\(x.argument(0, least: .multiplicative)) \(op) \(x.argument(1, least: .application))"
    }
    func primitive(_ arguments: [Expression]) -> (primitive: Primitive, arguments: [Expression]) { (.matrixProduct, arguments) }
    func value<A: TermAlgebra>(_ a: A) -> A.Term? { a.multiply([a.argument(0), a.argument(1)]) }
}
