import RNNGraphCalculus
import RNNGraphCore

/// Where a formula is printed: each place asks for a least precedence.
enum PrintContext {
    /// A whole formula, or inside delimiters of its own.
    case top
    /// A term of a sum.
    case term
    /// The body of a Σ or Π.
    case body
    /// A factor of a product, other than the last.
    case factor
    /// The last factor of a product.
    case lastFactor
    /// An operand that must stand alone (of `⊙`, a sign, a subtraction).
    case operand
    /// The base of a superscript.
    case superscriptBase

    /// The loosest formula printed here without parentheses.
    var least: Precedence {
        switch self {
        case .top, .term: return .additive
        case .body: return .signed
        case .factor, .lastFactor: return .multiplicative
        case .operand, .superscriptBase: return .atom
        }
    }

    /// Whether a Σ may stand open here: it reaches to the end of the product it ends.
    var endsProduct: Bool { self == .lastFactor }
}

extension Formula {
    /// The precedence of the formula's outermost operation, which every printer of formulas reads.
    var precedence: Precedence {
        switch self {
        case .sum, .difference, .oneMinusSquare, .softmaxJacobian: return .additive
        case .negation: return .signed
        case .indexedSum, .indexedProduct, .ascendingProduct: return .bigOperator
        case .hadamard: return .elementwise
        case .product: return .multiplicative
        default: return .atom
        }
    }
}
