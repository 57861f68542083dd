import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import RNNGraphKit
@testable import RNNGraphRender

/// Runs a program and returns its standard output.
func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = Pipe()
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// Collects, for every `<g class="node">`, its title and the concatenated text of its `<text>` elements.
final class SVGNodeCollector: NSObject, XMLParserDelegate {
    var nodes: [String: String] = [:]
    private var inNode = false, inTitle = false, inText = false
    private var title = "", text = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        switch name {
        case "g" where attributes["class"] == "node": inNode = true; title = ""; text = ""
        case "title" where inNode: inTitle = true
        case "text" where inNode: inText = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inTitle { title += string }
        if inText { text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "title": inTitle = false
        case "text": inText = false
        case "g" where inNode: inNode = false; nodes[title] = text
        default: break
        }
    }
}

@Suite struct RenderTests {
    let figure = try! Figure(Model(ModelOptions(length: 3)))

    @Test func pdfHasOnePage() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rnngraph-test-\(UUID()).pdf")
        defer { try? FileManager.default.removeItem(at: url) }
        try GraphvizRenderer.render(figure, format: .pdf).write(to: url)
        let info = try run("/usr/bin/pdfinfo", [url.path])
        #expect(info.status == 0)
        #expect(info.output.contains("Pages:           1"))
    }

    @Test(arguments: 1...5)
    func svgParsesAndLabelsEveryState(n: Int) throws {
        let svg = try GraphvizRenderer.render(Figure(Model(ModelOptions(length: n)), options: FigureOptions(parameters: .nodes)),
                                              format: .svg)
        let parser = XMLParser(data: svg)
        let collector = SVGNodeCollector()
        parser.delegate = collector
        #expect(parser.parse(), "SVG is not well-formed XML")
        for t in 1...n { #expect(collector.nodes["h_\(t)"] == "h\(t)") }
        #expect(collector.nodes["U"] == "U")
    }

    @Test func pngHasItsSignature() throws {
        let png = try GraphvizRenderer.render(figure, format: .png)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    }

    @Test func outputIsByteIdentical() throws {
        for format in [RenderFormat.svg, .pdf, .png, .dot] {
            #expect(try GraphvizRenderer.render(figure, format: format) == GraphvizRenderer.render(figure, format: format))
        }
    }

    @Test func eightParallelRendersAgree() async throws {
        let expected = try GraphvizRenderer.render(figure, format: .svg)
        let figure = self.figure
        let results = try await withThrowingTaskGroup(of: Data.self) { group in
            for k in 0..<8 {
                group.addTask {
                    try GraphvizRenderer.render(figure, format: k.isMultiple(of: 2) ? .svg : .pdf)
                }
            }
            return try await group.reduce(into: [Data]()) { $0.append($1) }
        }
        let svgs = results.filter { $0.starts(with: Data("<?xml".utf8)) }
        #expect(svgs.count == 4)
        #expect(svgs.allSatisfy { $0 == expected })
        #expect(results.filter { $0.starts(with: Data("%PDF".utf8)) }.count == 4)
    }

    @Test func graphvizErrorsBecomeSwiftErrors() throws {
        var broken = figure
        broken.nodes[0].attributes[0] = Figure.Attribute("label", "<B>unclosed", html: true)
        #expect {
            try GraphvizRenderer.render(broken, format: .svg)
        } throws: { error in
            guard let error = error as? RNNGraphError, case .failure(let message) = error else { return false }
            return message.hasPrefix("Graphviz:") && !message.contains("\n")
        }
        // The renderer is usable again after a failure.
        #expect(try GraphvizRenderer.render(figure, format: .svg).count > 0)
    }

    @Test func refusesHugeFigures() throws {
        // Four nodes a step: a third of the limit in steps is over it (the figure's layout is the test's time).
        let big = try Figure(Model(ModelOptions(length: GraphvizRenderer.maximumNodes / 3)))
        #expect(big.nodes.count > GraphvizRenderer.maximumNodes)
        #expect(throws: RNNGraphError.self) { try GraphvizRenderer.render(big, format: .svg) }
    }
}
