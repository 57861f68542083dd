/// The sum of all entries `𝟏^⊤ a`, a scalar: a vector summand of a sum over time. Its edges
/// keep their symbolic partials.
struct EntrySum: OperationEntry {
    var name: String { "sum of entries" }
    var symbol: (text: String, latex: String) { ("Σ", "\\sum") }
    func latex(_ x: some ArgumentWriter, times: String) -> String { "\\mathbf{1}^{\\top} \(x.argument(0, least: .atom))" }
    func isScalar(_ arguments: [Expression]) -> Bool { true }
    var hasClosedForm: Bool { false }
    func python(_ x: some ArgumentWriter, module: String) -> String? {
        "\(x.argument(0, least: .atom)).sum()"
    }
    func primitive(_ arguments: [Expression]) -> (primitive: Primitive, arguments: [Expression]) { (.general(.entrySum), arguments) }
    func value<A: TermAlgebra>(_ a: A) -> A.Term? { nil }
}
