import Foundation
import Testing
@testable import RNNGraphCalculus
@testable import RNNGraphCore
@testable import RNNGraphFigure
@testable import RNNGraphKit
@testable import RNNGraphNumerics
@testable import RNNGraphPaths
@testable import RNNGraphPrinters

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

@Suite struct FigureTests {
    @Test func dotMatchesCheckedInFile() throws {
        let dot = DOTPrinter.print(try Figure(Model(ModelOptions(length: 2))))
        let expected = try String(contentsOf: packageRoot.appendingPathComponent(
            "Tests/RNNGraphKitTests/Expected/cs187-N2.dot"), encoding: .utf8)
        #expect(dot == expected)
    }

    @Test(arguments: labModels)
    func dotIsDeterministic(preset: BundledModel) throws {
        let options = ModelOptions(model: preset, length: 4, detail: true)
        let first = DOTPrinter.print(try Figure(Model(options)))
        for _ in 0..<5 { #expect(DOTPrinter.print(try Figure(Model(options))) == first) }
    }

    @Test func labelsHaveRealSubscripts() throws {
        let figure = try Figure(Model(ModelOptions(length: 3)))
        let label = figure.nodes.first { $0.id == "h_2" }?.attributes.first { $0.name == "label" }
        #expect(label == Figure.Attribute("label", "h<SUB>2</SUB>", html: true))
        let goodfellow = try Figure(Model(ModelOptions(model: .goodfellow, length: 2)))
        let h1 = goodfellow.nodes.first { $0.id == "h_1" }?.attributes.first { $0.name == "label" }
        #expect(h1?.value == "h<SUP>(1)</SUP>")
    }

    @Test func everyParameterEdgeCarriesItsColour() throws {
        let figure = try Figure(Model(ModelOptions(length: 3)))
        let color = { (id: String) in figure.nodes.first { $0.id == id }!.attributes.first { $0.name == "color" }!.value }
        let uEdges = figure.edges.filter { $0.from == "U" }
        #expect(uEdges.map(\.to) == ["h_1", "h_2", "h_3", "V"])  // three uses, then the row-order edge
        for edge in uEdges.dropLast() {
            #expect(edge.attributes.contains(Figure.Attribute("color", color("U"))))
        }
        #expect(color("U") != color("V") && color("V") != color("W"))
    }

    @Test func rowsRunLeftToRightInTime() throws {
        let figure = try Figure(Model(ModelOptions(length: 3)))
        #expect(figure.rows == [["U", "V", "W", "x_1", "x_2", "x_3", "x_4"], ["h_0", "h_1", "h_2", "h_3"],
                                ["o_1", "o_2", "o_3"]])
    }

    @Test func showKeepsOnlyChosenVariables() throws {
        let figure = try Figure(Model(ModelOptions(length: 2)), options: FigureOptions(show: ["U", "h1", "o1", "L"]))
        #expect(figure.nodes.map(\.id) == ["U", "h_1", "o_1", "L"])
        #expect(figure.edges.map { "\($0.from)>\($0.to)" } == ["U>h_1", "h_1>o_1", "U>L", "h_1>L", "o_1>L"])
    }
}
