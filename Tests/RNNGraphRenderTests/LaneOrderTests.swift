import Testing
import RNNGraphKit
import RNNGraphRender

/// The symbols of one row stand in the order that crosses least, whatever order the model's
/// equations give them: an LSTM whose gates are written o, g, i, f is drawn as well as one written
/// i, f, g, o.
@Suite struct LaneOrderTests {
    private static let reordered = """
        model "LSTM, gates in another order"
        time t = 1..N
        o_t = sigmoid(W_io x_t + W_ho h_{t-1} + b_o)
        g_t = tanh(W_ig x_t + W_hg h_{t-1} + b_g)
        i_t = sigmoid(W_ii x_t + W_hi h_{t-1} + b_i)
        f_t = sigmoid(W_if x_t + W_hf h_{t-1} + b_f)
        c_t = f_t * c_{t-1} + i_t * g_t
        h_t = o_t * tanh(c_t)
        p_t = W_hq h_t + b_q
        L = sum_t (y_t - p_t)^2
        """

    private func crossings(_ definition: ModelDefinition, _ length: Int) throws -> Int {
        let model = try Model(ModelOptions(definition: definition, length: length))
        let svg = SVGFigure.read(try GraphvizRenderer.render(try Figure(model), format: .svg))
        return FigureQuality(svg, parameters: FigureCheck.parameterTexts(model.graph)).crossings
    }

    /// In the order written, the gates' edges cross 29 times at N = 3 (the bundled order 20).
    @Test(arguments: [3, 8])
    func gatesWrittenInAnotherOrderCrossNoMoreThanTheBundledLSTM(length: Int) throws {
        let bundled = try crossings(BundledModels.definition(named: "lstm")!, length)
        let reordered = try crossings(ModelDefinition(parsing: Self.reordered), length)
        #expect(reordered <= bundled, "N=\(length): \(reordered) crossings, the bundled LSTM \(bundled)")
    }

    /// Drawn in the order that crosses least, the gates of every step stand in the same order.
    @Test func everyStepHasTheSameOrder() throws {
        let model = try Model(ModelOptions(definition: try ModelDefinition(parsing: Self.reordered), length: 6))
        let svg = SVGFigure.read(try GraphvizRenderer.render(try Figure(model), format: .svg))
        let x = { (title: String) in svg.nodes.first { $0.title == title }!.box.centre.x }
        let order = { (t: Int) in ["i", "f", "g", "o"].sorted { x("\($0)_\(t)") < x("\($1)_\(t)") } }
        for t in 2...6 { #expect(order(t) == order(1), "step \(t): \(order(t)), step 1: \(order(1))") }
    }
}
