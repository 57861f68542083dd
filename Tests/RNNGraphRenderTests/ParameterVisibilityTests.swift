import Foundation
import Testing
import RNNGraphKit
import RNNGraphRender

/// Every parameter of a model is visible in the SVG of every style that draws
/// parameters, found in the drawn text the way a reader finds it.
@Suite struct ParameterVisibilityTests {
    /// An LSTM with peephole connections: the gates read the cell state through
    /// element-wise weights p_i, p_f, p_o.
    static let peephole = """
        model "Peephole LSTM"
        time t = 1..N
        i_t = sigmoid(W_ii x_t + W_hi h_{t-1} + p_i * c_{t-1} + b_i)
        f_t = sigmoid(W_if x_t + W_hf h_{t-1} + p_f * c_{t-1} + b_f)
        g_t = tanh(W_ig x_t + W_hg h_{t-1} + b_g)
        c_t = f_t * c_{t-1} + i_t * g_t
        o_t = sigmoid(W_io x_t + W_ho h_{t-1} + p_o * c_t + b_o)
        h_t = o_t * tanh(c_t)
        p_t = W_hq h_t + b_q
        L = sum_t (y_t - p_t)^2
        """

    /// The texts of each SVG group (node, edge, the legend), a subscript joined with `_`
    /// and a superscript as `^{…}`: `p_i ⊙`, `+b_f`, `W_hi`, `W^{(1)}_x`.
    static func groupTexts(_ svg: String) -> [String] {
        svg.components(separatedBy: "<g id=").dropFirst().map { group in
            var text = ""
            for piece in group.components(separatedBy: "<text").dropFirst() {
                guard let open = piece.firstIndex(of: ">"), let close = piece.range(of: "</text>") else { continue }
                let content = piece[piece.index(after: open)..<close.lowerBound]
                    .replacingOccurrences(of: "&#45;", with: "-").replacingOccurrences(of: "&amp;", with: "&")
                let attributes = piece[..<open]
                text += attributes.contains("baseline-shift=\"sub\"") ? "_" + content
                    : attributes.contains("baseline-shift=\"super\"") ? "^{" + content + "}" : " " + content
            }
            return text
        }
    }

    /// Whether the parameter called `name` (`p_i`, `Wx` drawn `W_x`, `W^(1)_x` drawn `W^{(1)}_x`)
    /// is written somewhere as a whole name.
    static func shows(_ name: String, in texts: [String]) -> Bool {
        let key = { (text: Substring) in text.filter { !"{}_^".contains($0) } }
        return texts.contains { text in
            text.split(whereSeparator: { " +,⊙".contains($0) }).map(key).contains(key(Substring(name)))
        }
    }

    static func svg(_ model: Model, _ style: ParameterStyle) throws -> String {
        String(decoding: try GraphvizRenderer.render(Figure(model, options: FigureOptions(parameters: style)),
                                                     format: .svg), as: UTF8.self)
    }

    /// The peephole weights and every bias, and every other parameter, in the nodes, labels
    /// and operations styles at N = 1…3; the hidden style says in its legend that they are not drawn.
    @Test(arguments: 1...3)
    func peepholeParametersInEveryStyle(length: Int) throws {
        let definition = try ModelDefinition(parsing: Self.peephole, name: "peephole")
        let model = try Model(ModelOptions(definition: definition, length: length))
        let parameters = model.graph.variables(of: .parameter).map(\.name)
        for name in ["p_i", "p_f", "p_o", "b_i", "b_f", "b_g", "b_o", "b_q"] { #expect(parameters.contains(name)) }
        for style in [ParameterStyle.nodes, .labels, .operations] {
            let texts = Self.groupTexts(try Self.svg(model, style))
            for name in parameters {
                #expect(Self.shows(name, in: texts), "\(name) in the \(style) style at N = \(length)")
            }
        }
        let labels = Self.groupTexts(try Self.svg(model, .labels))
        #expect(labels.contains { $0.contains("p_i") && $0.contains("⊙") }, "an element-wise weight marked as such")
        #expect(labels.contains { $0.contains("+b_f") }, "a bias added in its node")
        #expect(labels.contains { $0.contains("edge label p ⊙") } && labels.contains { $0.contains("+b in a node") },
                "the legend states how parameters are drawn")
        let hidden = try Figure(model, options: FigureOptions(parameters: .hidden))
        #expect(hidden.legend.map(\.caption).contains("parameters not drawn"))
    }

    /// Every parameter of every bundled model is visible with parameters as labels (biases included).
    @Test(arguments: BundledModels.names)
    func everyBundledParameterAsLabels(name: String) throws {
        let model = try Model(ModelOptions(definition: BundledModels.definition(named: name)!, length: 2))
        let texts = Self.groupTexts(try Self.svg(model, .labels))
        for parameter in model.graph.variables(of: .parameter) {
            #expect(Self.shows(parameter.name, in: texts), "\(name): \(parameter.name)")
        }
    }

    /// Parameters a node reads other than as a bias (a many-to-one label left undeclared, a penalty
    /// between two parameters) are written under its name one by one, a comma between two: `y, a, b`,
    /// never `yab`. The checker finds each as a name of its own.
    @Test func parametersReadInANodeStandApart() throws {
        let definition = try ModelDefinition(parsing: """
            model "Many to one, parameters read by the loss"
            time t = 1..N
            h_t = tanh(W x_t + U h_{t-1})
            L = (y - V h_N)^2 + (a - b)^2
            """, name: "read-in-loss")
        for length in [2, 3] {
            let model = try Model(ModelOptions(definition: definition, length: length))
            let figure = try Figure(model)
            let svg = String(decoding: try GraphvizRenderer.render(figure, format: .svg), as: UTF8.self)
            let loss = try #require(Self.groupTexts(svg).first { $0.hasPrefix(" L ") })
            #expect(loss == " L y , a , b", "\(loss)")
            let quality = try FigureCheck.measure(figure, graph: model.graph).quality
            #expect(quality.count(.missingParameter) == 0, "\(quality.defects)")
        }
    }
}
