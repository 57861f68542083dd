import Foundation
import Testing
import RNNGraphKit
import RNNGraphRender

/// TikZ output: the layout Graphviz made, labels as LaTeX math, and a picture pdflatex compiles.
@Suite struct TikZTests {
    private func figure(_ name: String, length: Int) throws -> Figure {
        try Figure(Model(ModelOptions(definition: BundledModels.definition(named: name)!, length: length)),
                   options: FigureOptions(parameters: .nodes))
    }

    /// The `(x, y)` of every `\node … (nK) at (x, y) {label};`, by label.
    private func nodes(_ tikz: String) -> [String: (x: Double, y: Double)] {
        var found: [String: (x: Double, y: Double)] = [:]
        for line in tikz.split(separator: "\n") where line.hasPrefix("\\node[") && line.contains(") at (")
            && !line.contains("(legend") {
            let at = line.components(separatedBy: ") at (")[1]
            let numbers = at.prefix { $0 != ")" }.split(separator: ",").compactMap {
                Double($0.trimmingCharacters(in: .whitespaces))
            }
            let label = at.drop { $0 != "{" }.dropFirst().dropLast(2)
            found[String(label)] = (numbers[0], numbers[1])
        }
        return found
    }

    @Test func nodesSitWhereTheLayoutPutThemWithMathLabels() throws {
        let drawing = try figure("cs187", length: 3)
        let tikz = String(decoding: try GraphvizRenderer.render(drawing, format: .tikz), as: UTF8.self)
        #expect(tikz == String(decoding: try GraphvizRenderer.render(drawing, format: .tikz), as: UTF8.self))
        let placed = nodes(tikz)
        #expect(placed.count == drawing.nodes.count)
        // Graphviz may translate the picture, never reshape it: distances equal the pinned ones.
        let pinned = { (id: String) in drawing.nodes.first { $0.id == id }!.position! }
        for (a, b, la, lb) in [("h_1", "h_3", "$h_{1}$", "$h_{3}$"), ("x_1", "o_2", "$x_{1}$", "$o_{2}$"),
                               ("U", "L", "$\\mathbf{U}$", "$L$")] {
            #expect(abs((placed[lb]!.x - placed[la]!.x) - (pinned(b).x - pinned(a).x)) < 1, "\(a)–\(b)")
            #expect(abs((placed[lb]!.y - placed[la]!.y) - (pinned(b).y - pinned(a).y)) < 1, "\(a)–\(b)")
        }
        #expect(tikz.components(separatedBy: "\\draw[rnn edge").count - 1 == drawing.edges.count)
    }

    /// The annotations and the legend of the SVG are in the TikZ picture too: each annotation
    /// beside its node, every legend caption with its kind's fill, in the legend's order, and
    /// the picture compiles.
    @Test func annotationsAndLegendAsInTheSVG() throws {
        let model = try Model(ModelOptions(length: 2))
        let h1 = model.graph.variable(named: "h_1")!.id, u = model.graph.variable(named: "U")!.id
        let notes = [h1: "∇ [−0.5, 1.25]", u: "= [[1, 0], [0, 1]] & 50%"]
        let drawing = try Figure(model, options: FigureOptions(annotations: notes, parameters: .nodes))
        let tikz = String(decoding: try GraphvizRenderer.render(drawing, format: .tikz), as: UTF8.self)
        let placed = nodes(tikz)
        for (id, expected) in [(h1, "\\ensuremath{\\nabla} [\\ensuremath{-}0.5, 1.25]"),
                               (u, "= [[1, 0], [0, 1]] \\& 50\\%")] {
            // One line, or one row or entry a line (`\\` between them) where the slot is narrow.
            let line = tikz.split(separator: "\n").first { line in
                line.hasPrefix("\\node[rnn note]") && line.replacingOccurrences(of: "\\\\", with: "")
                    .replacingOccurrences(of: "  ", with: " ").hasSuffix("{\(expected)};")
            }
            #expect(line != nil, "annotation of \(model.graph[id].name)")
            let numbers = line.map { $0.components(separatedBy: " at (")[1]
                .prefix { $0 != ")" }.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) } } ?? []
            let centre = placed[drawing.nodes.first { $0.id == model.graph[id].name }!.latex]!
            #expect(numbers.count == 2 && abs(numbers[0] - centre.x) < 120 && abs(numbers[1] - centre.y) < 40,
                    "\(model.graph[id].name)'s annotation beside it")
        }
        #expect(drawing.legend.count == 7)
        // Each caption boxed in a named colour defined as its kind's fill, in order, in
        // balanced rows (four and three).
        var previous = tikz.startIndex
        for (k, entry) in drawing.legend.enumerated() {
            let line = tikz.split(separator: "\n").first { $0.contains("{\\strut \(entry.caption)}") } ?? ""
            let name = line.components(separatedBy: "}{\\strut \(entry.caption)}")[0].components(separatedBy: "{").last ?? ""
            #expect(tikz.contains("\\providecolor{\(name)}{HTML}{\(entry.fill!.dropFirst())}"), "legend entry \(k)'s fill")
            let range = tikz.range(of: "{\(name)}{\\strut \(entry.caption)}")
            #expect(range != nil && range!.lowerBound > previous, "legend entry \(k) (\(entry.caption)) in order")
            previous = range?.lowerBound ?? previous
        }
        #expect(tikz.contains("(legend1) at (") && !tikz.contains("(legend2) at ("), "two rows")
        #expect(tikz.components(separatedBy: "\\fcolorbox").count - 1 == 7)
        let withoutLegend = try Figure(model, options: FigureOptions(legend: false))
        #expect(!String(decoding: try GraphvizRenderer.render(withoutLegend, format: .tikz), as: UTF8.self).contains("legend0"))
        try compile(tikz)
    }

    /// Runs pdflatex on a document that inputs `tikz`, expects it to succeed, and returns the PDF.
    @discardableResult
    private func compile(_ tikz: String, _ what: String = "the picture") throws -> Data {
        let result = try TikZCompile.onLargePage(tikz)
        #expect(result.status == 0, "pdflatex failed on \(what)")
        return result.pdf
    }

    /// The operations view (every symbol of the table, among them `\\odot`, `\\sigma`, a
    /// stack and a fused cross-entropy) compiles, operation labels in a smaller font.
    @Test(arguments: ["lstm", "elman", "every"])
    func operationsViewCompiles(model name: String) throws {
        let text = name == "every" ? """
            model "every operation"
            time t = 1..N
            z_t = sigmoid(W_z x_t + U_z h_{t-1} + b)
            n_t = relu(A [x_t; h_{t-1}])
            h_t = (1 - z_t) * n_t + z_t * h_{t-1}
            q_t = log(exp(V h_t))^2 - (V h_t)
            L = mean_t ce(y_t, softmax(q_t)) + sum_t (h_t^T h_t)
            """ : BundledModels.text(named: name)!
        let model = try Model(ModelOptions(definition: ModelDefinition(parsing: text, name: name), length: 2))
        let drawing = try Figure(model, options: FigureOptions(parameters: .operations))
        let tikz = String(decoding: try GraphvizRenderer.render(drawing, format: .tikz), as: UTF8.self)
        #expect(tikz.components(separatedBy: "\\node[rnn operation")
            .count - 1 == OperationsGraph(model.graph).operationCount)
        let pdf = try compile(tikz, "the \(name) operations picture")
        #expect(pdf.starts(with: Data("%PDF".utf8)))
    }

    @Test(arguments: ["cs187", "lstm", "goodfellow"])
    func compilesWithPdflatex(model name: String) throws {
        let tikz = String(decoding: try GraphvizRenderer.render(try figure(name, length: 3), format: .tikz), as: UTF8.self)
        let pdf = try compile(tikz, "the \(name) picture")
        #expect(pdf.starts(with: Data("%PDF".utf8)))
    }

    /// A picture in a plain article (`\\documentclass{article}`, its narrow column) fits the
    /// column with no overfull box, names its colours and styles, and writes edge labels in
    /// their parameter's colour; `tikzWidth` scales it to another width.
    @Test(arguments: [("lstm", 3, ParameterStyle.labels), ("cs187", 8, .nodes), ("gru", 2, .labels)])
    func fitsAnArticleColumnWithNamedColours(model name: String, length: Int, style: ParameterStyle) throws {
        let model = try Model(ModelOptions(definition: BundledModels.definition(named: name)!, length: length))
        let drawing = try Figure(model, options: FigureOptions(parameters: style))
        let tikz = String(decoding: try GraphvizRenderer.render(drawing, format: .tikz), as: UTF8.self)
        #expect(!tikz.contains("rgb,255"), "no inline colours")
        #expect(tikz.contains("rnn param/.style=") && tikz.contains("rnn edge/.style="))
        for parameter in model.graph.variables(of: .parameter) {
            let name = "rnn" + parameter.symbol.ascii.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
            #expect(tikz.contains("\\providecolor{\(name)}{HTML}{"), "\(parameter.name)'s colour named")
            if style == .labels {
                #expect(tikz.contains("\\textcolor{\(name)}{$") || tikz.contains("\\textcolor{\(name)x"),
                        "\(parameter.name) written in its colour")
            }
        }
        #expect(tikz.contains("{\\linewidth}{!}") || tikz.contains("\\else \\linewidth\\fi}{!}"))
        let log = try compileArticle(tikz)
        #expect(!log.contains("Overfull \\hbox"), "\(name): the picture sticks out of the column")
        // A document's own colour and style come first.
        let restyled = try compileArticle(tikz, before: "\\definecolor{rnnfillstate}{HTML}{FFFFFF}\n"
                                          + "\\def\\rnnfigurestyle{\\tikzset{rnn edge/.append style={thick}}}\n")
        #expect(!restyled.contains("Overfull \\hbox"))
        let half = String(decoding: try GraphvizRenderer.render(drawing, format: .tikz, tikzWidth: "0.5\\linewidth"),
                          as: UTF8.self)
        #expect(half.contains("\\else 0.5\\linewidth\\fi}{!}"))
    }

    /// Compiles `tikz` inside a plain `article` and returns pdflatex's log.
    private func compileArticle(_ tikz: String, before: String = "") throws -> String {
        let result = try TikZCompile.inArticle(tikz, before: before)
        #expect(result.status == 0, "pdflatex failed")
        return result.log
    }
}
