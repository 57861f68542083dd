/// How a variable's base name is written in each output language.
public struct Symbol: Hashable, Sendable {
    /// Identifier used on the command line and in JSON (`h`, `Wx`, `yhat`).
    public let ascii: String
    /// LaTeX for the base, without time index (`h`, `\mathbf{U}`, `\hat{y}`).
    public let latex: String
    /// HTML for Graphviz labels (`h`, `<B>U</B>`, `ŷ`).
    public let html: String
    /// Plain Unicode for terminal output (`h`, `U`, `ŷ`).
    public let text: String

    /// Creates a symbol; omitted spellings default to the ASCII name.
    public init(_ ascii: String, latex: String? = nil, html: String? = nil, text: String? = nil) {
        self.ascii = ascii
        self.latex = latex ?? ascii
        self.html = html ?? ascii
        self.text = text ?? ascii
    }

    /// A name as the model text may write it, without its braces: `W_{hh}` is `W_hh`,
    /// `h^{(2)}_{3}` is `h^(2)_3` — the form every lookup by name compares.
    public static func unbraced(_ name: String) -> String { name.filter { $0 != "{" && $0 != "}" } }
}
