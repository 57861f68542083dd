/// The element-wise product `a ⊙ b` (a `1 × 1` side broadcasts; `2 h` is one).
struct Hadamard: OperationEntry {
    var name: String { "element-wise product" }
    var symbol: (text: String, latex: String) { ("⊙", "\\odot") }
    var precedence: Precedence { .elementwise }
    func latex(_ x: some ArgumentWriter, times: String) -> String {
        "\(x.argument(0, least: .multiplicative)) \\odot \(x.argument(1, least: .multiplicative))"
    }
    var sizeRule: SizeRule { .asResult }
    var codePrecedence: Precedence { .multiplicative }
    func python(_ x: some ArgumentWriter, module: String) -> String? {
        "\(x.argument(0, least: .multiplicative)) * \(x.argument(1, least: .application))"
    }
    func primitive(_ arguments: [Expression]) -> (primitive: Primitive, arguments: [Expression]) { (.general(.hadamard), arguments) }
    func value<A: TermAlgebra>(_ a: A) -> A.Term? { a.hadamard(a.argument(0), a.argument(1)) }
}
