/// A LaTeX fragment made a document that compiles with `pdflatex`.
extension LaTeXPrinter {
    /// The start of a document that compiles with `pdflatex` (A4 or letter, 1 in margins).
    public static let standaloneHeader = """
        \\documentclass{article}
        \\usepackage[margin=1in]{geometry}
        \\usepackage{amsmath,amssymb}
        \\allowdisplaybreaks
        \\begin{document}

        """

    /// The end of a standalone document.
    public static let standaloneFooter = "\\end{document}\n"

    /// Wraps a fragment in a document that compiles with `pdflatex`.
    public static func standalone(_ body: String) -> String { standaloneHeader + body + standaloneFooter }
}
