/// The symbols the presets use.
enum Notation {
    static let hidden = Symbol("h", latex: "h", html: "h", text: "h")
    static let input = Symbol("x")
    static let target = Symbol("y")
    static let output = Symbol("o")
    static let preActivation = Symbol("a")
    static let prediction = Symbol("yhat", latex: "\\hat{y}", html: "ŷ", text: "ŷ")
    static let loss = Symbol("L", latex: "L", html: "L", text: "L")
    static let upstream = Symbol("G", latex: "G", html: "G", text: "G")

    /// A bold parameter: `\mathbf{U}` in LaTeX, bold in figures.
    static func parameter(_ name: String) -> Symbol {
        Symbol(name, latex: "\\mathbf{\(name)}", html: "<B>\(name)</B>", text: name)
    }

    /// A bold parameter with a subscript, such as `W_x`.
    static func parameter(_ base: String, sub: String) -> Symbol {
        Symbol("\(base)\(sub)", latex: "\\mathbf{\(base)}_{\(sub)}",
               html: "<B>\(base)</B><SUB>\(sub)</SUB>", text: "\(base)\(sub)")
    }
}
