import Foundation
import Testing
import RNNGraphKit
import RNNGraphRender

/// The cell view (`Figure(cellOf:)`), read back from the SVG: one node per operation
/// of one step's equations and one per variable the step defines or reads, the state
/// passed on element-wise as one straight row on top, what the step reads left of what
/// it hands on, no edge through a node, every format written, the same bytes every time.
@Suite struct CellFigureTests {
    /// A GRU written another way (the reset gate applied before the product, the
    /// update gate the other way round), and a peephole LSTM whose gates read the cell.
    static let written = [
        "gru-variant": """
            model "GRU, reset before the product"
            time t = 1..N
            z_t = sigmoid(W_z x_t + U_z h_{t-1} + b_z)
            r_t = sigmoid(W_r x_t + U_r h_{t-1} + b_r)
            n_t = tanh(W_n x_t + U_n (r_t * h_{t-1}) + b_n)
            h_t = z_t * h_{t-1} + (1 - z_t) * n_t
            L = sum_t (y_t - h_t)^2
            """,
        "peephole": FigureQualityModelTests.texts["peephole LSTM"]!,
    ]

    static let models = BundledModels.names + written.keys.sorted()

    /// The variable whose value of the step before reaches it through element-wise
    /// operations only, by model; models without one draw no state line.
    static let stateLine = ["lstm": "c", "gru": "h", "gru-variant": "h", "peephole": "c", "layernorm-lstm": "c"]

    static func model(_ name: String, length: Int = 5) throws -> Model {
        let definition = try written[name].map { try ModelDefinition(parsing: $0, name: name) }
            ?? BundledModels.definition(named: name)!
        return try Model(ModelOptions(definition: definition, length: length))
    }

    /// The operations of an expression, counted from its cases: one per product, sum,
    /// activation, softmax, loss, mean and applied operation, a cross-entropy of a
    /// softmax one fused step, and a number minus something (`1 - z_t`) one step.
    static func operations(_ expression: RNNGraphCore.Expression) -> Int {
        switch expression {
        case .variable, .constant: return 0
        case .sum(let terms) where terms.count == 2:
            for (a, b) in [(terms[0], terms[1]), (terms[1], terms[0])] {
                if case .constant = a, case .apply(.negate, let operand) = b, operand.count == 1 {
                    return 1 + operations(operand[0])
                }
            }
            return 1 + terms.map(operations).reduce(0, +)
        case .crossEntropy(let target, .softmax(let scores)): return 1 + operations(target) + operations(scores)
        case .product(let a, let b), .squaredError(let a, let b), .crossEntropy(let a, let b), .inner(let a, let b):
            return 1 + operations(a) + operations(b)
        case .sum(let terms), .mean(let terms), .apply(_, let terms): return 1 + terms.map(operations).reduce(0, +)
        case .activation(_, let a), .softmax(let a): return 1 + operations(a)
        }
    }

    /// One interior step of `model` counted from its equations: the operations of the
    /// step's definitions, the variables it defines, and what else (not a parameter) they read.
    static func step(_ model: Model) -> (operations: Int, defined: Set<String>, read: Set<String>,
                                          handedOn: Set<String>) {
        let graph = model.graph
        let steps = model.options.steps
        let t = (steps.lowerBound + steps.upperBound) / 2
        let defined = graph.variables.filter { $0.time == t && $0.definition != nil && $0.kind != .parameterCopy }
        let operations = defined.map { Self.operations($0.definition!) }.reduce(0, +)
        let names = Set(defined.map(\.name))
        let read = Set(defined.flatMap(\.parents).map { graph[$0] }
            .filter { $0.kind != .parameter && $0.kind != .parameterCopy && !names.contains($0.name) }.map(\.name))
        // What the step hands on: read by another step, or by nothing of this step.
        let handedOn = Set(defined.filter { variable in
            let readers = graph.children[variable.id.index].map { graph[$0] }
            return readers.contains { $0.time != nil && $0.time != t }
                || !readers.contains { $0.time == t && $0.kind != .parameterCopy }
        }.map(\.name))
        return (operations, names, read, handedOn)
    }

    @Test(arguments: models)
    func oneNodePerOperationAndVariable(model name: String) throws {
        let model = try Self.model(name)
        let figure = try Figure(cellOf: model)
        let expected = Self.step(model)
        let operations = figure.nodes.filter { $0.attributes.contains(Figure.Attribute("fontsize", "10")) }
        #expect(operations.count == expected.operations, "\(name): one node per operation")
        #expect(expected.operations > 0)
        #expect(figure.nodes.count == expected.operations + expected.defined.count + expected.read.count,
                "\(name): one node per variable the step defines or reads")
        // Every node is drawn, where the figure put it.
        let centres = SVGNodeCentres.read(try GraphvizRenderer.render(figure, format: .svg))
        #expect(centres.count == figure.nodes.count, "\(name): every node drawn")
    }

    @Test(arguments: models)
    func stateLineIsStraightAndOnTopAndInputsEnterLeft(model name: String) throws {
        let model = try Self.model(name)
        let figure = try Figure(cellOf: model)
        let centres = SVGNodeCentres.read(try GraphvizRenderer.render(figure, format: .svg))
        let line = figure.edges.filter { $0.attributes.contains(Figure.Attribute("penwidth", "2.5")) }
        if let state = Self.stateLine[name] {
            #expect(line.first?.from == "\(state)@-1" && line.last?.to == "\(state)@0",
                    "\(name): the line runs from \(state) of the step before to \(state) of this step")
            let nodes = Set(line.flatMap { [$0.from, $0.to] })
            let ys = nodes.compactMap { centres[$0]?.y }
            #expect(ys.count == nodes.count && nodes.count >= 3)
            #expect(ys.max()! - ys.min()! < 0.5, "\(name): the state line is straight")
            // On top (SVG y grows downwards): every other node lower.
            let others = centres.filter { !nodes.contains($0.key) }.map(\.value.y)
            #expect(others.allSatisfy { $0 > ys.min()! + 10 }, "\(name): the state line runs along the top")
        } else {
            #expect(line.isEmpty, "\(name): no state passes on element-wise")
        }
        // What the step reads enters left of everything it hands on.
        let step = Self.step(model)
        let id = { (name: String) -> String in
            let parts = name.split(separator: "_")
            let time = Int(parts.last!)!
            let t = (model.options.steps.lowerBound + model.options.steps.upperBound) / 2
            return parts.dropLast().joined(separator: "_") + "@\(time - t)"
        }
        let inputs = step.read.filter { model.graph.variable(named: $0)?.kind != .target }.map { centres[id($0)]!.x }
        let outputs = step.handedOn.map { centres[id($0)]!.x }
        #expect(!inputs.isEmpty && !outputs.isEmpty)
        #expect(inputs.max()! < outputs.min()!, "\(name): inputs left of outputs")
    }

    /// Every edge path of the SVG, sampled along its Bézier segments, stays outside every
    /// node it does not end at.
    @Test(arguments: models)
    func noEdgeCrossesANode(model name: String) throws {
        let drawing = SVGDrawing.read(try GraphvizRenderer.render(try Figure(cellOf: Self.model(name)), format: .svg))
        #expect(!drawing.edges.isEmpty)
        for edge in drawing.edges {
            let ends = edge.title.components(separatedBy: "->")
            let points = edge.points
            var samples: [(x: Double, y: Double)] = []
            for k in stride(from: 0, to: points.count - 3, by: 3) {
                let (p0, p1, p2, p3) = (points[k], points[k + 1], points[k + 2], points[k + 3])
                for step in 0...40 {
                    let t = Double(step) / 40, s = 1 - t
                    let a = s * s * s, b = 3 * s * s * t, c = 3 * s * t * t, d = t * t * t
                    samples.append((a * p0.x + b * p1.x + c * p2.x + d * p3.x, a * p0.y + b * p1.y + c * p2.y + d * p3.y))
                }
            }
            for (node, outline) in drawing.nodes where !ends.contains(node) {
                #expect(!samples.contains { SVGDrawing.inside($0, outline, margin: 1) }, "\(name): \(edge.title) crosses \(node)")
            }
        }
    }

    /// The drawn polyline of every edge of an SVG: its Bézier segments sampled finely.
    static func polylines(_ drawing: SVGDrawing) -> [(title: String, points: [(x: Double, y: Double)])] {
        drawing.edges.map { edge in
            let points = edge.points
            var samples: [(x: Double, y: Double)] = []
            for k in stride(from: 0, to: points.count - 3, by: 3) {
                let (p0, p1, p2, p3) = (points[k], points[k + 1], points[k + 2], points[k + 3])
                for step in 0...40 {
                    let t = Double(step) / 40, s = 1 - t
                    let a = s * s * s, b = 3 * s * s * t, c = 3 * s * t * t, d = t * t * t
                    samples.append((a * p0.x + b * p1.x + c * p2.x + d * p3.x, a * p0.y + b * p1.y + c * p2.y + d * p3.y))
                }
            }
            return (edge.title, samples)
        }
    }

    /// The distance from `p` to the polyline `line`.
    static func distance(_ p: (x: Double, y: Double), _ line: [(x: Double, y: Double)]) -> Double {
        zip(line, line.dropFirst()).map { a, b in
            let dx = b.x - a.x, dy = b.y - a.y, length = dx * dx + dy * dy
            let t = length == 0 ? 0 : max(0, min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length))
            let x = a.x + t * dx - p.x, y = a.y + t * dy - p.y
            return (x * x + y * y).squareRoot()
        }.min() ?? .infinity
    }

    /// No two edges with different tails and different heads run within 2 points of each
    /// other for more than 12 points of their length (a crossing stays well below that).
    @Test(arguments: models + ["second-order"])
    func unrelatedEdgesNeverShareALine(model name: String) throws {
        let model = name == "second-order" ? try Model(ModelOptions(definition: ModelDefinition(parsing: """
            model "second order, residual"
            time t = 1..N
            h_t = h_{t-1} + h_{t-2} * tanh(W h_{t-1} + U x_t + b)
            o_t = V h_t
            L = sum_t (y_t - o_t)^2
            """, name: name), length: 5)) : try Self.model(name)
        let figure = try Figure(cellOf: model)
        let edges = Self.polylines(SVGDrawing.read(try GraphvizRenderer.render(figure, format: .svg)))
        #expect(edges.count == figure.edges.count)
        for (i, a) in edges.enumerated() {
            let (tailA, headA) = (a.title.components(separatedBy: "->").first, a.title.components(separatedBy: "->").last)
            for b in edges[(i + 1)...] {
                let ends = b.title.components(separatedBy: "->")
                guard ends.first != tailA && ends.last != headA else { continue }
                var shared = 0.0
                for (p, q) in zip(a.points, a.points.dropFirst())
                where Self.distance(p, b.points) < 2 && Self.distance(q, b.points) < 2 {
                    shared += ((q.x - p.x) * (q.x - p.x) + (q.y - p.y) * (q.y - p.y)).squareRoot()
                }
                #expect(shared < 12, "\(name): \(a.title) and \(b.title) share \(Int(shared)) pt of line")
            }
        }
        if name == "second-order" {
            let line = figure.edges.filter { $0.attributes.contains(Figure.Attribute("penwidth", "2.5")) }
            #expect(line.map { "\($0.from)>\($0.to)" }.first == "h@-1>h#1", "one line, from the nearest step")
            #expect(line.last?.to == "h@0" && line.count == 2)
        }
    }

    /// WCAG 2 contrast: every fill behind black text at least 4.5:1, every text colour on
    /// white at least 4.5:1, every stroke on white at least 3:1.
    @Test(arguments: ["lstm", "gru", "peephole", "stacked"])
    func coloursPassWCAG(model name: String) throws {
        func luminance(_ hex: String) -> Double {
            let value = Int(hex.dropFirst(), radix: 16)!
            let channels = [value >> 16 & 255, value >> 8 & 255, value & 255].map { c -> Double in
                let s = Double(c) / 255
                return s <= 0.039_28 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
            }
            return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
        }
        func contrast(_ a: String, _ b: String) -> Double {
            let (x, y) = (luminance(a), luminance(b))
            return (max(x, y) + 0.05) / (min(x, y) + 0.05)
        }
        let figure = try Figure(cellOf: Self.model(name))
        for node in figure.nodes {
            let value = { (key: String) in node.attributes.last { $0.name == key }?.value }
            #expect(value("fontcolor") == nil, "\(node.id): black text")
            if let fill = value("fillcolor") { #expect(contrast(fill, "#000000") >= 4.5, "\(node.id) fill \(fill)") }
            if let stroke = value("color") { #expect(contrast(stroke, "#FFFFFF") >= 3, "\(node.id) stroke \(stroke)") }
        }
        for edge in figure.edges {
            let stroke = edge.attributes.last { $0.name == "color" }?.value ?? "#555555"
            #expect(contrast(stroke, "#FFFFFF") >= 3, "\(edge.from) → \(edge.to)")
        }
        for entry in figure.legend {
            if let color = entry.color { #expect(contrast(color, "#FFFFFF") >= 4.5, "legend \(entry.caption)") }
            if let fill = entry.fill { #expect(contrast(fill, "#000000") >= 4.5, "legend \(entry.caption)") }
        }
    }

    @Test(arguments: ["lstm", "gru", "peephole"])
    func everyFormatWritesTheSameBytesTwice(model name: String) throws {
        for format in RenderFormat.allCases {
            let first = try GraphvizRenderer.render(try Figure(cellOf: Self.model(name)), format: format)
            let second = try GraphvizRenderer.render(try Figure(cellOf: Self.model(name, length: 2)), format: format)
            #expect(first.count > 200, "\(name) \(format)")
            #expect(first == second, "\(name) \(format): the same cell at every length, byte for byte")
        }
        let png = try GraphvizRenderer.render(try Figure(cellOf: Self.model(name)), format: .png)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let pdf = try GraphvizRenderer.render(try Figure(cellOf: Self.model(name)), format: .pdf)
        #expect(pdf.starts(with: Data("%PDF".utf8)))
    }

    @Test func parametersAreWrittenInsideTheirOperations() throws {
        let figure = try Figure(cellOf: Self.model("peephole"))
        let labels = figure.nodes.compactMap { $0.attributes.first { $0.name == "label" }?.value }
        #expect(labels.contains("<B>W</B><SUB>i</SUB> ×"), "a product names its matrix on the side it multiplies")
        #expect(labels.contains("p<SUB>i</SUB> ⊙"), "an element-wise parameter is written in its ⊙")
        #expect(labels.contains("+ b<SUB>i</SUB>"), "a bias is written in its sum")
        let gru = try Figure(cellOf: Self.model("gru"))
        #expect(gru.nodes.contains { $0.attributes.contains(Figure.Attribute("label", "1 − ·", html: true)) })
        let rows = try Figure(cellOf: Self.model("pytorch"))
        #expect(rows.nodes.contains { $0.attributes.contains { $0.name == "label" && $0.value.hasPrefix("× ") } },
                "a row-vector product names its matrix on the right")
    }

    @Test(arguments: ["lstm", "gru", "cs187", "stacked"])
    func tikzCompiles(model name: String) throws {
        let tikz = String(decoding: try GraphvizRenderer.render(try Figure(cellOf: Self.model(name)), format: .tikz),
                          as: UTF8.self)
        #expect(tikz.contains("_{t-1}") && tikz.contains("\\times"))
        let result = try TikZCompile.onLargePage(tikz)
        #expect(result.status == 0, "pdflatex failed on the \(name) cell")
        #expect(!result.pdf.isEmpty)
    }
}
