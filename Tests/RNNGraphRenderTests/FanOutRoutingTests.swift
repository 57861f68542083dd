import Foundation
import Testing
import RNNGraphKit
import RNNGraphRender

/// A state that feeds several nodes of one row of the next step (an LSTM's h_{t-1} into the
/// four gates) fans out from points of its own border, its edges apart and uncrossed, and the
/// LSTM's figure keeps its cell state along the top of the steps, above h.
@Suite struct FanOutRoutingTests {
    private func drawn(_ name: String, _ length: Int) throws -> (svg: SVGFigure, figure: Figure, model: Model) {
        let model = try Model(ModelOptions(definition: BundledModels.definition(named: name)!, length: length))
        let figure = try Figure(model)
        return (SVGFigure.read(try GraphvizRenderer.render(figure, format: .svg)), figure, model)
    }

    @Test(arguments: ["lstm", "layernorm-lstm"])
    func stateEdgesIntoTheNextGatesLeaveApartAndDoNotCross(model name: String) throws {
        let svg = try drawn(name, 3).svg
        for t in 1...2 {
            let fan = svg.edges.filter { $0.tail == "h_\(t)" && ["i", "f", "g", "o"].map { "\($0)_\(t + 1)" }.contains($0.head) }
            #expect(fan.count == 4)
            for (k, a) in fan.enumerated() {
                for b in fan[(k + 1)...] {
                    let (p, q) = (a.polyline[0], b.polyline[0])
                    let apart = ((p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y)).squareRoot()
                    #expect(apart >= 8, "\(a.tail)→\(a.head) and →\(b.head) leave \(apart) pt apart")
                    let crossing = zip(a.polyline, a.polyline.dropFirst()).contains { p, q in
                        zip(b.polyline, b.polyline.dropFirst()).contains { r, s in
                            SegmentIndex.intersection(p, q, r, s) != nil
                        }
                    }
                    #expect(!crossing, "\(a.tail)→\(a.head) crosses →\(b.head)")
                }
            }
        }
    }

    @Test func cellStateRunsAboveTheHiddenState() throws {
        let svg = try drawn("lstm", 3).svg
        let y = { (title: String) in svg.nodes.first { $0.title == title }!.box.centre.y }
        // SVG's y grows downwards.
        #expect(y("c_2") < y("h_2") && y("h_2") < y("i_2"))
    }

    /// Two LSTM layers: each layer's cell state moves above its own hidden state only, never past the rows
    /// of the other layer. When the cell states of both layers were moved above every other state row, the
    /// top layer's state stood under its own gates and the figure crossed 52 times at N = 3 (147 at N = 8).
    @Test(arguments: [3, 8])
    func eachLayerOfAStackKeepsItsRows(length: Int) throws {
        let text = FigureQualityUserModelsTests.texts["two LSTM layers"]!
        let model = try Model(ModelOptions(definition: try ModelDefinition(parsing: text), length: length))
        let svg = SVGFigure.read(try GraphvizRenderer.render(try Figure(model), format: .svg))
        let y = { (title: String) in svg.nodes.first { $0.title == title }!.box.centre.y }
        // SVG's y grows downwards: bottom to top i, a, c, j, b, d.
        let order = ["i_2", "a_2", "c_2", "j_2", "b_2", "d_2"]
        for (lower, upper) in zip(order, order.dropFirst()) { #expect(y(upper) < y(lower), "\(upper) above \(lower)") }
        let quality = FigureQuality(svg, parameters: FigureCheck.parameterTexts(model.graph))
        #expect(quality.defects.isEmpty, "\(quality.defects.map(\.what))")
        #expect(quality.crossings <= (length == 3 ? 19 : 54), "N=\(length): \(quality.crossings)")
    }

    /// A GRU's h_{t-1} has two edges into the row of r_t and z_t: it stands at its column's right edge,
    /// so its edges start past its own step's gates. In the middle of its column (when three edges were
    /// needed) the figure crossed 6 times at N = 3 and 16 at N = 8.
    @Test(arguments: [(3, 3), (8, 8)])
    func twoEdgesIntoTheNextRowMakeAFan(length: Int, most: Int) throws {
        let (svg, _, model) = try drawn("gru", length)
        let box = { (title: String) in svg.nodes.first { $0.title == title }!.box }
        for t in 1...length {
            #expect(box("h_\(t)").centre.x >= ["r", "z", "n"].map { box("\($0)_\(t)").centre.x }.max()! - 1,
                    "h_\(t) at its column's right edge")
        }
        let quality = FigureQuality(svg, parameters: FigureCheck.parameterTexts(model.graph))
        #expect(quality.crossings <= most, "N=\(length): \(quality.crossings)")
    }

    /// Six crossings a step where h_{t-1}'s edges pass the gates' edges up to c_t, one where h_t → p_t
    /// crosses the chain before the last step: no more (the figure crossed 99 times at N = 8 with the cell
    /// state below h, 13 a step).
    @Test func lstmCrossesAtMostSevenTimesAStep() throws {
        for length in 1...8 {
            let (svg, _, model) = try drawn("lstm", length)
            let crossings = FigureQuality(svg, parameters: FigureCheck.parameterTexts(model.graph)).crossings
            #expect(crossings <= 7 * length - 1, "N=\(length): \(crossings)")
        }
    }
}
