/// How tightly a printed formula binds, loosest first: the one table the LaTeX
/// and MathML printers (for chain-rule formulas), the equation printer (for a model's
/// equations) and the code printer decide parentheses by, and that an operation's
/// printed form (``OperationEntry/precedence``) states. A formula is printed bare where its
/// precedence is at least the least its place allows, else in parentheses.
public enum Precedence: Int, Comparable, Sendable {
    /// `a + b`, `a − b`, `1 − h²`.
    case additive
    /// `−a`, and a negative number.
    case signed
    /// `Σ …` and `Π …`, reaching to the end of what follows them.
    case bigOperator
    /// `a ⊙ b`.
    case elementwise
    /// `a b`.
    case multiplicative
    /// A function applied, a power or a transpose: an operand of a product as it is, but set in
    /// parentheses before a superscript of its own.
    case application
    /// A variable, a number, a matrix written out: anything that may carry a superscript.
    case atom

    /// Looser before tighter.
    public static func < (a: Precedence, b: Precedence) -> Bool { a.rawValue < b.rawValue }
}
