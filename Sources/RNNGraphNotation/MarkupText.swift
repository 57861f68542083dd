import RNNGraphCore

/// Plain text made safe inside markup: LaTeX text mode and Graphviz's
/// HTML-like labels (which SVG text shares).
public enum MarkupText {
    /// `plain` for LaTeX text mode: TeX's special characters escaped, and the
    /// symbols prose and numbers are written with (`−`, `∇`, `→`, `≤`, `…`) as
    /// LaTeX that `pdflatex` typesets without extra packages; a Greek letter (a model's name `α`)
    /// as math, `\ensuremath{\alpha}`, spelled as names are (`ModelNotation.greekLaTeX`).
    public static func latex(_ plain: String) -> String {
        var out = ""
        for character in plain {
            if let spelled = latexSpellings[character] {
                out += spelled
            } else if let greek = ModelNotation.greekLaTeX(character) {
                out += greek.hasPrefix("\\") ? "\\ensuremath{\(greek)}" : greek
            } else {
                out.append(character)
            }
        }
        return out
    }

    private static let latexSpellings: [Character: String] = [
        "\\": "\\textbackslash{}", "{": "\\{", "}": "\\}", "$": "\\$", "&": "\\&", "%": "\\%", "#": "\\#", "_": "\\_",
        "^": "\\textasciicircum{}", "~": "\\textasciitilde{}", "<": "\\textless{}", ">": "\\textgreater{}",
        "–": "--", "→": "$\\to$", "≤": "$\\le$", "…": "\\ldots{}",
        "−": "\\ensuremath{-}", "∇": "\\ensuremath{\\nabla}", "∂": "\\ensuremath{\\partial}",
        "·": "\\ensuremath{\\cdot}", "×": "\\ensuremath{\\times}", "⊙": "\\ensuremath{\\odot}",
        "≈": "\\ensuremath{\\approx}",
    ]

    /// `plain` for an HTML-like label or XML text: `&`, `<` and `>` escaped.
    public static func html(_ plain: String) -> String { spell(plain, htmlSpellings) }

    private static let htmlSpellings: [Character: String] = ["&": "&amp;", "<": "&lt;", ">": "&gt;"]

    /// `plain` with every character `spellings` lists replaced by its spelling.
    private static func spell(_ plain: String, _ spellings: [Character: String]) -> String {
        var out = ""
        for character in plain {
            if let spelled = spellings[character] { out += spelled } else { out.append(character) }
        }
        return out
    }
}
