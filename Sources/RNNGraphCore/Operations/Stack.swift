/// The vertical concatenation `[a; b; …]` of column vectors (or matrices with equal column counts).
struct Stack: OperationEntry {
    var name: String { "stack" }
    var symbol: (text: String, latex: String) { ("[ ; ]", "[\\,;\\,]") }
    var precedence: Precedence { .atom }
    func latex(_ x: some ArgumentWriter, times: String) -> String {
        "\\begin{bmatrix} \(x.bare.joined(separator: " \\\\ ")) \\end{bmatrix}"
    }
    func python(_ x: some ArgumentWriter, module: String) -> String? { nil }
    /// A stack of numbers is a vector.
    var keepsNumbers: Bool { false }
    func primitive(_ arguments: [Expression]) -> (primitive: Primitive, arguments: [Expression]) { (.general(.stack), arguments) }
    func value<A: TermAlgebra>(_ a: A) -> A.Term? { a.stacked((0..<a.count).map(a.argument)) }
}
