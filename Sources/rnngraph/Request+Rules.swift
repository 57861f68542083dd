import RNNGraphKit

extension Request {
    /// One option rule: in the situation `isBroken` describes, the run is refused with
    /// `message`, one line that names the problem and the fix.
    struct Rule {
        let isBroken: (RunOptions, Mode) -> Bool
        let message: (RunOptions) -> String
    }

    /// Every rule between options, checked in this order before any file is read or written:
    /// values out of range, options a mode does not use (an option the run would silently
    /// ignore is an error), options that need another, and a run with nothing to write.
    static let rules: [Rule] = [
        Rule({ c, _ in c.figure.show != nil && c.figure.shownNames.isEmpty }) {
            "--show '\($0.figure.show ?? "")' names no variable; list names such as U,h1,o1,L or leave --show out"
        },
        Rule({ c, _ in c.figure.tikzWidth != nil && c.figure.tikz == nil }) { _ in
            "--tikz-width scales the TikZ picture: add --tikz FILE or leave --tikz-width out"
        },
        Rule({ c, _ in c.figure.tikzWidth.map { $0.isEmpty || $0.contains(where: { "{}%#\n\r".contains($0) }) } == true }) {
            "--tikz-width '\($0.figure.tikzWidth ?? "")' is not a TeX dimension; give one such as 0.8\\linewidth or 12cm"
        },
    ]
    + notApplying(["--latex", "--paths", "--count", "--latex-out", "--highlight", "--wrt", "--form", "--local",
                   "--arguments", "--standalone", "--of", "--truncate", "--lags", "--lag-plot"],
                  in: [.document]) {
        "\($0) does not apply to --document: the document derives ∂L/∂ of the model's first parameter in every "
            + "form; leave \($0) out"
    }
    + notApplying(["a figure output", "--latex", "--paths", "--count", "--latex-out", "--highlight", "--form", "--local",
                   "--truncate", "--show", "--cell", "--parameters", "--json", "--annotate", "--lags", "--lag-plot",
                   "--document"],
                  in: [.explorer]) {
        "\($0) does not apply to --html: the page holds the figure with parameters as nodes and every form, "
            + "symbolic and closed; leave \($0) out"
    }
    + notApplying(["--length", "--show", "--highlight", "--parameters", "--values", "--document"], whenGiven: "--cell") {
        "\($0) does not apply to --cell: the cell view draws every operation of one step with its parameters, "
            + "whatever the length; leave \($0) out"
    }
    + [
        Rule({ c, _ in c.figure.cell && c.figure.outputs.isEmpty }) { _ in
            "--cell draws a figure: add an output such as --svg cell.svg or --pdf cell.pdf"
        },
        Rule({ c, mode in mode == .jacobian && (c.numbers.annotate != nil || !c.figure.outputs.isEmpty) }) { _ in
            "--wrt with --values prints one Jacobian, not a figure: leave --wrt out to annotate the figure with every gradient"
        },
        Rule({ c, _ in c.code.codeOut != nil && c.code.code == nil }) { _ in
            "--code-out names where --code writes; add --code numpy or --code torch"
        },
        Rule({ c, mode in mode == .code && otherOutput(of: c) != nil }) {
            "--code writes a Python module on its own; run \(otherOutput(of: $0) ?? "") in a separate call"
        },
        Rule({ c, _ in c.document.document == nil && (c.document.template != nil || c.document.templates != nil) }) { _ in
            "--template and --templates need --document FILE"
        },
    ]
    + notApplying(["--json", "--annotate"], in: [.document]) {
        "\($0) does not apply to --document: the document shows the loss's gradients in a table of its own"
    }
    + needing("--values FILE", ["--json", "--tolerance", "--annotate", "--lags", "--lag-plot"]) { c, _ in c.numbers.values == nil }
    + [
        Rule({ c, _ in c.numbers.tolerance.map { !($0 >= 0 && $0.isFinite) } == true }) {
            "--tolerance must be a finite number ≥ 0, got \($0.numbers.tolerance ?? 0)"
        },
    ]
    + notApplying(["--json", "--annotate", "--paths", "--count", "--highlight", "--form", "--truncate", "--lags",
                   "--lag-plot", "a figure output"],
                  in: [.workedSolution]) {
        "\($0) does not apply to --latex --values: the worked solution is the expanded chain rule with numbers"
    }
    + notApplying(["--lags", "--lag-plot", "--truncate"], in: [.jacobian]) {
        "\($0) does not apply to a Jacobian (--values with --wrt); leave --wrt out"
    }
    + notApplying(["--paths", "--count", "--highlight", "--form", "--local", "--layout", "--hadamard", "--arguments",
                   "--standalone", "--max-terms", "--latex-time-style"],
                  in: [.numbers, .jacobian]) {
        "\($0) does not apply to --values without --latex: the report holds numbers, not formulas; leave \($0) out "
            + "or add --latex for the worked solution"
    }
    + [
        Rule({ c, mode in [.draw, .workedSolution].contains(mode) && c.derivation.hadamard && c.derivation.local != .closed }) { _ in
            "--hadamard chooses how closed forms write element-wise steps; add --local closed"
        },
        Rule({ c, _ in c.derivation.maxTerms < 1 }) { "--max-terms must be at least 1, got \($0.derivation.maxTerms)" },
        Rule({ c, _ in (c.derivation.truncate ?? 0) < 0 }) {
            "--truncate must be at least 0, got \($0.derivation.truncate ?? 0)"
        },
        Rule({ c, _ in (c.derivation.truncate ?? 0) > ModelOptions.maximumLength }) {
            "--truncate must be at most \(ModelOptions.maximumLength), the longest sequence, got \($0.derivation.truncate ?? 0)"
        },
        Rule({ c, mode in mode == .draw && c.derivation.truncate != nil && c.derivation.form == .recursive
                && (c.derivation.latex || c.derivation.latexOut != nil) }) { _ in
            "--truncate does not apply to --form recursive: its δ recursion runs over every lag; use --form expanded or compact"
        },
        Rule({ c, mode in mode == .draw && c.derivation.truncate != nil && !c.derivation.requested
                && c.derivation.highlight == nil }) { _ in
            "--truncate keeps paths for --paths, --count, --latex, --highlight or --values; add one of them"
        },
        Rule({ c, mode in mode == .draw && c.derivation.highlight != nil && c.figure.outputs.isEmpty }) { _ in
            "--highlight colours a figure; add an output such as --pdf out.pdf or --svg FILE"
        },
        Rule({ c, mode in mode == .numbers && c.numbers.annotate != nil && c.figure.outputs.isEmpty }) { _ in
            "--annotate writes on a figure: add an output such as --pdf out.pdf or --svg FILE"
        },
        Rule({ c, mode in mode == .draw && c.figure.outputs.isEmpty && !c.derivation.requested }) { _ in
            "nothing to write: add an output such as --pdf out.pdf, --svg FILE, --dot - or --latex"
        },
    ]

    /// The first output other than the module that the options ask for, as a message names it.
    private static func otherOutput(of c: RunOptions) -> String? {
        if let first = c.figure.outputs.first { return "--\(first.format.rawValue)" }
        if c.derivation.requested { return "the derivation" }
        if c.numbers.values != nil { return "--values" }
        if c.document.document != nil { return "--document" }
        return c.figure.html != nil ? "--html" : nil
    }

    /// A rule for each of `options`: given in one of `modes`, it is refused with `message(option)`.
    private static func notApplying(_ options: [String], in modes: [Mode],
                                    message: @escaping (String) -> String) -> [Rule] {
        options.map { option in
            Rule({ c, mode in modes.contains(mode) && isGiven(option, c) }) { _ in message(option) }
        }
    }

    /// A rule for each of `options`: given with `other`, it is refused with `message(option)`.
    private static func notApplying(_ options: [String], whenGiven other: String,
                                    message: @escaping (String) -> String) -> [Rule] {
        options.map { option in
            Rule({ c, _ in isGiven(other, c) && isGiven(option, c) }) { _ in message(option) }
        }
    }

    /// A rule for each of `options`: given when `missing` holds, it is refused as needing `needed`.
    private static func needing(_ needed: String, _ options: [String],
                                missing: @escaping (RunOptions, Mode) -> Bool) -> [Rule] {
        options.map { option in
            Rule({ c, mode in missing(c, mode) && isGiven(option, c) }) { _ in "\(option) needs \(needed)" }
        }
    }

    /// Whether `option` (as the rules name it) is given; an option with a default counts as
    /// given when its value differs from the default.
    private static func isGiven(_ option: String, _ c: RunOptions) -> Bool {
        guard let given = presence[option] else { preconditionFailure("no presence test for \(option)") }
        return given(c)
    }

    /// For each option the rules name, whether it is given.
    private static let presence: [String: (RunOptions) -> Bool] = [
        "a figure output": { !$0.figure.outputs.isEmpty },
        "--show": { $0.figure.show != nil },
        "--cell": { $0.figure.cell },
        "--parameters": { $0.figure.parameters != nil },
        "--length": { $0.model.length != nil },
        "--document": { $0.document.document != nil },
        "--values": { $0.numbers.values != nil },
        "--json": { $0.numbers.json },
        "--tolerance": { $0.numbers.tolerance != nil },
        "--annotate": { $0.numbers.annotate != nil },
        "--lags": { $0.numbers.lags },
        "--lag-plot": { $0.numbers.lagPlot != nil },
        "--latex": { $0.derivation.latex },
        "--paths": { $0.derivation.paths },
        "--count": { $0.derivation.count },
        "--latex-out": { $0.derivation.latexOut != nil },
        "--highlight": { $0.derivation.highlight != nil },
        "--wrt": { $0.derivation.wrt != nil },
        "--of": { $0.derivation.of != nil },
        "--form": { $0.derivation.form != .expanded },
        "--local": { $0.derivation.local != .symbolic },
        "--layout": { $0.derivation.layout != nil },
        "--hadamard": { $0.derivation.hadamard },
        "--arguments": { $0.derivation.arguments },
        "--standalone": { $0.derivation.standalone },
        "--max-terms": { $0.derivation.maxTerms != Derivation.defaultTermLimit },
        "--latex-time-style": { $0.derivation.latexTimeStyle != nil },
        "--truncate": { $0.derivation.truncate != nil },
    ]
}

extension Request.Rule {
    init(_ isBroken: @escaping (RunOptions, Request.Mode) -> Bool, message: @escaping (RunOptions) -> String) {
        self.isBroken = isBroken
        self.message = message
    }
}
