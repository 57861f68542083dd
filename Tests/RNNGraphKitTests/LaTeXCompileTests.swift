import Foundation
import Testing
@testable import RNNGraphCalculus
@testable import RNNGraphCore
@testable import RNNGraphFigure
@testable import RNNGraphKit
@testable import RNNGraphNumerics
@testable import RNNGraphPaths
@testable import RNNGraphPrinters

/// Every form, for every model, at N = 1…4, compiles with pdflatex without
/// errors and without a line wider than the page.
@Suite struct LaTeXCompileTests {
    static let cases: [(String, ModelOptions, String)] = [
        ("cs187", ModelOptions(model: .cs187), "U"),
        ("goodfellow", ModelOptions(model: .goodfellow), "U"),
        ("goodfellow-detail", ModelOptions(model: .goodfellow, detail: true), "W"),
        ("pytorch", ModelOptions(model: .pytorch), "Wx"),
    ]

    @Test(arguments: cases.map(\.0))
    func compilesWithoutOverfullLines(name: String) throws {
        let (_, options, wrt) = Self.cases.first { $0.0 == name }!
        var body = ""
        for n in 1...4 {
            let model = try Model(TestSupport.with(options, length: n))
            for local in LocalForm.allCases {
                for arguments in [false, true] {
                    let d = try Derivation(model: model, wrt: wrt, local: local)
                    let printer = LaTeXPrinter(settings: LaTeXSettings(timeStyle: options.defaultTimeStyle,
                                                                       arguments: arguments))
                    body += "\\noindent N = \(n), \(local.rawValue)\(arguments ? ", arguments" : "")\n"
                    body += try TestSupport.allForms(d, printer)
                    body += try EquationPrinter().stepEquations(model).map { "\\[ \($0) \\]\n" }.joined()
                }
            }
        }
        let log = try Self.compile(body, name: name)
        let overfull = log.split(separator: "\n").filter { $0.contains("Overfull \\hbox") }
        #expect(overfull.isEmpty, "\(overfull)")
    }

    /// The compact and merged forms of stacked layers, of a backward recurrence and of the gated
    /// cells (the GRU's, whose Π over four cycles is cut between lines; the LSTM's, whose Π runs over
    /// the Jacobian of the stacked state, defined block by block below it), the LSTM's expanded
    /// form, and every recursive form, at N = 2, compile without overfull lines.
    @Test(arguments: ["stacked", "bidirectional", "lstm", "gru"])
    func recurrencesCompile(name: String) throws {
        let options = ModelOptions(definition: BundledModels.definition(named: name)!, length: 2)
        let model = try Model(options)
        var body = ""
        for v in model.graph.variables(of: .parameter) {
            for local in LocalForm.allCases {
                let d = try Derivation(model: model, wrt: v.name, local: local)
                let printer = LaTeXPrinter(settings: LaTeXSettings(timeStyle: options.defaultTimeStyle))
                if name == "lstm" { try printer.writeExpanded(d, to: &body) }
                try printer.writeCompact(d, shape: .split, to: &body)
                try printer.writeCompact(d, shape: .merged, to: &body)
                try printer.writeRecursive(d, to: &body)
            }
        }
        let log = try Self.compile(body, name: name)
        let overfull = log.split(separator: "\n").filter { $0.contains("Overfull \\hbox") }
        #expect(overfull.isEmpty, "\(overfull)")
    }

    /// Every bundled model's forms — expanded, compact, merged and recursive, symbolic and closed — by
    /// every parameter and initial state at N = 2 compile without overfull lines (a form a model cannot
    /// have is refused, and skipped).
    @Test(arguments: BundledModels.names)
    func everyBundledFormCompiles(name: String) throws {
        let options = ModelOptions(definition: BundledModels.definition(named: name)!, length: 2)
        let model = try Model(options)
        let printer = LaTeXPrinter(settings: LaTeXSettings(timeStyle: options.defaultTimeStyle))
        var body = "", written = 0
        for v in model.graph.variables where [.parameter, .initialState].contains(v.kind) {
            for local in LocalForm.allCases {
                let d = try Derivation(options: options, wrt: v.name, local: local)
                let forms: [(inout String) throws -> Void] = [
                    { try printer.writeExpanded(d, to: &$0) },
                    { try printer.writeCompact(d, shape: .split, to: &$0) },
                    { try printer.writeCompact(d, shape: .merged, to: &$0) },
                    { try printer.writeRecursive(d, to: &$0) },
                ]
                for write in forms {
                    var text = ""
                    do { try write(&text) } catch is RNNGraphError { continue }
                    body += text
                    written += 1
                }
            }
        }
        #expect(written > 8, "\(name): \(written) forms")
        let log = try Self.compile(body, name: name)
        let overfull = log.split(separator: "\n").filter { $0.contains("Overfull \\hbox") }
        #expect(overfull.isEmpty, "\(name): \(overfull)")
    }

    /// Compiles `body` as a standalone document with pdflatex, expects no error, and returns the log.
    static func compile(_ body: String, name: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rnngraph-latex-\(name)-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try LaTeXPrinter.standalone(body).write(to: folder.appendingPathComponent("forms.tex"), atomically: true, encoding: .utf8)
        let (status, _, _) = try TestSupport.run("/usr/bin/pdflatex",
                                                 ["-interaction=nonstopmode", "-halt-on-error", "forms.tex"], in: folder)
        let log = (try? String(contentsOf: folder.appendingPathComponent("forms.log"), encoding: .utf8)) ?? ""
        let errors = log.split(separator: "\n").filter { $0.hasPrefix("!") }
        #expect(status == 0, "pdflatex failed: \(errors.joined(separator: " | "))")
        #expect(errors.isEmpty, "\(errors)")
        return log
    }

    /// Every bundled model's expanded and recursive forms (symbolic and closed-form partials),
    /// its compact forms where it has them, and its step equations compile.
    @Test(arguments: BundledModels.names)
    func bundledModelCompiles(name: String) throws {
        let definition = try #require(BundledModels.definition(named: name))
        var body = ""
        for n in 1...2 {
            let model = try Model(ModelOptions(definition: definition, length: n))
            let wrt = model.graph.variables(of: .parameter)[0].name
            for local in LocalForm.allCases {
                let d = try Derivation(model: model, wrt: wrt, local: local)
                let printer = LaTeXPrinter(settings: LaTeXSettings(timeStyle: definition.timeStyle))
                body += "\\noindent \\texttt{\(name)}, N = \(n), \(local.rawValue)\n"
                try printer.writeExpanded(d, to: &body)
                for shape in CompactShape.allCases {
                    // Two states feeding one another (an LSTM) have no compact form; the refusal is tested apart.
                    var compact = ""
                    if (try? printer.writeCompact(d, shape: shape, to: &compact)) != nil { body += compact }
                }
                // Every recurrence has a recursive form.
                try printer.writeRecursive(d, to: &body)
            }
            body += try EquationPrinter().stepEquations(model).map { "\\[ \($0) \\]\n" }.joined()
        }
        _ = try Self.compile(body, name: name)
    }
}
