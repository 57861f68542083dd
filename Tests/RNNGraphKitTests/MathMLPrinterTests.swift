import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import RNNGraphCalculus
@testable import RNNGraphCore
@testable import RNNGraphKit
@testable import RNNGraphPaths
@testable import RNNGraphPrinters

/// The MathML printer against the LaTeX printer on the same formula trees: for every bundled model, the
/// expanded, compact (split and merged) and recursive forms, symbolic and closed, are well-formed XML
/// with the same terms as the LaTeX, each term's symbols, numbers and functions in the same order.
@Suite struct MathMLPrinterTests {
    /// The text of an XML document, or nil when it is not well-formed.
    final class TextCollector: NSObject, XMLParserDelegate {
        var text = ""
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    }

    static func text(ofMathML content: String) -> String? {
        let parser = XMLParser(data: Data("<math xmlns=\"http://www.w3.org/1998/Math/MathML\">\(content)</math>".utf8))
        let collector = TextCollector()
        parser.delegate = collector
        return parser.parse() ? collector.text : nil
    }

    /// Letters and digits in reading order, accents and typefaces dropped (`\hat{y}` and `ŷ` are `y`).
    static func normalized(_ text: String) -> String {
        let plain = text.replacingOccurrences(of: "𝕀", with: "I").decomposedStringWithCanonicalMapping
        return String(String.UnicodeScalarView(plain.unicodeScalars.filter {
            CharacterSet.alphanumerics.contains($0) && !CharacterSet.nonBaseCharacters.contains($0)
        }))
    }

    /// LaTeX's letters and digits in reading order: layout commands dropped, named functions and Greek kept.
    static func normalized(latex: String) -> String {
        let named = ["sigma": "σ", "delta": "δ", "tanh": "tanh", "exp": "exp", "log": "log"]
        var out = "", k = latex.startIndex
        while k < latex.endIndex {
            if latex[k] == "\\" {
                var end = latex.index(after: k)
                while end < latex.endIndex, latex[end].isLetter { end = latex.index(after: end) }
                out += named[String(latex[latex.index(after: k)..<end])] ?? ""
                k = end == latex.index(after: k) ? latex.index(after: end) : end
                continue
            }
            if latex.hasPrefix("bmatrix", at: k) { k = latex.index(k, offsetBy: 7); continue }
            out.append(latex[k])
            k = latex.index(after: k)
        }
        return normalized(out)
    }

    static func check(_ terms: [Formula], _ label: String) {
        let latex = LaTeXPrinter(), mathML = MathMLPrinter()
        for (k, term) in terms.enumerated() {
            let printed = mathML.mathML(term)
            guard let text = text(ofMathML: printed) else {
                Issue.record("\(label) term \(k + 1): MathML not well-formed: \(printed.prefix(300))")
                continue
            }
            #expect(normalized(text) == normalized(latex: latex.latex(term)), "\(label) term \(k + 1)")
        }
    }

    @Test(arguments: BundledModel.allCases)
    func everyFormMatchesTheLaTeX(model: BundledModel) throws {
        let built = try Model(ModelOptions(model: model, length: 2))
        for local in [LocalForm.symbolic, .closed] {
            let d = try Derivation(model: built, local: local)
            let terms = Array(d.terms)
            #expect(terms.count == Int(try d.count))
            Self.check(terms, "\(model) \(local) expanded")
            for shape in CompactShape.allCases {
                guard let formula = try? d.compact(shape: shape) else { continue }
                Self.check(formula.terms, "\(model) \(local) \(shape)")
                for line in MathMLPrinter().blockDefinitionLines(formula) {
                    #expect(Self.text(ofMathML: line) != nil, "\(model) \(local) \(shape) block definition")
                }
            }
            let recursive = try d.recursive()
            Self.check(recursive.deltas.flatMap { $0.cases.map(\.formula) } + recursive.result.terms,
                       "\(model) \(local) recursive")
            for line in MathMLPrinter().recursiveLines(recursive, of: d) {
                #expect(Self.text(ofMathML: line) != nil, "\(model) \(local) recursive line")
            }
        }
    }

    @Test func parenthesesFollowThePrecedenceTable() {
        let h = Formula.variable(IndexedVariable(symbol: Symbol("h"), time: .index("t")))
        let u = Formula.variable(IndexedVariable(symbol: Symbol("U", latex: "\\mathbf{U}"), time: nil))
        let printed = MathMLPrinter().mathML(.product([.sum([h, u]), u]))
        #expect(printed.hasPrefix("<mrow><mrow><mo>(</mo>"))
        #expect(MathMLPrinter().mathML(.product([h, u])).contains("<mo>(</mo>") == false)
        #expect(printed.contains("<mi mathvariant=\"bold\">U</mi>"))
    }
}

private extension String {
    func hasPrefix(_ prefix: String, at index: Index) -> Bool { self[index...].hasPrefix(prefix) }
}
