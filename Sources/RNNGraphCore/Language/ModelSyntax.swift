/// The syntax tree of a model text, as the parser reads it, before roles are
/// inferred (see ``ModelDefinition``).

/// A position in a model text, 1-based.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// Line number.
    public let line: Int
    /// Column number (in characters).
    public let column: Int

    public var description: String { "\(line):\(column)" }
}

/// The time index of a name: relative to the time variable, relative to `N`, or a fixed step.
public enum TimeIndex: Hashable, Sendable {
    /// `t + offset` (`h_t`, `h_{t-1}`, `x_{t+1}`).
    case relative(Int)
    /// `N + offset` (`h_N`, `g_{N+1}`).
    case end(Int)
    /// A fixed step (`h_0`).
    case fixed(Int)

    /// The concrete time at step `t` of a sequence of length `n`.
    func at(step t: Int, length n: Int) -> Int {
        switch self {
        case .relative(let k): return t + k
        case .end(let k): return n + k
        case .fixed(let k): return k
        }
    }
}

/// A name as written: its identity (base, superscript, name-subscripts) and an optional time index.
public struct NameReference: Hashable, Sendable {
    /// The name without its time index, as written (`h`, `W_xh`, `h^{(2)}`).
    public let name: String
    /// The time index, if any.
    public let time: TimeIndex?
    /// Where the name starts.
    public let location: SourceLocation
}

/// An expression of the model language, as written.
public indirect enum Term: Hashable, Sendable {
    /// A variable.
    case name(NameReference)
    /// A number.
    case number(Double)
    /// `f(arguments)`: a function, an activation symbol, or a name followed by a parenthesis.
    case call(String, [Term], SourceLocation)
    /// `a + b`.
    case add(Term, Term)
    /// `a - b`.
    case subtract(Term, Term)
    /// `-a`.
    case negate(Term)
    /// Juxtaposition, `@` or `·`: the matrix product.
    case matrixProduct(Term, Term)
    /// `*` or `⊙`: the element-wise product.
    case elementwise(Term, Term)
    /// `a^k`, element-wise.
    case power(Term, Int)
    /// `a^T`.
    case transpose(Term)
    /// `[a; b]`.
    case stack([Term])
    /// `<a, b>`.
    case inner(Term, Term)
    /// `sum_t E`, `mean_t E` or `sum_{t=lower}^{upper} E`; bounds `nil` take the time range.
    case overTime(mean: Bool, lower: TimeIndex?, upper: TimeIndex?, body: Term, location: SourceLocation)
}

/// One `name = expression` or `name := expression` line.
public struct Equation: Hashable, Sendable {
    /// The defined name; timed (`h_t`) for a step variable.
    public let target: NameReference
    /// Whether it was written `:=` (an inline definition, substituted unless asked for as a node).
    public let isInline: Bool
    /// The right-hand side.
    public let expression: Term
    /// The line it is on.
    public let line: Int
}

/// How a model's vectors are laid out.
public enum VectorLayout: String, Hashable, Sendable, CaseIterable {
    /// Column vectors, `W h` (the default).
    case columns
    /// Row vectors and batches of rows, `h W` (PyTorch, CS231n).
    case rows
    /// Every quantity read as a scalar in closed-form partials (the CS187 lab's section 3).
    case scalars
}

/// The role a declaration gives to names.
public enum DeclaredRole: String, Hashable, Sendable, CaseIterable {
    case parameters, inputs, targets, loss, biases
    /// `scalars a, c`: leaves that are numbers (`1 × 1`), broadcast over the vectors they combine with.
    case scalars
}

/// `activation sigma = relu`: a symbol the equations use for a function.
public struct ActivationBinding: Hashable, Sendable {
    /// The symbol (`sigma`).
    public let symbol: String
    /// The function it stands for (`relu`).
    public let function: Activation
}

/// `parameters A, B` and the other role declarations.
public struct Declaration: Hashable, Sendable {
    /// The role given.
    public let role: DeclaredRole
    /// The names it is given to, as written.
    public let names: [String]
    /// The line of the declaration.
    public let line: Int
}

/// A parsed model text: its statements, in order.
public struct ModelSyntax: Hashable, Sendable {
    /// The `model "…"` title, if given.
    public var title: String?
    /// The time variable (`t`).
    public var timeVariable = "t"
    /// The first step (`1` in `t = 1..N`).
    public var firstStep = 1
    /// The last step relative to `N` (`0` in `t = 1..N`, `-1` in `t = 0..N-1`).
    public var lastStepOffset = 0
    /// Activation symbols, in order.
    public var activations: [ActivationBinding] = []
    /// Declarations, in order.
    public var declarations: [Declaration] = []
    /// LaTeX notation overrides by name, in order.
    public var notation: [String: String] = [:]
    /// `time style …`, if given.
    public var timeStyle: TimeIndexStyle?
    /// `layout …`, if given.
    public var layout: VectorLayout?
    /// The equations, in order.
    public var equations: [Equation] = []

    /// An empty model.
    public init() {}
}
