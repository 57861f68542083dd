/// The element-wise sum `a + b + …` of terms of equal shape (a number or a row-vector
/// bias broadcasts); a negated term is printed as a subtraction.
struct ElementwiseSum: OperationEntry {
    var name: String { "sum" }
    var symbol: (text: String, latex: String) { ("+", "+") }
    var precedence: Precedence { .additive }
    var codePrecedence: Precedence { .additive }
    var sizeRule: SizeRule { .asResult }

    func latex(_ x: some ArgumentWriter, times: String) -> String { terms(x, negated: .multiplicative) }
    func python(_ x: some ArgumentWriter, module: String) -> String? { terms(x, negated: .application) }

    /// The terms joined by `+`, a negated term after the first by `-` with its operand placed for `negated`.
    private func terms(_ x: some ArgumentWriter, negated least: Precedence) -> String {
        var text = ""
        for k in 0..<x.count {
            if k > 0, let negated = x.negatedOperand(k, least: least) {
                text += " - " + negated
            } else {
                text += (k > 0 ? " + " : "") + x.argument(k, least: .additive)
            }
        }
        return text
    }
    func primitive(_ arguments: [Expression]) -> (primitive: Primitive, arguments: [Expression]) { (.sum, arguments) }
    func value<A: TermAlgebra>(_ a: A) -> A.Term? { a.add((0..<a.count).map(a.argument)) }
}
