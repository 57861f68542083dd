import Testing
import RNNGraphKit
import RNNGraphRender

/// An edge up a column whose straight line is blocked by a node in a row between its ends (an input
/// read both by a gate and by the state above the gate) bends once, just past the side of that node.
@Suite struct FigureBesideRoutingTests {
    /// x_t and u_t feed z_t and, through the tanh inside h_t's definition, h_t right above z_t. Before,
    /// x_t → h_t and u_t → h_t went out to the free strips between the columns and into h_t from the
    /// side: u_t → h_t came in along h_t → z_{t+1} (a shared line) and at the last step went round the
    /// figure's right side.
    static let text = FigureQualityUserModelsTests.texts["two inputs into a gate and the state"]!

    @Test(arguments: [3, 8])
    func inputsPassTheGateBesideIt(length: Int) throws {
        let model = try Model(ModelOptions(definition: try ModelDefinition(parsing: Self.text), length: length))
        let svg = SVGFigure.read(try GraphvizRenderer.render(try Figure(model), format: .svg))
        for t in 1...length {
            let z = svg.nodes.first { $0.title == "z_\(t)" }!.box
            for input in ["x", "u"] {
                let edge = try #require(svg.edges.first { $0.tail == "\(input)_\(t)" && $0.head == "h_\(t)" })
                let xs = edge.polyline.map(\.x)
                #expect(xs.min()! >= z.minX - 20 && xs.max()! <= z.maxX + 20,
                        "\(input)_\(t) → h_\(t) strays \(max(z.minX - xs.min()!, xs.max()! - z.maxX)) pt from z_\(t)")
            }
        }
        let quality = FigureQuality(svg, parameters: FigureCheck.parameterTexts(model.graph))
        #expect(quality.defects.isEmpty, "\(quality.defects.prefix(4).map(\.what))")
    }
}
