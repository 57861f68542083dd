import Foundation
import Testing
@testable import RNNGraphKit
@testable import RNNGraphPrinters

/// Small models that use one catalogued operation each, in columns (`W h`) and in rows (`h W`),
/// with the sizes of their leaves for ``MatrixCase``.
enum OperationModels {
    /// The equation of the state for an operation: its arguments read the previous state and the input.
    static func state(_ operation: CataloguedOperation, rows: Bool) -> String {
        let (recurrent, input) = rows ? ("h_{t-1} W", "x_t U") : ("W h_{t-1}", "U x_t")
        return operation.arity == 2 ? "\(operation.name)(\(recurrent), \(input))"
                                    : "\(operation.name)(\(recurrent) + \(input))"
    }

    /// A model whose state is computed by `operation`: squared errors in columns, upstream gradients in rows.
    static func text(_ operation: CataloguedOperation, rows: Bool) -> String {
        rows ? "time t = 1..N\nlayout rows\nh_t = \(state(operation, rows: true))\nL = sum_t <G_t, h_t>\n"
             : "time t = 1..N\nh_t = \(state(operation, rows: false))\nL = sum_t (y_t - V h_t)^2\n"
    }

    /// The definition of a test model, or `nil` for a bundled name.
    static func definition(named name: String) throws -> ModelDefinition? {
        let parts = name.split(separator: " ")
        guard let operation = OperationCatalogue.named(String(parts[0])) else { return nil }
        return try ModelDefinition(parsing: text(operation, rows: parts.count > 1), name: name)
    }

    /// Leaf sizes of the test models (`v:` a vector, a row of a batch in rows).
    static func shapes(rows: Bool) -> [String: String] {
        rows ? ["W": "H H", "U": "D H", "h": "v:H", "x": "v:D", "G": "v:H"]
             : ["W": "H H", "U": "H D", "V": "K H", "h": "v:H", "x": "v:D", "y": "v:K"]
    }

    /// Every test model's name.
    static var names: [String] { OperationCatalogue.all.flatMap { [$0.name, "\($0.name) rows"] } }
}

/// Each catalogued operation's numbers against central differences of its own value, and
/// each model using it through the three-way check and the closed forms in every layout.
@Suite("Catalogued operations")
struct CataloguedOperationTests {
    @Test("slopes and Jacobians agree with central differences of the value", arguments: OperationCatalogue.all)
    func slopesMatchDifferences(operation: CataloguedOperation) {
        var random = SeededRandom(seed: 23)
        for _ in 0..<50 {
            let x = (0..<max(operation.arity, 4)).map { _ in Double.random(in: -3...3, using: &random) }
            let h = 1e-6
            switch operation.rule {
            case .elementwise(let rule):
                let point = Array(x.prefix(operation.arity))
                for k in 0..<operation.arity {
                    var up = point, down = point
                    up[k] += h
                    down[k] -= h
                    let estimate = (rule.value(up) - rule.value(down)) / (2 * h)
                    #expect(abs(estimate - rule.slope(point, argument: k)) <= 1e-6, "\(operation.name) at \(point), argument \(k)")
                }
            case .vector(let rule):
                let jacobian = rule.jacobian(x)
                for j in x.indices {
                    var up = x, down = x
                    up[j] += h
                    down[j] -= h
                    let (a, b) = (rule.value(up), rule.value(down))
                    for i in x.indices {
                        #expect(abs((a[i] - b[i]) / (2 * h) - jacobian[i][j]) <= 1e-6, "\(operation.name) J[\(i)][\(j)] at \(x)")
                        #expect(abs(jacobian[i][j] - jacobian[j][i]) <= 1e-12, "\(operation.name): the Jacobian is symmetric")
                    }
                }
            }
        }
    }

    @Test("path sum, reverse accumulation and finite differences agree", arguments: OperationModels.names)
    func threeWayAgreement(name: String) throws {
        let definition = try #require(try OperationModels.definition(named: name))
        for n in 1...3 {
            for seed in 0..<4 {
                let model = try Model(ModelOptions(definition: definition, length: n))
                let values = try MatrixCase(model, name: name, scalar: false, seed: UInt64(100 * n + seed))
                let report = try NumericReport(values.forward.inputs)
                let agreement = report.check.agreement
                #expect(try #require(agreement.pathSumVersusReverse) <= 1e-10, "\(name) N=\(n) seed \(seed)")
                #expect(agreement.agrees, "\(name) N=\(n) seed \(seed): \(report.agreementLine)")
            }
        }
    }

    @Test("closed forms in every layout evaluate to the reverse-accumulated gradient", arguments: OperationModels.names)
    func closedForms(name: String) throws {
        var total = 0
        for (layout, hadamard) in [(ShapeLayout.scalar, false), (.columns, false), (.columns, true), (.rows, false)] {
            let tally = try MatrixFormulaTests.check(model: name, layout: layout, hadamard: hadamard)
            total += tally.evaluated
            #expect(tally.symbolic == 0 || layout == .rows || name.hasSuffix("rows"), "\(name) \(layout): a symbolic partial left")
            for refusal in tally.refusals { #expect(!refusal.contains("\n"), "\(name) \(layout): \(refusal)") }
        }
        #expect(total > 0, "\(name): no closed form evaluated")
    }

    @Test("the equation and the figure name the operation", arguments: OperationCatalogue.all)
    func printedForms(operation: CataloguedOperation) throws {
        let definition = try #require(try OperationModels.definition(named: operation.name))
        let model = try Model(ModelOptions(definition: definition, length: 2))
        let state = try #require(model.graph.variables.first { $0.symbol.ascii == "h" && $0.time == 1 })
        let latex = try #require(EquationPrinter().equation(for: state, in: model.graph))
        let head = String(operation.definition.latex.prefix { $0 != "#" })
        #expect(latex.contains(head), "\(operation.name): \(latex)")
        #expect(Primitive.general(.catalogued(operation)).symbol == operation.definition.symbol)
    }

    @Test("an unknown function is an error naming it and the close name")
    func unknownFunction() {
        guard let first = OperationCatalogue.all.first else { return }
        let misspelt = String(first.name.dropLast())
        let text = "time t = 1..N\nh_t = \(misspelt)(W h_{t-1} + U x_t)\nL = sum_t (y_t - V h_t)^2\n"
        #expect {
            try ModelDefinition(parsing: text)
        } throws: { error in
            let message = "\(error)"
            return message.contains("unknown function \(misspelt) (did you mean \(first.name)?)") && !message.contains("\n")
        }
    }
}

/// `Docs/library.md` explains how to add an operation with `Softplus.swift` quoted whole.
@Suite("Adding an operation, documented")
struct AddingAnOperationDocumentTests {
    @Test("the library guide quotes the softplus file as it is")
    func softplusQuoted() throws {
        let root = TestSupport.packageRoot
        let guide = try String(contentsOf: root.appendingPathComponent("Docs/library.md"), encoding: .utf8)
        let source = try String(contentsOf: root.appendingPathComponent("Sources/RNNGraphCore/Operations/Softplus.swift"),
                                encoding: .utf8)
        let section = try #require(guide.range(of: "## Adding an operation"), "Docs/library.md has the section")
        #expect(guide[section.upperBound...].contains("```\n" + source + "```\n"))
    }
}
