import Foundation
import Testing
@testable import RNNGraphCalculus
@testable import RNNGraphCore
@testable import RNNGraphFigure
@testable import RNNGraphKit
@testable import RNNGraphNumerics
@testable import RNNGraphPaths
@testable import RNNGraphPrinters

/// The lab's three questions (cs187, N = 1, 2, 3, expanded, ∂L/∂U) print exactly
/// the checked-in LaTeX, with and without the lab's argument lists.
@Suite struct LabExpectedLaTeXTests {
    @Test(arguments: [1, 2, 3], [false, true])
    func matchesCheckedInFile(length: Int, arguments: Bool) throws {
        let file = TestSupport.packageRoot.appendingPathComponent(
            "Tests/RNNGraphKitTests/Expected/cs187-N\(length)-wrt-U\(arguments ? "-arguments" : "").tex")
        let expected = try String(contentsOf: file, encoding: .utf8)
        let d = try Derivation(model: Model(ModelOptions(model: .cs187, length: length)), wrt: "U")
        var text = ""
        try LaTeXPrinter(settings: LaTeXSettings(timeStyle: .subscript_, arguments: arguments)).writeExpanded(d, to: &text)
        #expect(Array(text.utf8) == Array(expected.utf8))
    }

    @Test func termsFollowTheLab() throws {
        let d = try Derivation(model: Model(ModelOptions(model: .cs187, length: 2)), wrt: "U")
        let printer = LaTeXPrinter()
        let terms = Array(d.terms).map(printer.latex)
        #expect(terms == [
            "\\frac{\\partial L}{\\partial o_{1}} \\frac{\\partial o_{1}}{\\partial h_{1}} \\frac{\\partial h_{1}}{\\partial \\mathbf{U}}",
            "\\frac{\\partial L}{\\partial o_{2}} \\frac{\\partial o_{2}}{\\partial h_{2}} \\frac{\\partial h_{2}}{\\partial \\mathbf{U}}",
            "\\frac{\\partial L}{\\partial o_{2}} \\frac{\\partial o_{2}}{\\partial h_{2}} \\frac{\\partial h_{2}}{\\partial h_{1}} \\frac{\\partial h_{1}}{\\partial \\mathbf{U}}",
        ])
    }

    @Test func compactFormHasTheLabsShape() throws {
        let d = try Derivation(model: Model(ModelOptions(model: .cs187, length: 3)), wrt: "U")
        let printer = LaTeXPrinter()
        #expect(try d.compact(shape: .split).terms.map(printer.latex) == [
            "\\sum_{t=1}^{N} \\frac{\\partial L}{\\partial o_{t}} \\frac{\\partial o_{t}}{\\partial h_{t}} \\frac{\\partial h_{t}}{\\partial \\mathbf{U}}",
            "\\sum_{t=2}^{N} \\frac{\\partial L}{\\partial o_{t}} \\frac{\\partial o_{t}}{\\partial h_{t}} \\sum_{i=1}^{t-1} \\left(\\prod_{j=i+1}^{t} \\frac{\\partial h_{j}}{\\partial h_{j-1}}\\right) \\frac{\\partial h_{i}}{\\partial \\mathbf{U}}",
        ])
        #expect(printer.latex(try d.compact(shape: .merged)) ==
            "\\sum_{k=1}^{N} \\sum_{t=1}^{k} \\frac{\\partial L}{\\partial o_{k}} \\frac{\\partial o_{k}}{\\partial h_{k}} \\left(\\prod_{j=t+1}^{k} \\frac{\\partial h_{j}}{\\partial h_{j-1}}\\right) \\frac{\\partial h_{t}}{\\partial \\mathbf{U}}")
    }

    @Test func modelEquations() throws {
        let model = try Model(ModelOptions(model: .cs187, length: 3))
        let equations = try EquationPrinter().stepEquations(model)
        #expect(equations == [
            "h_{t} = \\sigma\\left(\\mathbf{U} x_{t} + \\mathbf{V} h_{t-1}\\right)",
            "o_{t} = \\mathbf{W} h_{t}",
            "L = \\sum_{t=1}^{N} \\left(x_{t+1} - o_{t}\\right)^{2}",
        ])
        let h1 = model.graph.variable(named: "h1")!
        #expect(EquationPrinter().equation(for: h1, in: model.graph) ==
            "h_{1} = \\sigma\\left(\\mathbf{U} x_{1} + \\mathbf{V} h_{0}\\right)")
    }

    @Test func timeStyles() throws {
        let d = try Derivation(model: Model(ModelOptions(model: .goodfellow, length: 1)), wrt: "h0")
        let term = try #require(Array(d.terms).first)
        #expect(LaTeXPrinter(settings: LaTeXSettings(timeStyle: .parenthesized)).latex(term).contains("h^{(0)}"))
        #expect(LaTeXPrinter(settings: LaTeXSettings(timeStyle: .bracketed)).latex(term).contains("h^{[0]}"))
    }
}
