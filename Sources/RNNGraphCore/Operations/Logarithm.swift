/// The element-wise natural logarithm.
struct Logarithm: OperationEntry {
    var name: String { "log" }
    var symbol: (text: String, latex: String) { ("log", "\\log") }
    func latex(_ x: some ArgumentWriter, times: String) -> String { x.filling("\\log\\left(#1\\right)") }
    func isScalar(_ arguments: [Expression]) -> Bool { arguments[0].isScalar }
    var sizeRule: SizeRule { .asResult }
    func python(_ x: some ArgumentWriter, module: String) -> String? {
        x.filling("\(module).log(#1)")
    }
}
