/// One operation of the model language, stated once: its name and arity, its
/// numbers (from which the shape rule, value, tangent and vector–Jacobian
/// product are derived), its closed-form local partial, its printed form and
/// its figure symbol.
///
/// An operation is one value of a type conforming to this protocol, in one
/// file under `Operations/`, listed in ``OperationCatalogue/all``. The model
/// language reads names and arities from the catalogue; numerics, calculus,
/// printers and figures read the rest.
public protocol OperationDefinition: OperationEntry {
    /// The number of arguments.
    var arity: Int { get }
    /// What the operation computes and how it changes.
    var rule: OperationRule { get }
    /// How a call is written in LaTeX: `#1`, `#2`, … stand for the arguments.
    var latex: String { get }
    /// How a call is written in generated Python, `#1`, `#2`, … the arguments and `{np}` the array
    /// library (`np` or `torch`); `nil` when the code printer has no form for it.
    var code: String? { get }
}

extension OperationDefinition {
    /// No code form unless the operation states one.
    public var code: String? { nil }

    /// The generic form `\operatorname{name}\left(#1, …\right)`.
    public var latex: String {
        "\\operatorname{\(name)}\\left(" + (1...arity).map { "#\($0)" }.joined(separator: ", ") + "\\right)"
    }
}

/// The numbers and closed-form partial of an operation, in one of two forms.
public enum OperationRule: Sendable {
    /// Entry by entry: the arguments broadcast to a common shape (a `1 × 1` argument
    /// to any shape) and the result has that shape.
    case elementwise(any ElementwiseRule)
    /// Over all entries of one vector argument, the result shaped like the argument.
    case vector(any VectorRule)
}

/// An element-wise operation: a function of the arguments' entries at one position,
/// and its slope by each argument. Tangent and vector–Jacobian product are the slope
/// times the argument's change or the result's adjoint; the scalar partial is the
/// slope formula, and a vector layout multiplies by `diag(slope)` (or `⊙ slope`).
public protocol ElementwiseRule: Sendable {
    /// The value at one position, `x[k]` the entry of argument `k`.
    func value(_ x: [Double]) -> Double
    /// `∂value/∂x[argument]` at one position (a convention at a kink, stated by the operation).
    func slope(_ x: [Double], argument: Int) -> Double
    /// The slope by `argument` in LaTeX, `#1`, `#2`, … the arguments' values.
    func slopeLaTeX(argument: Int) -> String
    /// The slope by `argument` in generated Python, as ``OperationDefinition/code`` writes a call.
    func slopeCode(argument: Int) -> String
    /// A number of the arguments' entries whose sign changes where the operation has a
    /// kink (`x` for `|x|`, `a − b` for `max(a, b)`), `nil` for a smooth operation:
    /// finite differences keep their steps on one side of it.
    var kink: (@Sendable ([Double]) -> Double)? { get }
}

extension ElementwiseRule {
    /// A smooth operation has no kink.
    public var kink: (@Sendable ([Double]) -> Double)? { nil }
}

/// An operation over all entries of a vector: its value and its Jacobian, which must
/// be symmetric (as softmax's and layer normalisation's are), so that the vector
/// layouts use the same matrix on either side of a gradient.
public protocol VectorRule: Sendable {
    /// The value for the entries `x` (row-major) of the argument.
    func value(_ x: [Double]) -> [Double]
    /// The Jacobian `J[i][j] = ∂value[i]/∂x[j]`.
    func jacobian(_ x: [Double]) -> [[Double]]
    /// The Jacobian in LaTeX, `#1` the argument's value.
    var jacobianLaTeX: String { get }
    /// The Jacobian of a column vector in generated Python, as ``OperationDefinition/code`` writes
    /// a call; `nil` when the code printer has no form for it.
    var jacobianCode: String? { get }
    /// The Jacobian times a gradient, `J(#1) #2`, in generated Python without forming the
    /// Jacobian; `nil` when the code printer has no such form.
    var jacobianProductCode: String? { get }
}

extension VectorRule {
    /// No code form unless the operation states one.
    public var jacobianCode: String? { nil }
    /// No code form unless the operation states one.
    public var jacobianProductCode: String? { nil }
}
