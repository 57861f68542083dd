import Testing
import RNNGraphKit
import RNNGraphRender

/// A target stands beside the variable it is compared with, unless a state runs from step to step along that
/// variable's row or a row above it: then it stands in a row of its own above the steps, so that it does not
/// stand on the chain or in the way of the edges up to it, and its edge to the loss does not cross it.
@Suite struct TargetRowTests {
    /// The LSTM of 1997 whose loss reads the hidden state itself, under the cell-state chain.
    static let lstm = FigureQualityUserModelsTests.texts["LSTM whose loss reads its state"]!

    private func drawn(_ text: String, _ length: Int) throws -> (svg: SVGFigure, model: Model) {
        let model = try Model(ModelOptions(definition: try ModelDefinition(parsing: text), length: length))
        return (SVGFigure.read(try GraphvizRenderer.render(try Figure(model), format: .svg)), model)
    }

    /// Beside s_t, z_t's edge to L crossed the chain at every step and z_t blocked in_t → m_t, which went
    /// around it: 17 crossings at N = 3 and 47 at N = 8 (dot's layout 10 and 40).
    @Test(arguments: [3, 8])
    func targetUnderAChainStandsAboveTheSteps(length: Int) throws {
        let (svg, model) = try drawn(Self.lstm, length)
        let y = { (title: String) in svg.nodes.first { $0.title == title }!.box.centre.y }
        for t in 1...length {
            // SVG's y grows downwards.
            #expect(y("z_\(t)") < y("m_\(t)"), "z_\(t) under the chain")
            let edge = try #require(svg.edges.first { $0.tail == "z_\(t)" && $0.head == "L" })
            #expect(edge.polyline.allSatisfy { $0.y <= y("z_\(t)") + 1 }, "z_\(t) → L goes down")
        }
        let crossings = FigureQuality(svg, parameters: FigureCheck.parameterTexts(model.graph)).crossings
        #expect(crossings <= (length == 3 ? 11 : 31), "N=\(length): \(crossings)")
    }

    /// A GRU whose loss reads its state h_t, which runs along its row from step to step: beside h_t, y_t stood on
    /// the chain, which bent over it, and h_t's edges to the next step's gates wound around it (26 crossings
    /// at N = 3, 80 at N = 8, and lines shared with the chain). Above the steps, left of h_t's rise to L.
    @Test(arguments: [3, 8])
    func targetOfAStateOnAChainStandsAboveTheStepsClearOfItsRise(length: Int) throws {
        let gru = FigureQualityUserModelsTests.texts["GRU whose loss reads its state"]!
        let (svg, model) = try drawn(gru, length)
        let box = { (title: String) in svg.nodes.first { $0.title == title }!.box }
        for t in 1...length {
            #expect(box("y_\(t)").maxY < box("h_\(t)").minY, "y_\(t) above h_\(t)")
            #expect(box("y_\(t)").maxX < box("h_\(t)").centre.x, "y_\(t) left of h_\(t)'s rise")
        }
        let quality = FigureQuality(svg, parameters: FigureCheck.parameterTexts(model.graph))
        #expect(quality.defects.isEmpty, "\(quality.defects.map(\.what))")
        #expect(quality.crossings <= (length == 3 ? 9 : 24), "N=\(length): \(quality.crossings)")
    }

    /// The bundled models' targets stay beside what they are compared with: nothing runs along a row above.
    @Test(arguments: ["lstm", "gru"])
    func targetWithNoChainAboveStandsBesideItsPartner(model name: String) throws {
        let model = try Model(ModelOptions(definition: BundledModels.definition(named: name)!, length: 3))
        let svg = SVGFigure.read(try GraphvizRenderer.render(try Figure(model), format: .svg))
        let y = { (title: String) in svg.nodes.first { $0.title == title }!.box.centre.y }
        let partner = "p_2"
        #expect(abs(y("y_2") - y(partner)) < 1)
    }
}
