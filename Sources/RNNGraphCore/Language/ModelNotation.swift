/// How a model text's names are written in LaTeX, in figures (HTML) and in
/// terminal text.
///
/// LaTeX comes from a `notation` line or from the default rules: a capital
/// letter is a bold matrix (except the loss), `yhat` is `\hat{y}`, Greek names
/// are Greek, name-subscripts and superscripts stay. The HTML and text
/// spellings are read off the LaTeX, so a `notation` line changes all three.
public enum ModelNotation {
    static let greek: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "zeta": "ζ", "eta": "η",
        "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π",
        "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
        "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ",
        "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω", "Upsilon": "Υ",
        "varepsilon": "ε", "vartheta": "ϑ", "varpi": "ϖ", "varrho": "ϱ", "varsigma": "ς", "varphi": "φ",
    ]

    /// A Unicode Greek letter as LaTeX math (`α` → `\alpha`, `ε` → `\varepsilon`, `ϵ` → `\epsilon`); a
    /// capital that LaTeX writes as its Latin look-alike is that letter (`Β` → `B`), as `\mathrm`
    /// would set it. `nil` for any other character.
    public static func greekLaTeX(_ c: Character) -> String? { greekCommands[c] }

    private static let greekCommands: [Character: String] = {
        var table: [Character: String] = [:]
        for (command, letter) in greek where !command.hasPrefix("var") && command != "epsilon" && command != "phi" {
            table[Character(letter)] = "\\" + command
        }
        for (letter, command) in [("ε", "varepsilon"), ("ϵ", "epsilon"), ("ϑ", "vartheta"), ("ϖ", "varpi"),
                                  ("ϱ", "varrho"), ("ς", "varsigma"), ("φ", "varphi"), ("ϕ", "phi")] {
            table[Character(letter)] = "\\" + command
        }
        for (capital, latin) in zip("ΑΒΕΖΗΙΚΜΝΟΡΤΧ", "ABEZHIKMNOPTX") { table[capital] = String(latin) }
        table["ο"] = "o"
        return table
    }()

    /// `latex` with every Unicode Greek letter as its LaTeX (`W_{α}` → `W_{\alpha}`, `αx` →
    /// `\alpha{}x`), so pdflatex, which has no glyph for them in math, typesets the name.
    public static func greekSpelled(_ latex: String) -> String {
        guard latex.contains(where: { greekCommands[$0] != nil }) else { return latex }
        var out = ""
        var pending = false  // a command just written, which a following letter would extend
        for c in latex {
            if pending, c.isLetter { out += "{}" }
            pending = false
            if let spelled = greekCommands[c] {
                out += spelled
                pending = spelled.hasPrefix("\\")
            } else {
                out.append(c)
            }
        }
        return out
    }

    /// The symbol of a family (its key as ``ModelDefinition`` stores it).
    static func symbol(for familyKey: String, in definition: ModelDefinition) -> Symbol {
        let name = familyKey.hasSuffix(ModelDefinition.timedSuffix)
            ? String(familyKey.dropLast(ModelDefinition.timedSuffix.count)) : familyKey
        let latex = greekSpelled(definition.syntax.notation[name] ?? defaultLaTeX(name, isLoss: name == definition.lossName))
        // Most names have no braces: those skip Foundation's search.
        let ascii = !name.utf8.contains(UInt8(ascii: "{")) && !name.utf8.contains(UInt8(ascii: "}")) ? name
            : name.replacingOccurrences(of: "{", with: "").replacingOccurrences(of: "}", with: "")
        let (html, text) = spellings(latex)
        return Symbol(ascii, latex: latex, html: html, text: text)
    }

    /// The default LaTeX of a name: `W_xh` → `\mathbf{W}_{xh}`, `yhat` → `\hat{y}`, `h^{(2)}` stays.
    static func defaultLaTeX(_ name: String, isLoss: Bool) -> String {
        var base = ""
        var rest = Substring(name)
        while let c = rest.first, c.isLetter || c.isNumber {
            base.append(c)
            rest = rest.dropFirst()
        }
        var superscript = ""
        if rest.hasPrefix("^{") {
            var depth = 0
            var content = ""
            for c in rest.dropFirst() {
                if c == "{" { depth += 1; if depth == 1 { continue } }
                if c == "}" { depth -= 1; if depth == 0 { break } }
                content.append(c)
            }
            superscript = "^{\(content)}"
            rest = rest.dropFirst(content.count + 3)
        }
        let subscripts = rest.split(separator: "_").map { part -> String in
            part.hasPrefix("{") && part.hasSuffix("}") ? String(part.dropFirst().dropLast()) : String(part)
        }
        var head: String
        if greek[base] != nil {
            head = "\\\(base)"
        } else if base.count > 3, base.hasSuffix("hat") {
            head = "\\hat{\(base.dropLast(3))}"
        } else if base.count > 1 {
            head = "\\mathit{\(base)}"
        } else {
            head = base
        }
        if base.first?.isUppercase == true, !isLoss { head = "\\mathbf{\(head)}" }
        let sub = subscripts.isEmpty ? "" : "_{\(subscripts.joined(separator: ","))}"
        return head + superscript + sub
    }

    /// HTML for Graphviz labels and plain Unicode text, read off LaTeX.
    static func spellings(_ latex: String) -> (html: String, text: String) {
        var html = ""
        var text = ""
        var characters = Substring(latex)
        func group() -> String {
            // The content of `{…}` or a single character.
            guard let first = characters.first else { return "" }
            if first != "{" {
                characters = characters.dropFirst()
                return String(first)
            }
            var depth = 0
            var content = ""
            while let c = characters.first {
                characters = characters.dropFirst()
                if c == "{" { depth += 1; if depth == 1 { continue } }
                if c == "}" { depth -= 1; if depth == 0 { break } }
                content.append(c)
            }
            return content
        }
        while let c = characters.first {
            characters = characters.dropFirst()
            switch c {
            case "\\":
                var command = ""
                while let l = characters.first, l.isLetter { command.append(l); characters = characters.dropFirst() }
                switch command {
                case "mathbf", "boldsymbol", "bm":
                    let inner = spellings(group())
                    html += "<B>\(inner.html)</B>"
                    text += inner.text
                case "hat", "tilde", "bar":
                    let inner = spellings(group())
                    let mark: Character = command == "hat" ? "\u{0302}" : command == "tilde" ? "\u{0303}" : "\u{0304}"
                    let combined = String((inner.text + String(mark)).precomposedStringWithCanonicalMapping)
                    html += combined
                    text += combined
                case "mathit", "mathrm", "operatorname", "text", "mathsf":
                    let inner = spellings(group())
                    html += inner.html
                    text += inner.text
                default:
                    let symbol = greek[command] ?? command
                    html += symbol
                    text += symbol
                }
            case "_", "^":
                let inner = spellings(group())
                let tag = c == "_" ? "SUB" : "SUP"
                html += "<\(tag)>\(inner.html)</\(tag)>"
                text += c == "^" ? "^" + inner.text : inner.text
            case "{", "}":
                continue
            case "&": html += "&amp;"; text.append(c)
            case "<": html += "&lt;"; text.append(c)
            case ">": html += "&gt;"; text.append(c)
            default:
                html.append(c)
                text.append(c)
            }
        }
        return (html, text)
    }
}

import Foundation
