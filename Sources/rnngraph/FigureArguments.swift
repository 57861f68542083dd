import ArgumentParser
import RNNGraphKit
import RNNGraphRender

/// Options that ask for pictures of the graph.
struct FigureArguments: ParsableArguments {
    @Option(help: ArgumentHelp("Write the graph as PDF.", valueName: "file"), completion: .file(extensions: ["pdf"]))
    var pdf: String?

    @Option(help: ArgumentHelp("Write the graph as SVG ('-' for standard output).", valueName: "file"), completion: .file(extensions: ["svg"]))
    var svg: String?

    @Option(help: ArgumentHelp("Write the graph as PNG.", valueName: "file"), completion: .file(extensions: ["png"]))
    var png: String?

    @Option(help: ArgumentHelp("Write the graph as DOT text ('-' for standard output).", valueName: "file"), completion: .file(extensions: ["dot", "gv"]))
    var dot: String?

    @Option(help: ArgumentHelp("Write the graph as a TikZ picture, labels in LaTeX math ('-' for standard output).", valueName: "file"), completion: .file(extensions: ["tex", "tikz"]))
    var tikz: String?

    @Option(help: ArgumentHelp("Write an interactive page: the figure, the derivation in MathML, each term lighting up its path ('-' for standard output).", valueName: "file"), completion: .file(extensions: ["html"]))
    var html: String?

    @Option(help: ArgumentHelp("Width the TikZ picture is scaled to, a TeX dimension (default: \\linewidth).",
                               valueName: "dimension"))
    var tikzWidth: String?

    @Option(help: ArgumentHelp(
        "Draw only these variables, edges contracted through the others (e.g. U,h1,o1,L).", valueName: "names"),
            completion: VariableCompletion.kind(list: true))
    var show: String?

    @Option(help: "Time index in labels: subscript (h_t), parenthesized (h^(t)) or bracketed (h^[t]).")
    var timeStyle: TimeIndexStyle?

    @Option(help: "Parameters as nodes with an edge to every use, as labels on the edges they multiply (biases inside their nodes), hidden, or as nodes with every operation (×, +, σ, …) a node of its own (operations) (default: nodes up to 24 parameter edges, labels above).")
    var parameters: ParameterStyle?

    @Flag(help: "Leave out the legend.")
    var noLegend = false

    @Flag(help: "Draw one step as the textbook cell diagram: inputs left, outputs right, every operation a node, parameters inside the operations they enter, a state passed on element-wise (an LSTM's c) as a straight line on top.")
    var cell = false

    /// Requested outputs, in a fixed order.
    var outputs: [FigureOutput] {
        [(RenderFormat.pdf, pdf), (.svg, svg), (.png, png), (.dot, dot), (.tikz, tikz)].compactMap { format, path in
            path.map { FigureOutput(format: format, path: $0) }
        }
    }

    /// The number of nodes the figure of `options`' model will have, found before
    /// unrolling it: every variable (or those of --show), and with
    /// `--parameters operations` the operation nodes, those of --show in proportion.
    /// With --show, the unrolled graph is built whole and the shown variables picked from it:
    /// the most variables it may have (a second or so to unroll).
    static let maximumUnrolledForShow = 200_000

    func estimatedNodes(_ options: ModelOptions) throws -> Int {
        // The cell view draws one step, whatever the length: a few dozen nodes.
        if cell { return 0 }
        return try estimatedNodes(options, variables: try Model.variableCount(for: options))
    }

    /// Up to this length a figure's model is unrolled before its size is checked, and the
    /// figure drawn from that graph (``unrolledForCounting(_:)``): the figure needs the graph
    /// anyway, and counting from the rolled graph first costs two more small unrollings
    /// (about 4 M instructions, as much as the model of a figure at N = 30).
    static let unrolledBeforeCounting = 200

    /// The validated model of `options` unrolled whole, when a figure of it may be counted on its
    /// graph (not the cell view, and a length up to ``unrolledBeforeCounting``); nil otherwise.
    /// - Throws: ``RNNGraphError`` for invalid options, as ``estimatedNodes(_:)`` does.
    func unrolledForCounting(_ options: ModelOptions) throws -> Model? {
        guard !cell, options.length <= Self.unrolledBeforeCounting else { return nil }
        return try Model(validating: options)
    }

    /// ``estimatedNodes(_:)`` for a model of `variables` variables.
    func estimatedNodes(_ options: ModelOptions, variables: Int) throws -> Int {
        if !shownNames.isEmpty, variables > Self.maximumUnrolledForShow {
            throw RNNGraphError.usage("--show picks from the whole unrolled graph, which has \(variables) variables at "
                                      + "length \(options.length), above the limit of \(Self.maximumUnrolledForShow); "
                                      + "choose a smaller --length")
        }
        let shown = shownNames.isEmpty ? variables : Set(shownNames).count
        guard parameters == .operations else { return shown }
        let operations = try OperationsGraph.operationCount(for: options)
        return shown + Int((Double(operations) * Double(shown) / Double(variables)).rounded(.up))
    }

    /// The names given to --show.
    var shownNames: [String] {
        (show ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

import Foundation

extension ParameterStyle: SpelledArgument {}
