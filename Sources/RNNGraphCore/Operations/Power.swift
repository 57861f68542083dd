/// The element-wise integer power `a^k`.
struct Power: OperationEntry {
    /// The exponent.
    let exponent: Int

    var name: String { "power" }
    var symbol: (text: String, latex: String) { ("^\(exponent)", "{\\cdot}^{\(exponent)}") }
    func latex(_ x: some ArgumentWriter, times: String) -> String { "\(x.argument(0, least: .atom))^{\(exponent)}" }
    func isScalar(_ arguments: [Expression]) -> Bool { arguments[0].isScalar }
    var sizeRule: SizeRule { .asResult }
    var codePrecedence: Precedence { .application }
    func python(_ x: some ArgumentWriter, module: String) -> String? {
        "\(x.argument(0, least: .atom)) ** \(exponent)"
    }
    func primitive(_ arguments: [Expression]) -> (primitive: Primitive, arguments: [Expression]) { (.general(.power(exponent)), arguments) }
    func slope<A: SlopeAlgebra>(_ a: A, argument: Int) -> A.Term? {
        let lower = exponent - 1 == 1 ? a.argument(0) : exponent - 1 == 0 ? a.one : a.power(a.argument(0), exponent - 1)
        return a.multiply([a.integer(exponent), lower])
    }
    func value<A: TermAlgebra>(_ a: A) -> A.Term? { a.power(a.argument(0), exponent) }
}
