/// The vertical concatenation `[a; b; …]` of column vectors (or matrices with equal column counts).
struct Stack: OperationEntry {
    var name: String { "stack" }
    var symbol: (text: String, latex: String) { ("[ ; ]", "[\\,;\\,]") }
    var precedence: Precedence { .atom }
    func latex(_ x: some ArgumentWriter, times: String) -> String {
        "\\begin{bmatrix} \(x.bare.joined(separator: " \\\\ ")) \\end{bmatrix}"
    }
    func python(_ x: some ArgumentWriter, module: String) -> String? { nil }
}
