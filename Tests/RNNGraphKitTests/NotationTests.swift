import Foundation
import Testing
@testable import RNNGraphCore
@testable import RNNGraphKit
@testable import RNNGraphNotation
@testable import RNNGraphPrinters
@testable import RNNGraphCalculus

/// Names with time indices in each output language, and text escaped for LaTeX and HTML.
@Suite struct NotationTests {
    static let h = Symbol("h")
    static let u = Symbol("U", latex: "\\mathbf{U}", html: "<B>U</B>", text: "U")
    static let layer = Symbol("h^(1)", latex: "h^{(1)}", html: "h<SUP>(1)</SUP>", text: "h⁽¹⁾")
    static let gate = Symbol("W_x", latex: "\\mathbf{W}_{x}", html: "<B>W</B><SUB>x</SUB>", text: "Wₓ")

    @Test func latexInEachTimeStyle() {
        let styles = TimeIndexStyle.allCases.map { VariableNotation(timeStyle: $0) }
        #expect(styles.map { $0.latex(Self.h, time: "t-1") } == ["h_{t-1}", "h^{(t-1)}", "h^{[t-1]}"])
        #expect(styles.map { $0.latex(Self.h, time: nil) } == ["h", "h", "h"])
        // A per-step copy has a parenthesized superscript in every style.
        #expect(styles.map { $0.latex(Self.u, time: "2", copy: true) } == Array(repeating: "\\mathbf{U}^{(2)}", count: 3))
        // A symbol with a script of the time index's kind is grouped, never given a double script.
        #expect(styles.map { $0.latex(Self.layer, time: "2") } == ["h^{(1)}_{2}", "{h^{(1)}}^{(2)}", "{h^{(1)}}^{[2]}"])
        #expect(styles.map { $0.latex(Self.gate, time: "2") } == ["{\\mathbf{W}_{x}}_{2}", "\\mathbf{W}_{x}^{(2)}",
                                                                   "\\mathbf{W}_{x}^{[2]}"])
        // A superscript inside braces is no clash: δ of a layer's state is grouped only before a subscript.
        #expect(styles.map { $0.latex("\\delta_{h^{(2)}}", time: "t") }
                == ["{\\delta_{h^{(2)}}}_{t}", "\\delta_{h^{(2)}}^{(t)}", "\\delta_{h^{(2)}}^{[t]}"])
    }

    @Test func documentsGroupTheBaseOfEverySuperscript() {
        let styles = TimeIndexStyle.allCases.map { VariableNotation(timeStyle: $0, grouping: .generous) }
        #expect(styles.map { $0.latex(Self.h, time: "1") } == ["h_{1}", "{h}^{(1)}", "{h}^{[1]}"])
        #expect(styles[0].latex(Self.u, time: "2", copy: true) == "{\\mathbf{U}}^{(2)}")
        #expect(styles[0].latex("\\mathbf{W_{x}}", time: "2") == "{\\mathbf{W_{x}}}_{2}")
    }

    @Test func textAndHTMLInEachTimeStyle() {
        let styles = TimeIndexStyle.allCases.map { VariableNotation(timeStyle: $0) }
        #expect(styles.map { $0.text(Self.h, time: "12") } == ["h₁₂", "h⁽¹²⁾", "h^[12]"])
        #expect(styles.map { $0.text(Self.u, time: "3", copy: true) } == ["U⁽³⁾", "U⁽³⁾", "U⁽³⁾"])
        #expect(styles.map { $0.html(Self.h, time: "t−1") }
                == ["h<SUB>t−1</SUB>", "h<SUP>(t−1)</SUP>", "h<SUP>[t−1]</SUP>"])
        #expect(styles[0].html(Self.u, time: "2", copy: true) == "<B>U</B><SUP>(2)</SUP>")
    }

    @Test func graphVariablesAreNamedAtTheirTimes() throws {
        let model = try Model(ModelOptions(model: .cs187, length: 2, parameterCopies: true))
        let notation = VariableNotation(timeStyle: .subscript_)
        let names = model.graph.variables.map { notation.latex($0) }
        #expect(names.contains("h_{2}"))
        #expect(names.contains("\\mathbf{U}^{(2)}"))
        #expect(model.graph.variables.map { notation.text($0) }.contains("h₂"))
    }

    @Test func htmlEscapesMarkup() {
        #expect(MarkupText.html("a < b && c > d") == "a &lt; b &amp;&amp; c &gt; d")
    }

    /// Every character TeX treats specially, and every symbol the table spells, escaped and typeset.
    @Test func latexTextCompiles() throws {
        let plain = "\\ { } $ & % # _ ^ ~ < > – → ≤ … − ∇ ∂ · × ⊙ ≈ plain"
        let escaped = MarkupText.latex(plain)
        #expect(escaped.hasSuffix(" plain"))
        #expect(MarkupText.latex("50% of a_b") == "50\\% of a\\_b")
        _ = try LaTeXCompileTests.compile("\\noindent " + escaped + "\n", name: "markup-text")
    }

    /// Names written in Unicode Greek get LaTeX commands (a capital LaTeX sets as a Latin letter is
    /// that letter, bold as every capital); their text and HTML stay Greek. Text mode gets them as math.
    @Test func unicodeGreekNamesAreLaTeXCommands() throws {
        let text = """
        time t = 1..N
        h_t = tanh(α * (W_β x_t) + ε * h_{t-1} + Β φ_t + Γ αx_t)
        φ_t = tanh(ϕ x_t)
        αx_t = tanh(U x_t)
        L = sum_t (y_t - V h_t)^2
        """
        let model = try Model(ModelOptions(definition: try ModelDefinition(parsing: text), length: 1))
        var latex: [String: String] = [:], plain: [String: String] = [:]
        for v in model.graph.variables { latex[v.symbol.ascii] = v.symbol.latex; plain[v.symbol.ascii] = v.symbol.text }
        #expect(latex["α"] == "\\alpha" && latex["ε"] == "\\varepsilon" && latex["φ"] == "\\varphi")
        #expect(latex["ϕ"] == "\\phi" && latex["Γ"] == "\\mathbf{\\Gamma}" && latex["Β"] == "\\mathbf{B}")
        #expect(latex["W_β"] == "\\mathbf{W}_{\\beta}" && latex["αx"] == "\\mathit{\\alpha{}x}")
        #expect(plain["α"] == "α" && plain["W_β"] == "Wβ" && plain["αx"] == "αx" && plain["φ"] == "φ")
        #expect(MarkupText.latex("∂L/∂α") == "\\ensuremath{\\partial}L/\\ensuremath{\\partial}\\ensuremath{\\alpha}")
        var body = "\\noindent " + MarkupText.latex("the gradient by α, β and Ω") + "\n"
        let printer = LaTeXPrinter(settings: LaTeXSettings(timeStyle: .subscript_))
        for wrt in ["α", "ε", "Β", "Γ", "W_β"] {
            let d = try Derivation(model: model, wrt: wrt, local: .symbolic)
            try printer.writeExpanded(d, to: &body)
        }
        body += try EquationPrinter().stepEquations(model).map { "\\[ \($0) \\]\n" }.joined()
        #expect(!body.contains { "αβεφϕΒΓΩ".contains($0) }, "\(body)")
        _ = try LaTeXCompileTests.compile(body, name: "unicode-greek")
    }

    /// Stacked layers' names carry a superscript of their own: in every time style, with per-step
    /// copies too, every form compiles (a time superscript after theirs was a double superscript).
    @Test(arguments: TimeIndexStyle.allCases)
    func stackedLayersCompile(style: TimeIndexStyle) throws {
        let definition = try #require(BundledModels.definition(named: "stacked"))
        var body = ""
        for copies in [false, true] {
            let model = try Model(ModelOptions(definition: definition, length: 2, parameterCopies: copies))
            let printer = LaTeXPrinter(settings: LaTeXSettings(timeStyle: style, arguments: true))
            for v in model.graph.variables(of: .parameter).prefix(2) {
                let d = try Derivation(model: model, wrt: v.name, local: .symbolic)
                try printer.writeExpanded(d, to: &body)
                try printer.writeRecursive(d, to: &body)
            }
            body += try EquationPrinter(settings: printer.settings).stepEquations(model).map { "\\[ \($0) \\]\n" }.joined()
        }
        _ = try LaTeXCompileTests.compile(body, name: "stacked-\(style.rawValue)")
    }
}
