/// The arithmetic mean of scalar terms, a scalar.
struct Mean: OperationEntry {
    var name: String { "mean" }
    var symbol: (text: String, latex: String) { ("mean", "\\mathrm{mean}") }
    func latex(_ x: some ArgumentWriter, times: String) -> String {
        "\\frac{1}{\(x.count)} \\left(\(x.bare.joined(separator: " + "))\\right)"
    }
    func isScalar(_ arguments: [Expression]) -> Bool { true }
    var sizeRule: SizeRule { .asResult }
    func python(_ x: some ArgumentWriter, module: String) -> String? {
        "(\(x.bare.joined(separator: " + "))) / \(x.count)"
    }
    func primitive(_ arguments: [Expression]) -> (primitive: Primitive, arguments: [Expression]) { (.mean, arguments) }
    func value<A: TermAlgebra>(_ a: A) -> A.Term? { a.multiply([a.reciprocalCount(a.count), a.add((0..<a.count).map(a.argument))]) }
}
