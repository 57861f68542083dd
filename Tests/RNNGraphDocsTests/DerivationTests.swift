import Foundation
import RNNGraphDocs
import RNNGraphKit
import Testing

/// The built-in path-sum derivation and plugging in another source.
@Suite struct DerivationTests {
    @Test func pathSumForCS187() throws {
        let generator = try DocumentGenerator(model: Model(ModelOptions(length: 2)))
        let content = try generator.content(figureStem: "f")
        #expect(content.paths.map(\.text) == ["U → h₁ → o₁ → L", "U → h₂ → o₂ → L", "U → h₁ → h₂ → o₂ → L"])
        let d = { (b: String, a: String) in "\\frac{\\partial \(b)}{\\partial \(a)}" }
        #expect(content.paths[2].term == [d("L", "o_{2}"), d("o_{2}", "h_{2}"), d("h_{2}", "h_{1}"),
                                          d("h_{1}", "\\mathbf{U}")].joined(separator: " "))
        #expect(content.derivations.map(\.form) == ["expanded", "recursive"])
        #expect(content.derivations[1].body == [
            "\\delta_{o_{2}} &= \(d("L", "o_{2}"))",
            "\\delta_{h_{2}} &= \\delta_{o_{2}} \(d("o_{2}", "h_{2}"))",
            "\\delta_{o_{1}} &= \(d("L", "o_{1}"))",
            "\\delta_{h_{1}} &= \\delta_{o_{1}} \(d("o_{1}", "h_{1}")) + \\delta_{h_{2}} \(d("h_{2}", "h_{1}"))",
            "\(d("L", "\\mathbf{U}")) &= \\delta_{h_{1}} \(d("h_{1}", "\\mathbf{U}")) + \\delta_{h_{2}} "
                + d("h_{2}", "\\mathbf{U}"),
        ].joined(separator: " \\\\\n"))
        #expect(content.equations.first == "h_{1} = \\operatorname{ReLU}\\left(\\mathbf{U} x_{1} + \\mathbf{V} h_{0}\\right)")
        #expect(content.frames.map(\.figure) == ["f-path-1.pdf", "f-path-2.pdf", "f-path-3.pdf"])
    }

    @Test func goodfellowNotationAndChosenVariable() throws {
        let generator = try DocumentGenerator(model: Model(ModelOptions(preset: .goodfellow, length: 2)),
                                              variable: "V")
        let content = try generator.content(figureStem: "f")
        #expect(content.variableText == "V")
        #expect(content.paths.map(\.text) == ["V → o⁽¹⁾ → L", "V → o⁽²⁾ → L"])
        #expect(content.paths[1].latex == "\\mathbf{V} \\to {o}^{(2)} \\to L")
    }

    @Test func badVariableAndTooManyPaths() throws {
        #expect(throws: RNNGraphError.self) {
            try DocumentGenerator(model: Model(ModelOptions(length: 2)), variable: "Q")
        }
        #expect(throws: RNNGraphError.usage("no path leads from o_1 to L")) {
            try DocumentGenerator(model: Model(ModelOptions(preset: .goodfellow, length: 2, lossPlacement: .last)),
                                  variable: "o1")
        }
        #expect(throws: RNNGraphError.usage("choose a variable other than the loss L itself")) {
            try DocumentGenerator(model: Model(ModelOptions(length: 2)), variable: "L")
        }
        #expect(throws: RNNGraphError.usage("the derivation has 210 paths from U to L, above the document limit "
                                            + "of 200; choose a smaller --length")) {
            try DocumentGenerator(model: Model(ModelOptions(length: 20)))
        }
    }

    /// A source that marks its output, standing in for the symbolic calculus.
    struct MarkedSource: DerivationSource {
        func equations(for request: DerivationRequest) throws -> [String] { ["E"] }
        func displays(for request: DerivationRequest) throws -> [DerivationDisplay] {
            ["expanded", "compact", "recursive"].map {
                DerivationDisplay(form: $0, title: DocumentText($0), body: "B_{\($0)}")
            }
        }
        func term(along path: [NodeID], for request: DerivationRequest) throws -> String { "T_{\(path.count)}" }
    }

    @Test func anotherSourcePlugsIn() throws {
        let generator = try DocumentGenerator(model: Model(ModelOptions(length: 2)), source: MarkedSource())
        let rendered = try generator.render(DocumentTemplate.named("section"), figureStem: "m")
        #expect(rendered.text.contains("$$\n\\begin{gathered}\nE\n\\end{gathered}\n$$"))
        for form in ["expanded", "compact", "recursive"] {
            #expect(rendered.text.contains("### \(form)\n\n$$\n\\begin{aligned}\nB_{\(form)}\n\\end{aligned}\n$$"))
        }
        #expect(rendered.text.contains("| 3 | U → h₁ → h₂ → o₂ → L | $T_{5}$ |"))
    }
}
