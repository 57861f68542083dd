/// The element-wise exponential.
struct Exponential: OperationEntry {
    var name: String { "exp" }
    var symbol: (text: String, latex: String) { ("exp", "\\exp") }
    func latex(_ x: some ArgumentWriter, times: String) -> String { x.filling("\\exp\\left(#1\\right)") }
    func isScalar(_ arguments: [Expression]) -> Bool { arguments[0].isScalar }
    var sizeRule: SizeRule { .asResult }
    func python(_ x: some ArgumentWriter, module: String) -> String? {
        x.filling("\(module).exp(#1)")
    }
}
