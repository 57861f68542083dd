import Foundation
import Testing
@testable import RNNGraphKit

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

    @Test(arguments: Preset.allCases)
    func dotIsDeterministic(preset: Preset) throws {
        let options = ModelOptions(preset: preset, length: 4, detail: true)
        let first = DOTPrinter.print(try Figure(Model(options)))
        for _ in 0..<5 { #expect(DOTPrinter.print(try Figure(Model(options))) == first) }
    }

    @Test func labelsHaveRealSubscripts() throws {
        let figure = try Figure(Model(ModelOptions(length: 3)))
        let label = figure.nodes.first { $0.id == "h_2" }?.attributes.first { $0.name == "label" }
        #expect(label == Figure.Attribute("label", "h<SUB>2</SUB>", html: true))
        let goodfellow = try Figure(Model(ModelOptions(preset: .goodfellow, length: 2)))
        let h1 = goodfellow.nodes.first { $0.id == "h_1" }?.attributes.first { $0.name == "label" }
        #expect(h1?.value == "h<SUP>(1)</SUP>")
    }

    @Test func everyParameterEdgeCarriesItsColour() throws {
        let figure = try Figure(Model(ModelOptions(length: 3)))
        let color = { (id: String) in figure.nodes.first { $0.id == id }!.attributes.first { $0.name == "color" }!.value }
        let uEdges = figure.edges.filter { $0.from == "U" }
        #expect(uEdges.map(\.to) == ["h_1", "h_2", "h_3"])
        for edge in uEdges {
            #expect(edge.attributes.contains(Figure.Attribute("color", color("U"))))
        }
        #expect(color("U") != color("V") && color("V") != color("W"))
    }

    @Test func stepsAreColumnsAndDepthsAreRows() throws {
        let figure = try Figure(Model(ModelOptions(definition: BundledModels.definition(named: "lstm")!, length: 3)))
        let pos = { (id: String) -> [Int] in
            let text = figure.nodes.first { $0.id == id }!.attributes.first { $0.name == "pos" }!.value
            return text.dropLast().split(separator: ",").map { Int($0)! }
        }
        // One column per step, c_0 and h_0 left of it; x, the gates, c, h, p each a row, y beside p.
        #expect(pos("h_0")[0] == pos("c_0")[0] && pos("c_0")[0] < pos("i_1")[0])
        #expect(pos("x_1")[0] == pos("c_1")[0] && pos("c_1")[0] == pos("h_1")[0])
        #expect(pos("o_1")[0] < pos("i_2")[0] && pos("y_1")[0] < pos("i_2")[0])
        let heights: [Int] = ["x_2", "f_2", "c_2", "h_2", "p_2"].map { pos($0)[1] }
        #expect(heights == [0, 72, 144, 216, 288])
        #expect(pos("y_2")[1] == pos("p_2")[1] && pos("y_2")[0] > pos("p_2")[0])
        #expect(pos("L")[1] > pos("p_2")[1] && pos("W_ii")[0] < pos("c_0")[0])
        #expect(figure.graphAttributes.contains(Figure.Attribute("layout", "neato")))
    }

    @Test func showKeepsOnlyChosenVariables() throws {
        let figure = try Figure(Model(ModelOptions(length: 2)), options: FigureOptions(show: ["U", "h1", "o1", "L"]))
        #expect(figure.nodes.map(\.id) == ["U", "h_1", "o_1", "L"])
        #expect(figure.edges.map { "\($0.from)>\($0.to)" } == ["U>h_1", "h_1>o_1", "U>L", "h_1>L", "o_1>L"])
    }
}
