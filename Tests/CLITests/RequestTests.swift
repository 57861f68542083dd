import Foundation
import RNNGraphKit
import RNNGraphRender
import Testing
@testable import rnngraph

/// The options become one request in one place: the mode and its outputs, and every rule
/// between options, each refused with its message.
@Suite struct RequestTests {
    static let lab = CLI.packageRoot.appendingPathComponent("Docs/examples/lab-2x2.json").path

    static func command(_ arguments: [String]) throws -> RunOptions {
        try #require(try RNNGraphCommand.parseAsRoot(arguments) as? RNNGraphCommand).options
    }

    static func request(_ arguments: [String]) throws -> Request {
        try Request(command(arguments))
    }

    static let none = NamedQuantities()

    @Test func eachModeIsChosenWithItsOutputs() throws {
        let svg = FigureOutput(format: .svg, path: "g.svg")
        let cases: [([String], Request)] = [
            (["--print-model", "--model", "lstm"], .printModel),
            (["--print-roles"], .printRoles),
            (["--code", "torch", "--code-out", "m.py"], .code(.torch, destination: "m.py")),
            (["--code", "numpy"], .code(.numpy, destination: "-")),
            (["--html", "p.html", "--wrt", "W"], .explorer(page: "p.html", values: nil, names: NamedQuantities(wrt: "W"))),
            (["--html", "p.html", "--values", Self.lab], .explorer(page: "p.html", values: Self.lab, names: Self.none)),
            (["--document", "d.tex", "--values", Self.lab, "--svg", "g.svg"],
             .document(file: "d.tex", values: Self.lab, figures: [svg])),
            (["--values", Self.lab, "--latex"], .workedSolution(values: Self.lab, destination: "-", names: Self.none)),
            (["--values", Self.lab, "--latex-out", "w.tex", "--of", "h2[1]"],
             .workedSolution(values: Self.lab, destination: "w.tex", names: NamedQuantities(of: "h2[1]"))),
            (["--values", Self.lab, "--of", "h1[1]", "--wrt", "U", "--json"],
             .jacobian(values: Self.lab, names: NamedQuantities(of: "h1[1]", wrt: "U"))),
            (["--values", Self.lab], .numbers(values: Self.lab, names: Self.none, figures: [], lagPlot: nil)),
            (["--values", Self.lab, "--annotate", "gradients", "--svg", "g.svg", "--lags", "--lag-plot", "l.svg"],
             .numbers(values: Self.lab, names: Self.none, figures: [svg], lagPlot: "l.svg")),
            (["--svg", "g.svg"], .draw(figures: [svg], view: .unrolled, text: nil, names: Self.none)),
            (["--dot", "-", "--pdf", "g.pdf", "--count", "--latex-out", "d.tex", "--wrt", "W", "--of", "o2"],
             .draw(figures: [FigureOutput(format: .pdf, path: "g.pdf"), FigureOutput(format: .dot, path: "-")],
                   view: .unrolled, text: Request.DerivationText(count: true, paths: false, latex: "d.tex"),
                   names: NamedQuantities(of: "o2", wrt: "W"))),
            (["--latex", "--paths"],
             .draw(figures: [], view: .unrolled, text: Request.DerivationText(count: false, paths: true, latex: "-"),
                   names: Self.none)),
            (["--model", "lstm", "--cell", "--svg", "g.svg"], .draw(figures: [svg], view: .cell, text: nil, names: Self.none)),
        ]
        for (arguments, expected) in cases {
            #expect(try Self.request(arguments) == expected, "\(arguments)")
        }
    }

    /// One case or more for every rule of the table, in the table's order: the arguments and
    /// the message of the first rule they break.
    static let refusals: [([String], String)] = {
        let lab = RequestTests.lab
        var cases: [([String], String)] = [
            (["--show", ",", "--svg", "s.svg"], "--show ',' names no variable; list names such as U,h1,o1,L or leave --show out"),
            (["--tikz-width", "5cm", "--svg", "s.svg"],
             "--tikz-width scales the TikZ picture: add --tikz FILE or leave --tikz-width out"),
            (["--tikz", "t.tex", "--tikz-width", "5{cm"],
             "--tikz-width '5{cm' is not a TeX dimension; give one such as 0.8\\linewidth or 12cm"),
        ]
        let given: [String: [String]] = [
            "--latex": ["--latex"], "--paths": ["--paths"], "--count": ["--count"], "--latex-out": ["--latex-out", "x.tex"],
            "--highlight": ["--highlight", "1"], "--wrt": ["--wrt", "V"], "--of": ["--of", "o1"],
            "--form": ["--form", "compact"], "--local": ["--local", "closed"], "--layout": ["--layout", "scalar"],
            "--hadamard": ["--hadamard"], "--arguments": ["--arguments"], "--standalone": ["--standalone"],
            "--max-terms": ["--max-terms", "5"], "--latex-time-style": ["--latex-time-style", "bracketed"],
            "--truncate": ["--truncate", "1"], "--lags": ["--lags"], "--lag-plot": ["--lag-plot", "l.svg"],
            "--show": ["--show", "U,h1"], "--cell": ["--cell"], "--parameters": ["--parameters", "labels"],
            "--json": ["--json"], "--annotate": ["--annotate", "values"], "--document": ["--document", "d.tex"],
            "--length": ["--length", "4"], "--values": ["--values", lab], "--tolerance": ["--tolerance", "1"],
            "a figure output": ["--svg", "s.svg"],
        ]
        func each(_ options: [String], base: [String], _ message: (String) -> String) {
            for option in options { cases.append((base + given[option]!, message(option))) }
        }
        each(["--latex", "--paths", "--count", "--latex-out", "--highlight", "--wrt", "--form", "--local", "--arguments",
              "--standalone", "--of", "--truncate", "--lags", "--lag-plot"], base: ["--document", "d.tex"]) {
            "\($0) does not apply to --document: the document derives ∂L/∂ of the model's first parameter in every form; "
                + "leave \($0) out"
        }
        each(["a figure output", "--latex", "--paths", "--count", "--latex-out", "--highlight", "--form", "--local",
              "--truncate", "--show", "--cell", "--parameters", "--json", "--annotate", "--lags", "--lag-plot", "--document"],
             base: ["--html", "p.html"]) {
            "\($0) does not apply to --html: the page holds the figure with parameters as nodes and every form, "
                + "symbolic and closed; leave \($0) out"
        }
        each(["--length", "--show", "--highlight", "--parameters", "--values", "--document"], base: ["--cell", "--svg", "c.svg"]) {
            "\($0) does not apply to --cell: the cell view draws every operation of one step with its parameters, "
                + "whatever the length; leave \($0) out"
        }
        cases += [
            (["--cell", "--latex"], "--cell draws a figure: add an output such as --svg cell.svg or --pdf cell.pdf"),
            (["--values", lab, "--wrt", "V", "--svg", "s.svg"],
             "--wrt with --values prints one Jacobian, not a figure: leave --wrt out to annotate the figure with every gradient"),
            (["--values", lab, "--wrt", "V", "--annotate", "values"], "--wrt with --values prints one Jacobian, not a figure"),
            (["--code-out", "m.py"], "--code-out names where --code writes; add --code numpy or --code torch"),
            (["--code", "numpy", "--png", "g.png", "--svg", "s.svg"],
             "--code writes a Python module on its own; run --svg in a separate call"),
            (["--code", "numpy", "--count"], "--code writes a Python module on its own; run the derivation in a separate call"),
            (["--code", "numpy", "--values", lab], "--code writes a Python module on its own; run --values in a separate call"),
            (["--code", "torch", "--document", "d.tex"], "--code writes a Python module on its own; run --document in a separate call"),
            (["--code", "torch", "--html", "p.html"], "--code writes a Python module on its own; run --html in a separate call"),
            (["--template", "slides"], "--template and --templates need --document FILE"),
            (["--templates", "t", "--count"], "--template and --templates need --document FILE"),
        ]
        each(["--json", "--annotate"], base: ["--document", "d.tex", "--values", lab]) {
            "\($0) does not apply to --document: the document shows the loss's gradients in a table of its own"
        }
        each(["--json", "--tolerance", "--annotate", "--lags", "--lag-plot"], base: ["--count"]) { "\($0) needs --values FILE" }
        cases.append((["--document", "d.tex", "--tolerance", "1"], "--tolerance needs --values FILE"))
        cases.append((["--values", lab, "--tolerance", "-1"], "--tolerance must be a finite number ≥ 0, got -1.0"))
        each(["--json", "--annotate", "--paths", "--count", "--highlight", "--form", "--truncate", "--lags", "--lag-plot",
              "a figure output"], base: ["--values", lab, "--latex"]) {
            "\($0) does not apply to --latex --values: the worked solution is the expanded chain rule with numbers"
        }
        each(["--lags", "--lag-plot", "--truncate"], base: ["--values", lab, "--wrt", "U"]) {
            "\($0) does not apply to a Jacobian (--values with --wrt); leave --wrt out"
        }
        let formulas = ["--paths", "--count", "--highlight", "--form", "--local", "--layout", "--hadamard", "--arguments",
                        "--standalone", "--max-terms", "--latex-time-style"]
        for base in [["--values", lab], ["--values", lab, "--wrt", "U"]] {
            each(formulas, base: base) {
                "\($0) does not apply to --values without --latex: the report holds numbers, not formulas; leave \($0) out "
                    + "or add --latex for the worked solution"
            }
        }
        cases += [
            (["--latex", "--hadamard"], "--hadamard chooses how closed forms write element-wise steps; add --local closed"),
            (["--values", lab, "--latex", "--hadamard"], "--hadamard chooses how closed forms write element-wise steps"),
            (["--latex", "--max-terms", "0"], "--max-terms must be at least 1, got 0"),
            (["--count", "--truncate", "-1"], "--truncate must be at least 0, got -1"),
            (["--count", "--truncate", "1000001"], "--truncate must be at most 1000000, the longest sequence, got 1000001"),
            (["--latex", "--form", "recursive", "--truncate", "1"],
             "--truncate does not apply to --form recursive: its δ recursion runs over every lag; use --form expanded or compact"),
            (["--truncate", "1", "--dot", "-"],
             "--truncate keeps paths for --paths, --count, --latex, --highlight or --values; add one of them"),
            (["--highlight", "1", "--latex"], "--highlight colours a figure; add an output such as --pdf out.pdf or --svg FILE"),
            (["--values", lab, "--annotate", "values"],
             "--annotate writes on a figure: add an output such as --pdf out.pdf or --svg FILE"),
            (["--length", "3"], "nothing to write: add an output such as --pdf out.pdf, --svg FILE, --dot - or --latex"),
        ]
        return cases
    }()

    @Test(arguments: refusals)
    func eachRuleRefusesWithItsMessage(_ arguments: [String], _ message: String) throws {
        let error = #expect(throws: RNNGraphError.self) { try Self.request(arguments) }
        #expect(error?.message.hasPrefix(message) == true, "\(arguments): \(error?.message ?? "no error")")
    }

    @Test func everyRuleOfTheTableHasACase() throws {
        var covered = Set<Int>()
        for (arguments, _) in Self.refusals {
            let command = try Self.command(arguments)
            let mode = Request.chosen(by: command).mode
            if let first = Request.rules.firstIndex(where: { $0.isBroken(command, mode) }) { covered.insert(first) }
        }
        let uncovered = Set(Request.rules.indices).subtracting(covered).sorted()
        #expect(uncovered.isEmpty, "rules of Request.rules without a case, by position: \(uncovered)")
    }

    /// Through the binary: a broken rule is one line on standard error, exit 64, nothing written.
    @Test(arguments: [0, 20, 40, 60, 80, 100])
    func aRefusalThroughTheBinaryWritesNothing(_ index: Int) throws {
        let (arguments, message) = Self.refusals[min(index, Self.refusals.count - 1)]
        let (result, files) = try CLI.runInEmptyFolder(arguments)
        #expect(result.status == 64, "\(arguments): \(result.stderr)")
        #expect(result.stderr.hasPrefix("rnngraph: error: " + message), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stdout.isEmpty && files.isEmpty)
    }
}
