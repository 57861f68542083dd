import Testing
import RNNGraphKit
import RNNGraphRender

/// A gate between two states of its step (a peephole LSTM's o_t reads c_t, and h_t reads o_t) stands
/// among the other gates where that crosses less than rows by depth.
@Suite struct GateRowsTests {
    static let text = """
        model "LSTM with peepholes on every gate"
        time t = 1..N
        i_t = sigmoid(W_xi x_t + W_hi h_{t-1} + w_ci * c_{t-1} + b_i)
        f_t = sigmoid(W_xf x_t + W_hf h_{t-1} + w_cf * c_{t-1} + b_f)
        c_t = f_t * c_{t-1} + i_t * tanh(W_xc x_t + W_hc h_{t-1} + b_c)
        o_t = sigmoid(W_xo x_t + W_ho h_{t-1} + w_co * c_t + b_o)
        h_t = o_t * tanh(c_t)
        L = sum_t (y_t - W_hy h_t)^2
        """

    /// By depth, o_t stood in a row of its own between c_t and h_t, and h_t at the top: h_{t−1}'s edges
    /// to the next step's gates crossed every row down to theirs (67 crossings at N = 3, 220 at N = 8), so
    /// o_t stood among the other gates (39 and 119). Since a node beside an edge passing up its column
    /// stands on the side of its other ends, rows by depth cross least (30 and 80; `dot` 23 and 70), and
    /// the choice, made on the first steps' straight lines, takes them.
    @Test(arguments: [(3, 30), (8, 80)])
    func theOutputGateStandsWhereItCrossesLeast(length: Int, most: Int) throws {
        let model = try Model(ModelOptions(definition: try ModelDefinition(parsing: Self.text), length: length))
        let svg = SVGFigure.read(try GraphvizRenderer.render(try Figure(model), format: .svg))
        let y = { (title: String) in svg.nodes.first { $0.title == title }!.box.centre.y }
        for t in 1...length {
            // SVG's y grows downwards: o_t between c_t and h_t, both states above the other gates.
            #expect(y("h_\(t)") < y("o_\(t)") && y("o_\(t)") < y("c_\(t)"), "o_\(t) between c_\(t) and h_\(t)")
            #expect(max(y("c_\(t)"), y("h_\(t)")) < y("i_\(t)"), "c_\(t) and h_\(t) over the gates")
        }
        let quality = FigureQuality(svg, parameters: FigureCheck.parameterTexts(model.graph))
        #expect(quality.crossings <= most)
        #expect(quality.defects.isEmpty, "\(quality.defects.prefix(4).map(\.what))")
    }
}
