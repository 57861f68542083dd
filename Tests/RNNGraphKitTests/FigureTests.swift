import Foundation
import Testing
@testable import RNNGraphCalculus
@testable import RNNGraphCore
@testable import RNNGraphFigure
@testable import RNNGraphKit
@testable import RNNGraphNumerics
@testable import RNNGraphPaths
@testable import RNNGraphPrinters

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

    @Test(arguments: labModels)
    func dotIsDeterministic(preset: BundledModel) throws {
        let options = ModelOptions(model: preset, length: 4, detail: true)
        let first = DOTPrinter.print(try Figure(Model(options)))
        for _ in 0..<5 { #expect(DOTPrinter.print(try Figure(Model(options))) == first) }
    }

    @Test func labelsHaveRealSubscripts() throws {
        let figure = try Figure(Model(ModelOptions(length: 3)))
        let label = figure.nodes.first { $0.id == "h_2" }?.attributes.first { $0.name == "label" }
        #expect(label == Figure.Attribute("label", "h<SUB>2</SUB>", html: true))
        // Parameters as nodes: in the labels style a bias is written in its node, under the name.
        let goodfellow = try Figure(Model(ModelOptions(model: .goodfellow, length: 2)),
                                    options: FigureOptions(parameters: .nodes))
        let h1 = goodfellow.nodes.first { $0.id == "h_1" }?.attributes.first { $0.name == "label" }
        #expect(h1?.value == "h<SUP>(1)</SUP>")
    }

    @Test func everyParameterEdgeCarriesItsColour() throws {
        let figure = try Figure(Model(ModelOptions(length: 3)), options: FigureOptions(parameters: .nodes))
        let color = { (id: String) in figure.nodes.first { $0.id == id }!.attributes.first { $0.name == "color" }!.value }
        let uEdges = figure.edges.filter { $0.from == "U" }
        #expect(uEdges.map(\.to) == ["h_1", "h_2", "h_3"])
        for edge in uEdges {
            #expect(edge.attributes.contains(Figure.Attribute("color", color("U"))))
        }
        #expect(color("U") != color("V") && color("V") != color("W"))
    }

    @Test func stepsAreColumnsAndDepthsAreRows() throws {
        let figure = try Figure(Model(ModelOptions(definition: BundledModels.definition(named: "lstm")!, length: 3)),
                                options: FigureOptions(parameters: .nodes))
        let pos = { (id: String) -> [Int] in
            let text = figure.nodes.first { $0.id == id }!.attributes.first { $0.name == "pos" }!.value
            return text.dropLast().split(separator: ",").map { Int($0)! }
        }
        // One column per step, c_0 and h_0 left of it; x, the gates, h, c, p each a row (the cell state
        // above h, which the next step's gates read), y beside p; h_t at its column's right edge, over
        // o_t, where its edges into the next step's gates start; c_t over the gates.
        #expect(pos("h_0")[0] == pos("c_0")[0] && pos("c_0")[0] < pos("i_1")[0])
        #expect(pos("h_1")[0] == pos("o_1")[0] && pos("i_1")[0] < pos("c_1")[0] && pos("c_1")[0] < pos("o_1")[0])
        #expect(pos("o_1")[0] < pos("i_2")[0] && pos("y_1")[0] < pos("i_2")[0])
        // Rows at least 72 pt apart, the gap above x_t taller: x_t fans out to four gates.
        let heights: [Int] = ["x_2", "f_2", "h_2", "c_2", "p_2"].map { pos($0)[1] }
        #expect(heights[0] == 0 && zip(heights, heights.dropFirst()).allSatisfy { $1 - $0 >= 72 })
        #expect(heights[1] - heights[0] > heights[2] - heights[1])
        #expect(pos("y_2")[1] == pos("p_2")[1] && pos("y_2")[0] > pos("p_2")[0])
        #expect(pos("L")[1] > pos("p_2")[1] && pos("W_ii")[0] < pos("c_0")[0])
        // Graphviz only draws: every node placed and sized, every blocked edge routed here.
        #expect(figure.graphAttributes.contains(Figure.Attribute("layout", "nop2")))
        #expect(figure.nodes.allSatisfy { $0.attributes.contains(Figure.Attribute("fixedsize", "true")) })
    }

    @Test func showKeepsOnlyChosenVariables() throws {
        let figure = try Figure(Model(ModelOptions(length: 2)), options: FigureOptions(show: ["U", "h1", "o1", "L"],
                                                                                parameters: .nodes))
        #expect(figure.nodes.map(\.id) == ["U", "h_1", "o_1", "L"])
        #expect(figure.edges.map { "\($0.from)>\($0.to)" } == ["U>h_1", "h_1>o_1", "U>L", "h_1>L", "o_1>L"])
    }
}

@Suite struct FigureColourAndStyleTests {
    private func figure(_ name: String, length: Int, options: FigureOptions = FigureOptions()) throws -> Figure {
        try Figure(Model(ModelOptions(definition: BundledModels.definition(named: name)!, length: length)),
                   options: options)
    }

    private func attribute(_ name: String, of id: String, in figure: Figure) -> String? {
        figure.nodes.first { $0.id == id }?.attributes.last { $0.name == name }?.value
    }

    @Test func distinctKindsHaveDistinctFills() {
        let fills = VariableKind.allCases.map { kind in
            FigureStyle.attributes(for: kind).first { $0.name == "fillcolor" }?.value ?? "none \(kind)"
        }
        #expect(Set(fills).count == fills.count)
        #expect(!FigureStyle.parameterColors.contains(FigureStyle.highlightColor))
    }

    /// Edge labels name the parameter that multiplies the tail in the head's equation.
    @Test func labelsStyleWritesParametersOnTheEdgesTheyMultiply() throws {
        let lstm = try figure("lstm", length: 2)  // labels by default
        #expect(!lstm.nodes.contains { $0.id == "W_hi" })
        let label = { (from: String, to: String) in
            lstm.edges.first { $0.from == from && $0.to == to }?.attributes.first { $0.name == "label" }?.value
        }
        #expect(label("x_1", "i_1")?.contains("<SUB>ii</SUB>") == true)
        #expect(label("x_1", "i_1")?.contains("<SUB>hi</SUB>") == false, "W_hi multiplies h_0, not x_1")
        #expect(label("h_1", "f_2")?.contains("<SUB>hf</SUB>") == true)
        #expect(label("f_1", "c_1") == nil, "an element-wise product has no parameter")
        let small = try figure("cs187", length: 3, options: FigureOptions(parameters: .nodes))
        let labelled = try figure("cs187", length: 3)
        #expect(small.nodes.contains { $0.id == "U" } && !labelled.nodes.contains { $0.id == "U" })
        let hidden = try figure("cs187", length: 3, options: FigureOptions(parameters: .hidden))
        #expect(!hidden.nodes.contains { $0.id == "U" } && !hidden.edges.contains { $0.attributes.contains { $0.name == "label" } })
    }

    /// One path: strong colour, every other edge faded. Several: one panel per path.
    @Test func pathsAreStrongOverFadedOrSmallMultiples() throws {
        let model = try Model(ModelOptions(definition: BundledModels.definition(named: "cs187")!, length: 2))
        let u = model.graph.variable(named: "U")!.id, h1 = model.graph.variable(named: "h_1")!.id
        let o1 = model.graph.variable(named: "o_1")!.id, loss = model.graph.loss!.id
        let path = Highlight(edges: [.init(u, h1), .init(h1, o1), .init(o1, loss)], caption: "term 1")
        let one = try Figure(model, options: FigureOptions(highlights: [path]))
        let colours = one.edges.map { $0.attributes.first { $0.name == "color" }?.value }
        #expect(colours.filter { $0 == FigureStyle.highlightColor }.count == 3)
        #expect(colours.filter { $0 == FigureStyle.fadedColor }.count == one.edges.count - 3)

        let other = Highlight(edges: [.init(u, h1)], caption: "term 2")
        let grid = try Figure(model, options: FigureOptions(highlights: [path, other]))
        let plain = try Figure(model, options: FigureOptions(parameters: .nodes))
        #expect(grid.nodes.count == 2 * (plain.nodes.count + 1))
        #expect(grid.nodes.contains { $0.id == "2:caption" } && grid.nodes.contains { $0.id == "1:h_1" })
        // Each panel draws its path in its own colour.
        let strong = { (panel: String) in
            grid.edges.filter { $0.from.hasPrefix(panel) && $0.attributes.contains(Figure.Attribute("penwidth", "2.5")) }
        }
        let colour = { (edge: Figure.Edge) in edge.attributes.first { $0.name == "color" }?.value }
        #expect(strong("1:").count == 3 && strong("2:").count == 1)
        #expect(strong("1:").allSatisfy { colour($0) == FigureStyle.highlightColor })
        #expect(strong("2:").allSatisfy { colour($0) != FigureStyle.highlightColor && colour($0) != nil })
        let x = { (id: String) in grid.nodes.first { $0.id == id }!.position!.x }
        #expect(x("2:h_1") > x("1:L"), "panel 2 right of panel 1")
    }
}

@Suite struct FigureAnnotationTests {
    @Test func numbersHaveThreeSignificantDigitsAndTrueMinusSigns() {
        #expect(NumberFormat.figure(0.5) == "0.500")
        #expect(NumberFormat.figure(-0.3985) == "\u{2212}0.398" || NumberFormat.figure(-0.3985) == "\u{2212}0.399")
        #expect(NumberFormat.figure(9.996) == "10.0")
        #expect(NumberFormat.figure(123456) == "1.23e5" && NumberFormat.figure(999.6) == "1.00e3")
        #expect(NumberFormat.figure(-0.0000123) == "\u{2212}1.23e\u{2212}5")
        #expect(NumberFormat.figure(0.00076) == "0.000760")
        #expect(NumberFormat.figure(0) == "0")
        // Every nonzero number of a seeded sample: three significant digits, no hyphen-minus.
        var generator = SplitMix(seed: 12)
        for _ in 0..<500 {
            let x = (Double(generator.next() % 2_000_001) - 1_000_000) / 1_000 * pow(10, Double(generator.next() % 9) - 4)
            let text = NumberFormat.figure(x)
            #expect(!text.contains("-"))
            let mantissa = text.split(separator: "e").first!.filter(\.isNumber).drop { $0 == "0" }
            #expect(x == 0 || mantissa.count == 3, "\(x) → \(text)")
            let value = Double(text.replacingOccurrences(of: "\u{2212}", with: "-"))!
            #expect(abs(value - x) <= abs(x) * 5e-3, "\(x) → \(text)")
        }
    }

    /// An annotation is a plain-text node of its own (`note:h_1`, SVG class `annotation`)
    /// touching its node, which keeps its label and size.
    @Test func annotationsStandBesideNodesThatKeepTheirSize() throws {
        let model = try Model(ModelOptions(definition: BundledModels.definition(named: "cs187")!, length: 2))
        let h1 = model.graph.variable(named: "h_1")!.id
        let plain = try Figure(model)
        let annotated = try Figure(model, options: FigureOptions(annotations: [h1: "= [0.600, \u{2212}0.100]"]))
        let node = { (figure: Figure) in figure.nodes.first { $0.id == "h_1" }! }
        #expect(node(annotated).attributes.first { $0.name == "label" } == node(plain).attributes.first { $0.name == "label" })
        #expect(node(annotated).attributes.contains(Figure.Attribute("tooltip", "= [0.600, \u{2212}0.100]")))
        let note = try #require(annotated.nodes.first { $0.id == Figure.annotationID(of: "h_1") })
        #expect(note.attributes.contains { $0.name == "label" && $0.value.contains("0.600") })
        #expect(note.attributes.contains(Figure.Attribute("class", "annotation")))
        #expect(!plain.nodes.contains { $0.id.hasPrefix("note:") })
        // Touching h_1: the gap between the boxes is the fixed one.
        let size = { (node: Figure.Node, name: String) in Double(node.attributes.last { $0.name == name }!.value)! * 72 }
        let h = node(annotated), p = h.position!, q = note.position!
        let gapX = abs(q.x - p.x) - (size(h, "width") + size(note, "width")) / 2
        let gapY = abs(q.y - p.y) - (size(h, "height") + size(note, "height")) / 2
        #expect(max(gapX, gapY) <= Figure.annotationGap + 1.5 && max(gapX, gapY) >= 0)
    }
}

/// A seeded generator (SplitMix64) for reproducible samples.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Colours that mean something are never shared: every parameter its own, every
/// highlighted path its own, and no path in a parameter's colour.
@Suite struct FigurePaletteTests {
    @Test(arguments: [1, 5, 6, 7, 14, 40, 300])
    func palettesNeverRepeatOrOverlap(count: Int) {
        let parameters = FigureStyle.parameterPalette(count: count)
        #expect(parameters.count == count && Set(parameters).count == count)
        #expect(Array(parameters.prefix(6)) == Array(FigureStyle.parameterColors.prefix(count)))
        let paths = FigureStyle.pathPalette(count: count, parameters: count)
        #expect(paths.count == count && Set(paths).count == count)
        #expect(Set(paths).isDisjoint(with: parameters) && !paths.contains(FigureStyle.fadedColor))
        #expect(paths.first == FigureStyle.highlightColor)
        #expect((parameters + paths).allSatisfy { $0.count == 7 && $0.hasPrefix("#") && Int($0.dropFirst(), radix: 16) != nil })
        #expect(FigureStyle.parameterPalette(count: count) == parameters, "deterministic")
    }

    /// The LSTM's fourteen parameters drawn as nodes: fourteen colours, read from the figure.
    @Test func lstmParametersHaveFourteenColours() throws {
        let model = try Model(ModelOptions(definition: BundledModels.definition(named: "lstm")!, length: 1))
        let figure = try Figure(model, options: FigureOptions(parameters: .nodes))
        let names = Set(model.graph.variables(of: .parameter).map(\.name))
        let colours = figure.nodes.filter { names.contains($0.id) }
            .compactMap { node in node.attributes.first { $0.name == "color" }?.value }
        #expect(names.count == 14 && colours.count == 14 && Set(colours).count == 14)
    }

    /// Small multiples of every path of an LSTM (more paths than path colours): one colour per panel,
    /// none a parameter's.
    @Test func everyPanelHasItsOwnPathColour() throws {
        let model = try Model(ModelOptions(definition: BundledModels.definition(named: "lstm")!, length: 2))
        let paths = Array(try Derivation(model: model, wrt: "W_hf").paths)
        #expect(paths.count > FigureStyle.pathColors.count)
        let highlights = paths.enumerated().map { k, path in
            Highlight(edges: zip(path, path.dropFirst()).map { Highlight.Edge($0, $1) }, caption: "term \(k + 1)")
        }
        let grid = try Figure(model, options: FigureOptions(highlights: highlights))
        var panelColours: [String] = []
        for k in 1...paths.count {
            let strong = Set(grid.edges.filter { $0.from.hasPrefix("\(k):") && $0.attributes.contains(Figure.Attribute("penwidth", "2.5")) }
                .compactMap { edge in edge.attributes.first { $0.name == "color" }?.value })
            #expect(strong.count == 1, "panel \(k): one path colour")
            panelColours += strong
        }
        let parameterColours = Set(grid.nodes.filter { node in node.attributes.contains(Figure.Attribute("shape", "box")) && node.id.contains(":") && !node.id.hasSuffix("caption") }
            .compactMap { node in node.attributes.first { $0.name == "color" }?.value })
        #expect(Set(panelColours).count == paths.count)
        #expect(Set(panelColours).isDisjoint(with: parameterColours) && !parameterColours.isEmpty)
    }
}

/// The legend names each kind as the figure draws it: an LSTM's gates are activations
/// (σ or tanh of a pre-activation), Goodfellow's `a_t` (with `--detail`) a pre-activation.
@Suite struct FigureLegendTests {
    private func legend(_ name: String, detail: Bool = false) throws -> String {
        let model = try Model(ModelOptions(definition: BundledModels.definition(named: name)!, length: 2, detail: detail))
        return try Figure(model).graphAttributes.first { $0.name == "label" }!.value
    }

    @Test func gatesAreActivationsAndSumsArePreActivations() throws {
        for name in ["lstm", "gru"] {
            let text = try legend(name)
            #expect(text.contains(">activation<") && !text.contains("pre-activation"), "\(name): \(text)")
        }
        let goodfellow = try legend("goodfellow", detail: true)
        #expect(goodfellow.contains(">pre-activation<"), "\(goodfellow)")
        for name in ["cs187", "elman", "pytorch", "stacked", "bidirectional", "bigram"] {
            #expect(try !legend(name).contains("activation<"), "\(name) has neither")
        }
    }
}
