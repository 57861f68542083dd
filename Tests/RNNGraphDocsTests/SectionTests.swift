import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import RNNGraphDocs
import RNNGraphKit
import Testing

/// The Markdown section references an SVG figure that exists and parses, and
/// shows one display per form of the derivation.
@Suite struct SectionTests {
    @Test(arguments: labModels)
    func sectionHasFigureAndDisplays(preset: BundledModel) throws {
        let folder = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let generator = try DocumentGenerator(model: Model(ModelOptions(model: preset, length: 2)))
        let path = folder.appendingPathComponent("notes.md")
        let written = try generator.write(DocumentTemplate.named("section"), to: path.path)
        #expect(written == [path.path, folder.appendingPathComponent("notes-graph.svg").path])

        let text = try String(contentsOf: path, encoding: .utf8)
        #expect(text.contains("![The unrolled computation graph](notes-graph.svg)"))
        let displays = try generator.content(figureStem: "notes").derivations.map(\.form)
        #expect(displays.first == "expanded")
        #expect(text.components(separatedBy: "$$\n\\begin{aligned}\n").count - 1 == displays.count)
        #expect(text.contains("\\frac{\\partial L}{\\partial \\mathbf{"))

        let svg = try Data(contentsOf: folder.appendingPathComponent("notes-graph.svg"))
        let parser = XMLParser(data: svg)
        #expect(parser.parse(), "SVG does not parse: \(String(describing: parser.parserError))")
        #expect(String(decoding: svg, as: UTF8.self).contains("<svg"))
    }

    @Test func renderingIsDeterministic() throws {
        let generator = try DocumentGenerator(model: Model(ModelOptions(model: .goodfellow, length: 3, detail: true)))
        let template = try DocumentTemplate.named("section")
        let first = try generator.render(template, figureStem: "g")
        let second = try generator.render(template, figureStem: "g")
        #expect(first.text == second.text)
        #expect(first.figures == second.figures)
    }
}
