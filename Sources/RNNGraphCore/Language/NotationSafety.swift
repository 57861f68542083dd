/// The TeX a model's `notation` lines may use in safe mode.
///
/// A notation string is copied into LaTeX output as written: like a `.tex`
/// file, a model text is trusted. For model texts from elsewhere, safe mode
/// refuses the TeX commands that read or write files, run programs or change
/// how TeX reads what follows (`\input`, `\write`, `\catcode`, `\def`, …), and
/// the `^^` escapes that could spell them.
extension ModelDefinition {
    /// The control words a notation may not use in safe mode.
    public static let unsafeNotationCommands: Set<String> = [
        "input", "include", "includeonly", "InputIfFileExists", "endinput", "openin", "openout", "read", "readline",
        "write", "immediate", "closein", "closeout", "special", "catcode", "lccode", "uccode", "sfcode", "mathcode",
        "delcode", "def", "edef", "gdef", "xdef", "let", "futurelet", "csname", "endcsname", "expandafter",
        "newcommand", "renewcommand", "providecommand", "DeclareRobustCommand", "newenvironment", "renewenvironment",
        "usepackage", "RequirePackage", "documentclass", "makeatletter", "everyjob", "everypar", "everymath",
        "shipout", "directlua", "luaexec", "pdfprimitive", "primitive", "scantokens", "jobname", "verbatiminput",
    ]

    /// Checks every `notation` line for TeX commands that reach beyond typesetting.
    /// - Throws: ``ModelParseError`` at the first such command.
    public func checkSafeNotation() throws(ModelParseError) {
        for (index, line) in ModelParser.lines(of: text).enumerated() {
            guard line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("notation") else { continue }
            let characters = Array(line)
            var column = 0
            while column < characters.count {
                defer { column += 1 }
                if characters[column] == "^", column + 1 < characters.count, characters[column + 1] == "^" {
                    throw ModelParseError(message: "safe notation refuses the TeX escape ^^; write the characters themselves",
                                          location: SourceLocation(line: index + 1, column: column + 1))
                }
                guard characters[column] == "\\" else { continue }
                let word = String(characters[(column + 1)...].prefix { $0.isLetter || $0 == "@" })
                if Self.unsafeNotationCommands.contains(word) {
                    throw ModelParseError(message: "safe notation refuses \\\(word): a notation may only typeset, "
                                          + "as in notation W = \"\\mathbf{W}\"",
                                          location: SourceLocation(line: index + 1, column: column + 1))
                }
            }
        }
    }
}
