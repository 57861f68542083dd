// A documentation generator written only against the public API of
// RNNGraphKit, RNNGraphRender and RNNGraphDocs.
//
//   swift run DocsGeneratorExample out/ [cs187|goodfellow|pytorch] [N]
//       writes article.tex, slides.tex and section.md, with the figures they
//       reference, into out/
//   swift run DocsGeneratorExample --docs Docs/
//       regenerates everything generated under Docs/ (what `make docs` runs)
import Foundation
import RNNGraphDocs
import RNNGraphKit
import RNNGraphRender

/// Writes the three documents about one model into `folder` (created if missing), each with its figures.
func writeDocuments(_ options: ModelOptions, into folder: URL, numbers: WorkedNumbers? = nil) throws {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let model = try Model(options)
    let generator = try DocumentGenerator(model: model, numbers: numbers)
    for (template, file) in [("article", "article.tex"), ("slides", "slides.tex"), ("section", "section.md")] {
        let written = try generator.write(DocumentTemplate.named(template),
                                          to: folder.appendingPathComponent(file).path)
        print(written.joined(separator: "\n"))
    }
}

/// Renders the whole graph of a model (or the variables in `show`) as SVG, parameters drawn as `parameters` asks.
func figure(_ options: ModelOptions, show: [String] = [], annotations: [NodeID: String] = [:],
            parameters: ParameterStyle? = nil) throws -> Data {
    let drawing = try Figure(Model(options), options: FigureOptions(show: show, annotations: annotations,
                                                                    parameters: parameters))
    return try GraphvizRenderer.render(drawing, format: .svg)
}

/// The paths from the first parameter to the loss, one per line, with their count.
func pathList(_ options: ModelOptions) throws -> String {
    let graph = try Model(options).graph
    guard let parameter = graph.variables(of: .parameter).first, let loss = graph.loss else { return "" }
    let count = PathCounter.count(graph, from: parameter.id, to: loss.id)
    var lines = ["\(count) paths from \(parameter.name) to \(loss.name):"]
    for path in PathEnumerator(graph, from: parameter.id, to: loss.id) {
        lines.append(path.map { graph[$0].name }.joined(separator: " -> "))
    }
    return lines.joined(separator: "\n") + "\n"
}

/// Writes `data` to `folder/name` (the folder created if missing) and prints the path.
func save(_ data: Data, _ name: String, in folder: URL) throws {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent(name)
    try data.write(to: url, options: .atomic)
    print(url.path)
}

/// The figure of each model written as equations: a bundled one by name, or any model text.
func modelFigure(_ text: String, name: String, length: Int) throws -> Data {
    let definition = try ModelDefinition(parsing: text, name: name)
    return try figure(ModelOptions(definition: definition, length: length))
}

/// Regenerates the figures of `docs/images`, the example documents and the
/// lab's worked example in `docs/examples` (which holds the values file `lab-2x2.json`).
func regenerateDocs(_ docs: URL) throws {
    let images = docs.appendingPathComponent("images")
    let examples = docs.appendingPathComponent("examples")
    try save(figure(ModelOptions(model: .cs187, length: 3)), "cs187-N3.svg", in: images)
    try save(figure(ModelOptions(model: .cs187, length: 2), show: ["U", "h1", "o1", "h2", "o2", "L"]),
             "cs187-N2-lab-view.svg", in: images)
    try save(figure(ModelOptions(model: .goodfellow, length: 3, detail: true)),
             "goodfellow-N3-detail.svg", in: images)
    try save(figure(ModelOptions(model: .pytorch, length: 3)), "pytorch-N3.svg", in: images)
    try save(figure(ModelOptions(model: .cs187, length: 3, parameterCopies: true)),
             "cs187-N3-copies.svg", in: images)
    try save(figure(ModelOptions(model: .cs187, length: 2), parameters: .operations), "cs187-N2-operations.svg", in: images)
    for model in [BundledModel.lstm, .gru] {
        try save(GraphvizRenderer.render(Figure(cellOf: Model(ModelOptions(model: model))), format: .svg),
                 "\(model.rawValue)-cell.svg", in: images)
    }
    for (name, length) in [("lstm", 2), ("gru", 2), ("elman", 3), ("stacked", 3), ("bidirectional", 3), ("bigram", 3)] {
        let text = BundledModels.text(named: name)!
        try save(modelFigure(text, name: name, length: length), "\(name)-N\(length).svg",
                 in: images.appendingPathComponent("models"))
    }

    try writeDocuments(ModelOptions(model: .cs187, length: 3), into: examples)
    try save(Data(pathList(ModelOptions(model: .cs187, length: 3)).utf8), "cs187-N3-paths.txt", in: examples)

    // The lab's 2×2 network: N follows from the values file.
    let file = try ValuesFile.read(examples.appendingPathComponent("lab-2x2.json").path)
    let options = ModelOptions(model: .cs187, length: try file.impliedLength(for: ModelOptions(model: .cs187)))
    let report = try NumericReport(try file.values(for: Model(options)))
    try save(Data(report.text.utf8), "lab-2x2.txt", in: examples)
    try save(Data(report.json.utf8), "lab-2x2.out.json", in: examples)
    try save(figure(options, annotations: report.annotations(.gradients)), "lab-2x2-gradients.svg", in: examples)

    // The same numbers worked into an article: values, loss, gradients and their agreement.
    let model = try Model(options)
    let numbers = WorkedNumbers(report, timeStyle: options.defaultTimeStyle)
    let generator = try DocumentGenerator(model: model, numbers: numbers)
    let written = try generator.write(DocumentTemplate.named("article"),
                                      to: examples.appendingPathComponent("lab-2x2-article.tex").path)
    print(written.joined(separator: "\n"))
}

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    if arguments.count == 2, arguments[0] == "--docs" {
        try regenerateDocs(URL(fileURLWithPath: arguments[1]))
    } else if (1...3).contains(arguments.count), !arguments[0].hasPrefix("-"),
              let bundled = arguments.count > 1 ? BundledModel(rawValue: arguments[1]) : .cs187,
              let length = arguments.count > 2 ? Int(arguments[2]) : 2 {
        try writeDocuments(ModelOptions(model: bundled, length: length),
                           into: URL(fileURLWithPath: arguments[0]))
    } else {
        FileHandle.standardError.write(Data("""
            usage: DocsGeneratorExample FOLDER [BUNDLED_MODEL] [N]
                   DocsGeneratorExample --docs DOCS_FOLDER

            """.utf8))
        exit(64)
    }
} catch {
    FileHandle.standardError.write(Data("DocsGeneratorExample: error: \(error)\n".utf8))
    exit(1)
}
