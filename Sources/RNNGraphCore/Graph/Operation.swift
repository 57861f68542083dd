/// An operation of the model language beyond the matrix product, sums,
/// activations and losses that ``Expression`` names directly.
///
/// The operations listed here are described in two places: their numbers (shape
/// rule, value, directional derivative and vector–Jacobian product, in
/// `Operation+Numerics.swift`, reached through `Primitive` like every other
/// step of an expression) and everything else — printed form, figure symbol,
/// closed-form value and slope — in their entry (``entry``, one file each under
/// `Operations/`). A ``catalogued(_:)`` operation states all of this in its own file.
public enum Operation: Hashable, Sendable, Codable {
    /// Element-wise product `a ⊙ b` (a `1 × 1` side broadcasts).
    case hadamard
    /// Unary minus.
    case negate
    /// Element-wise integer power `a^k`.
    case power(Int)
    /// Matrix transpose `a^⊤`.
    case transpose
    /// Vertical concatenation `[a; b; …]` of column vectors (or matrices with equal column counts).
    case stack
    /// Element-wise exponential.
    case exp
    /// Element-wise natural logarithm.
    case log
    /// The sum of all entries, a `1 × 1` result: a vector summand of a loss.
    case entrySum
    /// An operation stated in one file of the catalogue (``OperationCatalogue``).
    case catalogued(CataloguedOperation)

    /// The number of arguments the operation takes (`nil`: two or more).
    public var arity: Int? {
        switch self {
        case .hadamard: return 2
        case .stack: return nil
        case .negate, .power, .transpose, .exp, .log, .entrySum: return 1
        case .catalogued(let operation): return operation.arity
        }
    }

    /// The operation's catalogue entry.
    public var entry: any OperationEntry {
        switch self {
        case .hadamard: return Hadamard()
        case .negate: return Negation()
        case .power(let k): return Power(exponent: k)
        case .transpose: return Transpose()
        case .stack: return Stack()
        case .exp: return Exponential()
        case .log: return Logarithm()
        case .entrySum: return EntrySum()
        case .catalogued(let operation): return operation.definition
        }
    }
}
