/// The cross-entropy `−log prediction[target]`, the target a class index: a scalar. Of a
/// softmax it is one fused step of the numbers (`logsumexp(o) − o[y]`).
struct CrossEntropy: OperationEntry {
    var name: String { "ce" }
    var symbol: (text: String, latex: String) { ("CE", "\\mathrm{CE}") }
    func latex(_ x: some ArgumentWriter, times: String) -> String { x.filling("-\\log \\left[#2\\right]_{#1}") }
    func isScalar(_ arguments: [Expression]) -> Bool { true }
    func python(_ x: some ArgumentWriter, module: String) -> String? {
        x.filling("cross_entropy(#1, #2)")
    }
    func primitive(_ arguments: [Expression]) -> (primitive: Primitive, arguments: [Expression]) {
        if case .softmax(let scores) = arguments[1] { return (.softmaxCrossEntropy, [arguments[0], scores]) }
        return (.crossEntropy, arguments)
    }
    func value<A: TermAlgebra>(_ a: A) -> A.Term? { a.negation(a.product([a.argument(0), a.argument(1)])) }
}
