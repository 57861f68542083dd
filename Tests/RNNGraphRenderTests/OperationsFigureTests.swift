import Foundation
import Testing
import RNNGraphKit
import RNNGraphRender

/// The operations view drawn (`--parameters operations`), read back from the SVG:
/// every step in its own column, operation nodes included, each definition's last
/// operation straight below its variable, and a TikZ picture that compiles.
@Suite struct OperationsFigureTests {
    @Test(arguments: BundledModels.names)
    func everyStepIsOneColumnWithItsOperations(model name: String) throws {
        for length in 1...4 {
            let model = try Model(ModelOptions(definition: BundledModels.definition(named: name)!, length: length))
            let view = OperationsGraph(model.graph)
            let graph = view.graph
            let figure = try Figure(model, options: FigureOptions(parameters: .operations))
            let centre = SVGNodeCentres.read(try GraphvizRenderer.render(figure, format: .svg))
            #expect(centre.count == graph.count, "\(name) N=\(length): every variable and operation drawn")

            // Each step's nodes, operations included, in a column of its own.
            _ = FigureGeometryTests.stepBands(graph, centre, "\(name) N=\(length)")
            // Within a step every edge runs upwards (SVG y grows downwards), and the last
            // operation of a timed variable's definition sits straight below it, one row down.
            for (from, to) in graph.edges where graph[from].time == graph[to].time && graph[from].time != nil {
                #expect(centre[graph[from].name]!.y > centre[graph[to].name]!.y,
                        "\(name) N=\(length): \(graph[from].name) → \(graph[to].name) runs upwards")
            }
            for variable in model.graph.variables where variable.time != nil {
                guard let last = view.operations(of: variable.id).last else { continue }
                let op = centre[graph[last].name]!, v = centre[variable.name]!
                #expect(abs(op.x - v.x) < 1 && op.y > v.y && op.y - v.y < 80,
                        "\(name) N=\(length): \(graph[last].symbol.text) straight below \(variable.name)")
            }
        }
    }

    @Test func dotBytesAreTheSameOnEveryRun() throws {
        let options = ModelOptions(model: .lstm, length: 3)
        let first = try GraphvizRenderer.render(try Figure(Model(options), options: FigureOptions(parameters: .operations)),
                                                format: .dot)
        let second = try GraphvizRenderer.render(try Figure(Model(options), options: FigureOptions(parameters: .operations)),
                                                 format: .dot)
        #expect(first == second)
        #expect(String(decoding: first, as: UTF8.self).contains("fontsize=\"10\""))
    }
}
