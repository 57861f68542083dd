/// An element-wise activation, `tanh`, `sigmoid`, `relu` or `identity` (a model's `activation`
/// symbol is bound to one of them); the equations write `σ` for the sigmoid and the ReLU.
struct ActivationFunction: OperationEntry {
    /// The function applied.
    let function: Activation

    var name: String { function.rawValue }
    var symbol: (text: String, latex: String) {
        switch function {
        case .tanh: return ("tanh", "\\tanh")
        case .sigmoid: return ("σ", "\\sigma")
        case .relu: return ("ReLU", "\\mathrm{ReLU}")
        case .identity: return ("id", "\\mathrm{id}")
        }
    }
    func latex(_ x: some ArgumentWriter, times: String) -> String {
        switch function {
        case .relu, .sigmoid: return x.filling("\\sigma\\left(#1\\right)")
        case .tanh: return x.filling("\\tanh\\left(#1\\right)")
        case .identity: return x.filling("#1")
        }
    }
    var sizeRule: SizeRule { .asResult }
    func python(_ x: some ArgumentWriter, module: String) -> String? {
        switch function {
        case .sigmoid: return x.filling("sigmoid(#1)")
        case .tanh: return x.filling("\(module).tanh(#1)")
        case .relu: return x.filling("relu(#1)")
        case .identity: return x.filling("#1")
        }
    }
    func primitive(_ arguments: [Expression]) -> (primitive: Primitive, arguments: [Expression]) { (.activation(function), arguments) }
    func slope<A: SlopeAlgebra>(_ a: A, argument: Int) -> A.Term? {
        switch function {
        case .relu: return a.indicator(a.isWhole ? a.output : a.argument(0))
        case .tanh: return a.oneMinusSquare(a.output)
        case .sigmoid: return a.entrywise(a.output, a.difference(a.one, a.output))
        case .identity: return a.one
        }
    }
    func value<A: TermAlgebra>(_ a: A) -> A.Term? { a.activation(function, a.argument(0)) }
    func isScalar(_ arguments: [Expression]) -> Bool { arguments[0].isScalar }
}
