import BigInt
import Foundation
import RNNGraphKit
import RNNGraphRender

/// A figure file a document references, rendered in memory.
public struct FigureFile: Sendable, Hashable {
    /// File name, relative to the document's folder.
    public let name: String
    /// The file's bytes.
    public let data: Data
}

/// A document rendered in memory: its text and the figures it references.
public struct RenderedDocument: Sendable {
    /// The document's text.
    public let text: String
    /// The figure files the template referenced, in a fixed order.
    public let figures: [FigureFile]
}

/// Builds the content of a document about one model and renders it through a template.
///
/// ```swift
/// let model = try Model(ModelOptions(model: .cs187, length: 2))
/// let generator = try DocumentGenerator(model: model)
/// try generator.write(DocumentTemplate.named("slides"), to: "notes/slides.tex")
/// ```
public struct DocumentGenerator: Sendable {
    /// Documents refuse derivations with more paths than this (one term, and
    /// for slides one figure, per path).
    public static let maximumPaths = 200

    /// The model documented.
    public let model: Model
    /// The variable the gradient is taken with respect to.
    public let variable: NodeID
    /// The loss.
    public let loss: NodeID
    /// Time-index style of labels and formulas.
    public let timeStyle: TimeIndexStyle
    /// Where the LaTeX math comes from.
    public let source: any DerivationSource
    /// Worked numbers, when values were computed.
    public let numbers: WorkedNumbers?

    /// Prepares a generator.
    /// - Parameters:
    ///   - model: the model.
    ///   - variable: name of the variable to differentiate with respect to;
    ///     `nil` takes the graph's first parameter.
    ///   - timeStyle: time-index style; `nil` takes the model text's.
    ///   - source: the LaTeX math; ``ChainRuleDerivation`` by default.
    ///   - numbers: worked numbers to show, if any.
    /// - Throws: `RNNGraphError.usage(_:)` for an unknown variable, one with no
    ///   path to the loss, or more than ``maximumPaths`` paths.
    public init(model: Model, variable: String? = nil, timeStyle: TimeIndexStyle? = nil,
                source: any DerivationSource = ChainRuleDerivation(), numbers: WorkedNumbers? = nil) throws {
        let graph = model.graph
        guard let loss = graph.loss else { throw RNNGraphError.usage("the model has no loss to differentiate") }
        let chosen: Variable
        if let variable {
            guard let found = graph.variable(named: variable) else {
                throw graph.unknownVariable(variable, "to differentiate")
            }
            chosen = found
        } else {
            guard let first = graph.variables(of: .parameter).first else {
                throw RNNGraphError.usage("the model has no parameter; name the variable to differentiate")
            }
            chosen = first
        }
        guard chosen.id != loss.id else {
            throw RNNGraphError.usage("choose a variable other than the loss \(loss.name) itself")
        }
        try Self.check(paths: PathCounter.count(graph, from: chosen.id, to: loss.id), chosen.name, loss.name)
        self.model = model
        self.variable = chosen.id
        self.loss = loss.id
        self.timeStyle = timeStyle ?? model.options.defaultTimeStyle
        self.source = source
        self.numbers = numbers
    }

    /// Refuses, without unrolling the model, a document about the model `options` describe
    /// that would have more than ``maximumPaths`` paths (the same check the initialiser makes).
    /// - Throws: `RNNGraphError.usage(_:)` above the limit or when no path leads to the loss.
    public static func checkSize(_ options: ModelOptions, variable: String? = nil) throws {
        // Models without a rolled form are checked by the initialiser, after unrolling.
        guard let rolled = try? RolledGraph.shared(for: options),
              let name = variable ?? rolled.representative.variables(of: .parameter).first?.symbol.ascii else { return }
        let d = try Derivation(options: options, wrt: name)
        try check(paths: try d.count, d.wrtName, d.ofName)
    }

    private static func check(paths count: BigUInt, _ variable: String, _ loss: String) throws {
        guard count > 0 else { throw RNNGraphError.usage("no path leads from \(variable) to \(loss)") }
        guard count <= maximumPaths else {
            throw RNNGraphError.usage("the derivation has \(count) paths from \(variable) to \(loss), "
                                      + "above the document limit of \(maximumPaths); choose a smaller --length")
        }
    }

    private var request: DerivationRequest {
        DerivationRequest(model: model, loss: loss, variable: variable, timeStyle: timeStyle)
    }

    private var paths: [[NodeID]] { Array(PathEnumerator(model.graph, from: variable, to: loss)) }

    /// File names of the figures for a document whose figures start with `figureStem`.
    private static func figureNames(_ figureStem: String)
        -> (pdf: String, svg: String, tikz: String, path: (Int) -> String, pathTikZ: (Int) -> String) {
        ("\(figureStem)-graph.pdf", "\(figureStem)-graph.svg", "\(figureStem)-graph.tikz",
         { "\(figureStem)-path-\($0).pdf" }, { "\(figureStem)-path-\($0).tikz" })
    }

    /// Whether writing the document at `document` through `template` (with the
    /// default figure stem) may write a figure called `fileName` next to it, so
    /// that callers can refuse another output of that name before any work.
    public static func writesFigure(named fileName: String, template: DocumentTemplate, document: String) -> Bool {
        let names = figureNames(figureStem(forDocument: document))
        if template.usedFields.contains("figurePDF") && fileName == names.pdf { return true }
        if template.usedFields.contains("figureSVG") && fileName == names.svg { return true }
        if template.usedFields.contains("figureTikZ") && fileName == names.tikz { return true }
        for (field, suffix) in [("frames.figure", ".pdf"), ("frames.figureTikZ", ".tikz")]
        where template.usedFields.contains(field) {
            let prefix = names.path(0).dropLast("0.pdf".count)
            guard fileName.hasPrefix(prefix), fileName.hasSuffix(suffix) else { continue }
            let number = fileName.dropFirst(prefix.count).dropLast(suffix.count)
            if !number.isEmpty && number.allSatisfy(\.isASCII) && number.allSatisfy(\.isNumber) { return true }
        }
        return false
    }

    /// The content of the document; figure file names start with `figureStem`.
    public func content(figureStem: String) throws -> DocumentContent {
        let notation = DocumentNotation(graph: model.graph, timeStyle: timeStyle)
        let names = Self.figureNames(figureStem)
        let request = request
        var rows: [PathRow] = []
        var frames: [PathFrame] = []
        for (k, path) in paths.enumerated() {
            let term = try source.term(along: path, for: request)
            rows.append(PathRow(number: k + 1, text: notation.text(path: path), latex: notation.latex(path: path),
                                term: term))
            frames.append(PathFrame(number: k + 1, figure: names.path(k + 1), figureTikZ: names.pathTikZ(k + 1),
                                    latex: notation.latex(path: path), term: term))
        }
        let options = model.options
        return DocumentContent(
            title: DocumentText(plain: "Gradient of \(model.graph[loss].name) with respect to "
                                    + "\(model.graph[variable].name): \(options.modelName) model, N = \(options.length)",
                                latex: "Gradient of $\(notation.latex(loss))$ with respect to $\(notation.latex(variable))$: "
                                    + "\(DocumentText(options.modelName).latex) model, \\mbox{$N = \(options.length)$}"),
            modelName: DocumentText(options.modelName),
            optionsSummary: DocumentText(Self.summary(options)),
            equations: try source.equations(for: request),
            lossLaTeX: notation.latex(loss), variableLaTeX: notation.latex(variable),
            variableText: notation.text(variable), figurePDF: names.pdf, figureSVG: names.svg, figureTikZ: names.tikz,
            derivations: try source.displays(for: request), paths: rows, frames: frames, numbers: numbers)
    }

    /// Renders `template` and the figures it references, in memory: the whole
    /// graph as PDF, SVG and/or TikZ when it names `figurePDF`/`figureSVG`/`figureTikZ`;
    /// one PDF per path, that path highlighted, when it names `figure` inside `frames`;
    /// and one TikZ picture per path, the whole graph with that path highlighted, when it
    /// names `figureTikZ` there. The whole graph draws its parameters as edge labels.
    public func render(_ template: DocumentTemplate, figureStem: String) throws -> RenderedDocument {
        let content = try content(figureStem: figureStem)
        let text = try template.render(content)  // refuses an oversized document before any figure
        var figures: [FigureFile] = []
        // The whole graph with parameters as edge labels (every bias in its node): the
        // textbook figure, readable at a column's width; a highlighted path draws its
        // parameter as a node, since the path starts there.
        let figureOptions = FigureOptions(timeStyle: timeStyle)
        var wholeOptions = figureOptions
        wholeOptions.parameters = .labels
        for (field, name, format) in [("figurePDF", content.figurePDF, RenderFormat.pdf),
                                      ("figureSVG", content.figureSVG, .svg), ("figureTikZ", content.figureTikZ, .tikz)]
        where template.usedFields.contains(field) {
            figures.append(FigureFile(name: name, data: try GraphvizRenderer.render(
                Figure(model, options: wholeOptions), format: format)))
        }
        if template.usedFields.contains("frames.figure") {
            for (frame, path) in zip(content.frames, paths) {
                var options = figureOptions
                options.highlights = [Highlight(edges: zip(path, path.dropFirst()).map { Highlight.Edge($0, $1) },
                                                caption: "path \(frame.number)")]
                figures.append(FigureFile(name: frame.figure, data: try GraphvizRenderer.render(
                    Figure(model, options: options), format: .pdf)))
            }
        }
        if template.usedFields.contains("frames.figureTikZ") {
            for (frame, path) in zip(content.frames, paths) {
                // The whole graph, the path highlighted: every step keeps its column.
                var options = figureOptions
                options.legend = false
                options.highlights = [Highlight(edges: zip(path, path.dropFirst()).map { Highlight.Edge($0, $1) },
                                                caption: "path \(frame.number)")]
                figures.append(FigureFile(name: frame.figureTikZ, data: try GraphvizRenderer.render(
                    Figure(model, options: options), format: .tikz)))
            }
        }
        return RenderedDocument(text: text, figures: figures)
    }

    /// Writes the document to `path` and the figures it references next to it,
    /// all or nothing: every file goes to a temporary name first and is renamed
    /// only when all are complete.
    /// - Parameters:
    ///   - template: the template to render.
    ///   - path: the document's path: a file (or a link to one) whose folder
    ///     exists and is writable.
    ///   - figureStem: start of the figure file names; by default the document's
    ///     name without extension (`notes/rnn.tex` → `rnn-graph.pdf`, `rnn-path-1.pdf`).
    ///   - transaction: the run's outputs, committed by the caller with its
    ///     other outputs; `nil` commits the document and its figures now.
    /// - Returns: the paths written, the document first.
    /// - Throws: `RNNGraphError.output(_:)` when the folder is missing or not
    ///   writable or two files would have the same name; `RNNGraphError.usage(_:)`
    ///   for standard output, a device or a FIFO, or a stem that is a path.
    @discardableResult
    public func write(_ template: DocumentTemplate, to path: String, figureStem: String? = nil,
                      in transaction: OutputTransaction? = nil) throws -> [String] {
        guard try !OutputFile.isWrittenInPlace(path) else {
            throw RNNGraphError.usage("a document needs a file name, not '\(path)' (standard output, a device or a FIFO): "
                                      + "its figures are written next to it")
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        let stem = figureStem ?? Self.figureStem(forDocument: path)
        guard !stem.isEmpty, !stem.contains("/") else {
            throw RNNGraphError.usage("figure stem '\(stem)' must be a file name, not a path")
        }
        let rendered = try render(template, figureStem: stem)
        var files = [(path: path, data: Data(rendered.text.utf8))]
        var seen = [url.lastPathComponent.lowercased(): url.lastPathComponent]
        for figure in rendered.figures {
            if let other = seen[figure.name.lowercased()] {
                throw RNNGraphError.output("figure \(figure.name) would overwrite \(other) in \(folder.path); "
                                           + "choose another document name or figure stem")
            }
            seen[figure.name.lowercased()] = figure.name
            let figurePath = folder.appendingPathComponent(figure.name).path
            try OutputFile.check(figurePath)
            files.append((figurePath, figure.data))
        }
        let outputs = transaction ?? OutputTransaction()
        for file in files { try outputs.write(file.data, to: file.path) }
        if transaction == nil { try outputs.commit() }
        return files.map(\.path)
    }

    /// The default figure stem for a document: its file name without extension,
    /// with every character other than letters, digits and `-` replaced by `-`
    /// (names that LaTeX's `\includegraphics` reads safely).
    public static func figureStem(forDocument path: String) -> String {
        let base = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let safe = String(base.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") ? $0 : "-" })
        return safe.isEmpty ? "document" : safe
    }

    /// The model's options in words.
    static func summary(_ options: ModelOptions) -> String {
        var parts = ["N = \(options.length)", "activation \(options.resolvedActivation.rawValue)"]
        let definition = options.definition
        if definition.text.contains("ce(") {
            parts.append(options.outputLoss == .softmax ? "softmax output with cross-entropy"
                                                        : "linear output with squared error")
        }
        parts.append(options.lossPlacement == .every ? "loss at every step" : "loss at the last step only")
        parts.append(options.reduction == .sum ? "step losses summed" : "step losses averaged")
        if options.startsAtZero { parts.append("steps indexed from 0") }
        if !definition.biases.isEmpty { parts.append(options.biases ? "with biases" : "without biases") }
        if options.detail { parts.append("intermediate variables shown") }
        if options.parameterCopies { parts.append("per-step parameter copies") }
        return parts.joined(separator: ", ")
    }
}
