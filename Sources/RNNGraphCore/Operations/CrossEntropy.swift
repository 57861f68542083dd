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
}
