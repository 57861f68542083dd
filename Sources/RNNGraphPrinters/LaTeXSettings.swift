import RNNGraphCalculus
import RNNGraphCore
import RNNGraphNumerics
import RNNGraphPaths

/// How ``LaTeXPrinter`` writes formulas.
public struct LaTeXSettings: Hashable, Sendable {
    /// Time index style: `h_{t}`, `h^{(t)}` or `h^{[t]}`.
    public var timeStyle: TimeIndexStyle
    /// Whether partials show their function's arguments (`∂h_t(U, V, h_{t-1}, x_t)/∂U`).
    public var arguments: Bool
    /// Whether the expanded form numbers its terms like `--paths` (`\underbrace{…}_{(3)}`).
    public var numberTerms: Bool
    /// Estimated width, in em, one line of a display may take before it is broken.
    public var lineWidth: Double
    /// Whether Π shows the order of its factors (`\prod_{j=t,\,\ldots,\,i+1}`), as matrix products need.
    public var productOrder: Bool

    /// Settings with the given time style; arguments off, terms numbered, lines of 30 em, Π without order.
    public init(timeStyle: TimeIndexStyle = .subscript_, arguments: Bool = false, numberTerms: Bool = true,
                lineWidth: Double = 30, productOrder: Bool = false) {
        self.timeStyle = timeStyle
        self.arguments = arguments
        self.numberTerms = numberTerms
        self.lineWidth = lineWidth
        self.productOrder = productOrder
    }
}
