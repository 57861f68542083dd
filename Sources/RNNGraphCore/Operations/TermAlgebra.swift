/// The terms an operation writes its closed-form value and slope with: the calculus supplies
/// them as formulas, so that each operation states once, in its entry, how the derivations
/// write its value (``OperationEntry/value(_:)``) and, if it is element-wise, its slope
/// (``OperationEntry/slope(_:argument:)``), read by the scalar partials, the element-wise
/// slopes of the rows layout and the vector layouts' actions alike.
public protocol TermAlgebra {
    /// A term.
    associatedtype Term
    /// The number of arguments.
    var count: Int { get }
    /// The value of argument `k`.
    func argument(_ k: Int) -> Term
    /// `1`.
    var one: Term { get }
    /// A whole number.
    func integer(_ k: Int) -> Term
    /// `1 / n` for the number of terms `n` of a mean (`1/N` where it grows with the length).
    func reciprocalCount(_ n: Int) -> Term
    /// A sum, simplified (zero terms dropped, nested sums flattened).
    func add(_ terms: [Term]) -> Term
    /// `a − b`.
    func difference(_ a: Term, _ b: Term) -> Term
    /// `−a`.
    func negation(_ a: Term) -> Term
    /// The product of `factors`, simplified (a factor 1 dropped, a factor 0 the whole).
    func multiply(_ factors: [Term]) -> Term
    /// The product of `factors` as written.
    func product(_ factors: [Term]) -> Term
    /// `a b` entry by entry: a product in scalars, `a ⊙ b` in the vector layouts.
    func entrywise(_ a: Term, _ b: Term) -> Term
    /// `a ⊙ b`.
    func hadamard(_ a: Term, _ b: Term) -> Term
    /// `a^⊤`.
    func transpose(_ a: Term) -> Term
    /// `[a; b; …]`.
    func stacked(_ parts: [Term]) -> Term
    /// An activation applied.
    func activation(_ function: Activation, _ a: Term) -> Term
    /// `softmax(a)`.
    func softmax(_ a: Term) -> Term
    /// `exp(a)` entry by entry.
    func exp(_ a: Term) -> Term
    /// `log(a)` entry by entry.
    func log(_ a: Term) -> Term
    /// `𝕀[a > 0]` entry by entry.
    func indicator(_ a: Term) -> Term
    /// `1 − a²` entry by entry.
    func oneMinusSquare(_ a: Term) -> Term
    /// `1 / a` entry by entry.
    func reciprocal(_ a: Term) -> Term
    /// `a^k` entry by entry.
    func power(_ a: Term, _ k: Int) -> Term
    /// The value of an operation stated by its numbers, printed from its template.
    func definedValue(_ operation: CataloguedOperation) -> Term
    /// The slope by `argument` of an operation stated by its numbers (``ElementwiseRule``),
    /// printed from its template.
    func definedSlope(_ operation: CataloguedOperation, argument: Int) -> Term
}

/// The terms of a slope: besides the arguments, the call's own value.
public protocol SlopeAlgebra: TermAlgebra {
    /// The call's value: the defined variable where the call is its whole definition, else
    /// the call written out.
    var output: Term { get }
    /// Whether the call is the variable's whole definition.
    var isWhole: Bool { get }
}
