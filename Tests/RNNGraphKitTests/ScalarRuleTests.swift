import Foundation
import Testing
@testable import RNNGraphKit
@testable import RNNGraphPrinters

/// One rule says whether an expression is `1 × 1` whatever the sizes (`Expression.isScalar`),
/// read by the model language (a vector summand of a sum over time is summed over its entries)
/// and by the vector layouts (an element-wise slope of a scalar scales). Two models on which the
/// rules that each used to have differed (an element-wise function of a loss term, and of a mean),
/// and an activation of a loss term, which both took for a vector.
@Suite("One scalar rule")
struct ScalarRuleTests {
    static let texts = [
        "softplus of a loss term": "time t = 1..N\nh_t = tanh(W h_{t-1} + U x_t)\nL = sum_t softplus((y_t - V h_t)^2)\n",
        "exp of a mean": "time t = 1..N\nh_t = tanh(W h_{t-1} + U x_t)\nL = exp(mean_t (y_t - V h_t)^2)\n",
        "sigmoid of a loss term": "time t = 1..N\nh_t = tanh(W h_{t-1} + U x_t)\nL = sum_t sigmoid((y_t - V h_t)^2)\n",
    ]

    @Test("the loss's summands and the mean are scalars, not summed over entries")
    func scalars() throws {
        for (name, text) in Self.texts.sorted(by: { $0.key < $1.key }) {
            let model = try Model(ModelOptions(definition: try ModelDefinition(parsing: text, name: name), length: 2))
            let loss = try #require(model.graph.loss?.definition)
            let parts = name.hasPrefix("exp") ? [loss, loss.children[0]] : loss.children
            for part in parts { #expect(part.isScalar, "\(name): \(part)") }
            #expect(!"\(loss)".contains("entrySum"), "\(name): \(loss)")
        }
    }

    @Test("closed forms in scalars and columns, with no symbolic partial, equal reverse accumulation")
    func closedForms() throws {
        for (name, text) in Self.texts.sorted(by: { $0.key < $1.key }) {
            let definition = try ModelDefinition(parsing: text, name: name)
            for (layout, hadamard) in [(ShapeLayout.scalar, false), (.columns, false), (.columns, true)] {
                for n in 1...3 {
                    let options = ModelOptions(definition: definition, length: n)
                    let model = try Model(options)
                    let values = try MatrixCase(model, name: name, scalar: layout == .scalar, seed: UInt64(7 * n))
                    let loss = try #require(model.graph.loss)
                    let reverse = ReverseAccumulation(values.forward, of: loss.id)
                    for v in model.graph.variables where v.id != loss.id {
                        let d = try Derivation(options: options, wrt: v.name, local: .closed, layout: layout, hadamard: hadamard)
                        guard d.hasPath else { continue }
                        let formula = try d.expanded()
                        let what = "\(name) N=\(n) ∇_\(v.name) \(layout)\(hadamard ? " --hadamard" : "")"
                        #expect(!MatrixFormulaTests.isSymbolic(formula), "\(what): \(formula)")
                        let expected = reverse.gradient(withRespectTo: v.id)
                        let value: Tensor
                        do {
                            value = try MatrixFormulaEvaluator(values.forward, length: n).tensor(formula, like: expected)
                        } catch {
                            Issue.record("\(what): \(error) \(formula)")
                            continue
                        }
                        #expect(value.hasShape(of: expected) && distance(value, expected) <= 1e-9, "\(what)")
                    }
                }
            }
        }
    }

    @Test("the slope of a scalar scales rather than being diag in columns")
    func noDiagonalOfAScalar() throws {
        let definition = try ModelDefinition(parsing: try #require(Self.texts["exp of a mean"]), name: "exp of a mean")
        let d = try Derivation(options: ModelOptions(definition: definition, length: 2), wrt: "W", local: .closed,
                               layout: .columns, hadamard: false)
        var latex = ""
        try LaTeXPrinter().writeExpanded(d, to: &latex)
        #expect(!latex.contains("\\operatorname{diag}\\left(L\\right)"), "\(latex)")
    }

    @Test("the slope of a scalar is a product, not ⊙, in columns")
    func noHadamardOfScalars() throws {
        let name = "sigmoid of a loss term"
        let definition = try ModelDefinition(parsing: try #require(Self.texts[name]), name: name)
        let d = try Derivation(options: ModelOptions(definition: definition, length: 2), wrt: "V", local: .closed,
                               layout: .columns, hadamard: false)
        var latex = ""
        try LaTeXPrinter().writeExpanded(d, to: &latex)
        #expect(latex.contains("\\sigma") && !latex.contains("\\odot"), "\(latex)")
    }
}
