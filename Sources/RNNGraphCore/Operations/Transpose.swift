/// The matrix transpose `a^⊤`; its edges keep their symbolic partials.
struct Transpose: OperationEntry {
    var name: String { "transpose" }
    var symbol: (text: String, latex: String) { ("^T", "{\\cdot}^{\\top}") }
    func latex(_ x: some ArgumentWriter, times: String) -> String { "\(x.argument(0, least: .atom))^{\\top}" }
    var hasClosedForm: Bool { false }
    func python(_ x: some ArgumentWriter, module: String) -> String? {
        "\(x.argument(0, least: .atom)).T"
    }
    func primitive(_ arguments: [Expression]) -> (primitive: Primitive, arguments: [Expression]) { (.general(.transpose), arguments) }
    func value<A: TermAlgebra>(_ a: A) -> A.Term? { nil }
}
