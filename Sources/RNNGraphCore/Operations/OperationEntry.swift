/// What every operation of an ``Expression`` states about itself: its name, its figure
/// symbol, how the model's equations print a call, whether its value is a scalar whatever
/// the sizes, and whether the calculus has a closed-form partial for it.
///
/// The operations the model language writes with syntax or calls with a fixed meaning
/// (`W h`, `a + b`, `tanh`, `ce`, `exp`, …) are entries of their own, one file each under
/// `Operations/`, whose numbers are steps of the `Primitive` table; the operations stated
/// wholly by their numbers refine this as ``OperationDefinition``.
public protocol OperationEntry: Sendable {
    /// The name the model language calls it by (`softplus`), or a name for messages.
    var name: String { get }
    /// The figure's name for the step, as plain Unicode (Graphviz labels) and as LaTeX math (TikZ).
    var symbol: (text: String, latex: String) { get }
    /// The precedence of a call as the model's equations print it.
    var precedence: Precedence { get }
    /// A call as the model's equations print it in LaTeX, the arguments written by `arguments`
    /// and the factors of a matrix product separated by `times`.
    func latex(_ arguments: some ArgumentWriter, times: String) -> String
    /// Whether a call on `arguments` is `1 × 1` whatever the sizes of its variables.
    func isScalar(_ arguments: [Expression]) -> Bool
    /// Whether a call whose arguments are all `1 × 1` is `1 × 1` (a product, sum or element-wise
    /// function of numbers is a number; a stack and a vector operation are not).
    var keepsNumbers: Bool { get }
    /// Whether the calculus has a closed-form partial of a call (it has none for a transpose
    /// or a sum of entries, whose edges keep their symbolic partials).
    var hasClosedForm: Bool { get }
    /// How the sizes of the arguments relate to the result's, in symbols.
    var sizeRule: SizeRule { get }
    /// The precedence of a call as the generated Python prints it.
    var codePrecedence: Precedence { get }
    /// A call in generated Python, `module` the array library (`np` or `torch`); `nil` where the
    /// code printer writes it from the operation's numbers (``OperationDefinition/code``) or
    /// as a concatenation (a stack).
    func python(_ arguments: some ArgumentWriter, module: String) -> String?
    /// The step of the numbers' table (``Primitive``) a call on `arguments` computes, and the
    /// step's arguments in the order it reads them.
    func primitive(_ arguments: [Expression]) -> (primitive: Primitive, arguments: [Expression])
    /// For an element-wise operation, its slope by `argument` written in `algebra`'s terms
    /// (`1` for the identity); `nil` for any other operation.
    func slope<A: SlopeAlgebra>(_ algebra: A, argument: Int) -> A.Term?
    /// A call's value as the closed forms write it, in `algebra`'s terms; `nil` for an operation
    /// without a closed form (``hasClosedForm``).
    func value<A: TermAlgebra>(_ algebra: A) -> A.Term?
}

/// How the sizes of a call's arguments relate to its result's, in symbols (the generated
/// code's docstrings name sizes by it).
public enum SizeRule: Sendable {
    /// Every argument has the result's size (an element-wise operation, a sum, an activation).
    case asResult
    /// Two arguments of one size, whatever the result's (a squared error, an inner product).
    case equalPair
    /// `a b`: the matrix has the sizes of the result and of the other factor.
    case matrixProduct
    /// Sizes related otherwise (a transpose, a stack, a cross-entropy, a vector operation).
    case other
}

extension OperationEntry {
    /// A function of the model language's arguments: printed as a function.
    public var precedence: Precedence { .application }
    /// Not a scalar unless the operation says so.
    public func isScalar(_ arguments: [Expression]) -> Bool { false }
    /// Numbers in, a number out, unless the operation says otherwise.
    public var keepsNumbers: Bool { true }
    /// A closed form unless the operation says otherwise.
    public var hasClosedForm: Bool { true }
    /// Sizes related otherwise unless the operation says how.
    public var sizeRule: SizeRule { .other }
    /// A call prints as an atom in Python unless the operation says otherwise.
    public var codePrecedence: Precedence { .atom }
    /// Not element-wise unless the operation states a slope.
    public func slope<A: SlopeAlgebra>(_ algebra: A, argument: Int) -> A.Term? { nil }
}

/// The arguments of a call, written by a printer for an operation's printed form.
public protocol ArgumentWriter {
    /// The number of arguments.
    var count: Int { get }
    /// Argument `k` as printed, in parentheses unless its precedence is at least `least`.
    func argument(_ k: Int, least: Precedence) -> String
    /// When argument `k` is a negation `−a`: `a` as printed, in parentheses unless its
    /// precedence is at least `least`; `nil` otherwise.
    func negatedOperand(_ k: Int, least: Precedence) -> String?
    /// Whether argument `k` is a number.
    func isNumber(_ k: Int) -> Bool
}

extension ArgumentWriter {
    /// Every argument as printed bare.
    var bare: [String] { (0..<count).map { argument($0, least: .additive) } }

    /// `template` with `#1`, `#2`, … replaced by the arguments printed bare.
    func filling(_ template: String) -> String { OperationTemplate.fill(template, bare) }
}

extension OperationDefinition {
    /// The LaTeX template (``latex``) filled with the arguments.
    public func latex(_ arguments: some ArgumentWriter, times: String) -> String { arguments.filling(latex) }

    /// An element-wise operation of scalars is a scalar; a vector operation is not.
    public func isScalar(_ arguments: [Expression]) -> Bool {
        keepsNumbers && arguments.allSatisfy(\.isScalar)
    }

    /// An element-wise operation of numbers is a number; a vector operation (a layer norm) is not.
    public var keepsNumbers: Bool {
        if case .vector = rule { return false }
        return true
    }

    /// A general step whose numbers the rule states.
    public func primitive(_ arguments: [Expression]) -> (primitive: Primitive, arguments: [Expression]) {
        (.general(.catalogued(CataloguedOperation(self))), arguments)
    }

    /// The value printed from the template.
    public func value<A: TermAlgebra>(_ algebra: A) -> A.Term? { algebra.definedValue(CataloguedOperation(self)) }

    /// An element-wise rule's slope, printed from ``ElementwiseRule/slopeLaTeX(argument:)``.
    public func slope<A: SlopeAlgebra>(_ algebra: A, argument: Int) -> A.Term? {
        guard case .elementwise = rule else { return nil }
        return algebra.definedSlope(CataloguedOperation(self), argument: argument)
    }

    /// Written by the code printer from ``code``.
    public func python(_ arguments: some ArgumentWriter, module: String) -> String? { nil }
    /// A template call may hold sums: set apart as a sum is.
    public var codePrecedence: Precedence { .additive }

    /// An element-wise operation's arguments have the result's size.
    public var sizeRule: SizeRule {
        if case .elementwise = rule { return .asResult }
        return .other
    }
}
