import Testing
import RNNGraphKit
import RNNGraphRender

/// Parameters drawn as nodes that send three edges or more into a row get a lane of their own for
/// each edge (`ParameterLanes`): the edges leave their box apart, run along lanes under the row and
/// turn up into their heads, so none runs along another. Before, cs187 at N = 8 with parameter nodes
/// had 74 shared lines (edges from one box a degree apart), Goodfellow's 128, the stacked model's 183
/// at N = 6, the LSTM's 94 at N = 3.
@Suite struct ParameterLanesTests {
    static func measured(_ model: BundledModel, length: Int) throws -> FigureQuality {
        let built = try Model(ModelOptions(model: model, length: length))
        return try FigureCheck.measure(try Figure(built, options: FigureOptions(parameters: .nodes)), graph: built.graph).quality
    }

    @Test(arguments: [BundledModel.cs187, .goodfellow, .pytorch, .stacked], [3, 6])
    func noSharedLineWithParameterNodes(model: BundledModel, length: Int) throws {
        let quality = try Self.measured(model, length: length)
        #expect(quality.defects.isEmpty, "\(model) N = \(length): \(quality.defects.prefix(4).map(\.what))")
    }

    /// Each of U's, V's and W's edges in cs187 runs along a horizontal stretch at a height of its own
    /// (its lane), at least a lane's gap from every other parameter edge's.
    @Test func everyParameterEdgeHasALaneOfItsOwn() throws {
        let model = try Model(ModelOptions(model: .cs187, length: 4))
        let svg = SVGFigure.read(try GraphvizRenderer.render(try Figure(model, options: FigureOptions(parameters: .nodes)),
                                                            format: .svg))
        let edges = svg.edges.filter { ["U", "V", "W"].contains($0.tail) }
        #expect(edges.count == 12)
        // The longest level stretch of each edge: its lane.
        let lanes = edges.map { edge -> Double in
            var best = (length: 0.0, y: 0.0)
            var start = edge.polyline[0]
            for (p, q) in zip(edge.polyline, edge.polyline.dropFirst()) {
                if abs(q.y - start.y) > 0.5 { start = p }
                if q.x - start.x > best.length { best = (q.x - start.x, start.y) }
            }
            #expect(best.length > 100, "\(edge.tail) → \(edge.head) has no lane")
            return best.y
        }.sorted()
        for (a, b) in zip(lanes, lanes.dropFirst()) { #expect(b - a >= 5, "lanes at \(a) and \(b)") }
    }

    /// A gate takes four parameters' edges and two more: each parameter's edge ends on the gate, none
    /// beside it (the fourth turned up past the gate's side).
    @Test func everyLaneEndsOnItsHead() throws {
        let model = try Model(ModelOptions(model: .gru, length: 3))
        let svg = SVGFigure.read(try GraphvizRenderer.render(try Figure(model, options: FigureOptions(parameters: .nodes)),
                                                            format: .svg))
        let parameters = Set(model.graph.variables(of: .parameter).map(\.name))
        for edge in svg.edges where parameters.contains(edge.tail) {
            let head = try #require(svg.nodes.first { $0.title == edge.head }).box
            let end = try #require(edge.polyline.last)
            #expect(end.x > head.minX + 2 && end.x < head.maxX - 2, "\(edge.tail) → \(edge.head) ends beside its head")
        }
    }

    /// The gated cells at N = 3, whose lanes fit: at most the one or two turns up into a gate beside an
    /// input's steep edge into it (94 and 58 shared lines before).
    @Test func gatedCellsAtLengthThree() throws {
        #expect(try Self.measured(.lstm, length: 3).count(.sharedLine) <= 1)
        #expect(try Self.measured(.gru, length: 3).count(.sharedLine) <= 2)
    }
}
