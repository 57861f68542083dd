import Foundation
import RNNGraphDocs
import RNNGraphKit
import Testing

/// The built-in chain-rule derivation and plugging in another source.
@Suite struct DerivationTests {
    @Test func chainRuleForCS187() throws {
        let generator = try DocumentGenerator(model: Model(ModelOptions(length: 2)))
        #expect(generator.source is ChainRuleDerivation)
        let content = try generator.content(figureStem: "f")
        #expect(content.paths.map(\.text) == ["U → h₁ → o₁ → L", "U → h₂ → o₂ → L", "U → h₁ → h₂ → o₂ → L"])
        let d = { (b: String, a: String) in "\\frac{\\partial \(b)}{\\partial \(a)}" }
        #expect(content.paths[2].term == [d("L", "o_{2}"), d("o_{2}", "h_{2}"), d("h_{2}", "h_{1}"),
                                          d("h_{1}", "\\mathbf{U}")].joined(separator: " "))
        #expect(content.derivations.map(\.form) == ["expanded", "compact", "merged", "recursive"])
        let lhs = d("L", "\\mathbf{U}")
        let expanded = content.derivations[0].body
        #expect(expanded.hasPrefix("\(lhs)\n  &= \\underbrace{\(d("L", "o_{1}"))"))
        #expect(expanded.contains("\\underbrace{\(content.paths[2].term)}_{(3)}"))
        #expect(content.derivations[1].body == """
            \(lhs)
              &= \\sum_{t=1}^{N} \(d("L", "o_{t}")) \(d("o_{t}", "h_{t}")) \(d("h_{t}", "\\mathbf{U}"))\\\\
              &\\quad + \\sum_{t=2}^{N} \(d("L", "o_{t}")) \(d("o_{t}", "h_{t}")) \\sum_{i=1}^{t-1} \\left(\\prod_{j=i+1}^{t} \
            \(d("h_{j}", "h_{j-1}"))\\right) \(d("h_{i}", "\\mathbf{U}"))
            """)
        #expect(content.derivations[3].body == """
            \\delta_{t} &= \(d("L", "h_{t}"))\\\\
            \\delta_{N}
              &= \(d("L", "o_{N}")) \(d("o_{N}", "h_{N}"))\\\\
            \\delta_{t}
              &= \(d("L", "o_{t}")) \(d("o_{t}", "h_{t}")) + \\delta_{t+1} \(d("h_{t+1}", "h_{t}")), \\qquad 1 \\le t \\le N-1\\\\
            \(lhs)
              &= \\sum_{t=1}^{N} \\delta_{t} \(d("h_{t}", "\\mathbf{U}"))
            """)
        #expect(content.equations.first?.hasPrefix("h_{t} = ") == true)
        #expect(content.frames.map(\.figure) == ["f-path-1.pdf", "f-path-2.pdf", "f-path-3.pdf"])
    }

    @Test func goodfellowNotationAndChosenVariable() throws {
        let generator = try DocumentGenerator(model: Model(ModelOptions(model: .goodfellow, length: 2)),
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
            try DocumentGenerator(model: Model(ModelOptions(model: .goodfellow, length: 2, lossPlacement: .last)),
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
