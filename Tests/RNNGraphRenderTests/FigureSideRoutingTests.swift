import Testing
import RNNGraphKit
import RNNGraphRender

/// An edge blocked in the last column may go around the figure's right side (and in the first, its
/// left), as it goes through the gap between columns everywhere else: the last step is drawn like
/// the others.
@Suite struct FigureSideRoutingTests {
    /// A minimal gated unit: f_t → h_t is blocked by htilde_t above f_t, and goes around on the right
    /// in every column. Before, the last column had no strip on its right, and f_3 → h_3 went around on
    /// the left, across x_3 → htilde_3, h_2 → f_3 and h_2 → htilde_3 (6 crossings instead of 3).
    static let mgu = FigureQualityUserModelsTests.texts["MGU"]!

    @Test func theLastColumnsEdgeGoesAroundOnTheSameSideAsTheOthers() throws {
        let model = try Model(ModelOptions(definition: try ModelDefinition(parsing: Self.mgu), length: 3))
        let svg = SVGFigure.read(try GraphvizRenderer.render(try Figure(model), format: .svg))
        for t in 1...3 {
            let f = svg.nodes.first { $0.title == "f_\(t)" }!.box
            let edge = try #require(svg.edges.first { $0.tail == "f_\(t)" && $0.head == "h_\(t)" })
            let leftmost = edge.polyline.map(\.x).min()!
            #expect(leftmost >= f.minX, "f_\(t) → h_\(t) passes \(f.minX - leftmost) pt left of f_\(t)")
        }
        #expect(FigureQuality(svg, parameters: FigureCheck.parameterTexts(model.graph)).crossings <= 3)
    }
}
