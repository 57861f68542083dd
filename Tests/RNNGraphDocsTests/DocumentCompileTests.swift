import Foundation
import RNNGraphDocs
import RNNGraphKit
import Testing

/// The generated LaTeX documents compile with the real pdflatex, and the
/// slides have one page per path plus the title.
@Suite struct DocumentCompileTests {
    static let cases: [(BundledModel, Int)] = labModels.flatMap { preset in (1...3).map { (preset, $0) } }

    @Test(arguments: cases)
    func articleAndSlidesCompile(preset: BundledModel, length: Int) throws {
        let model = try Model(ModelOptions(model: preset, length: length))
        for withValues in [false, true] {
            let folder = try Support.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let numbers = withValues ? try Support.numbers(for: model) : nil
            let generator = try DocumentGenerator(model: model, numbers: numbers)
            let article = folder.appendingPathComponent("article.tex")
            let slides = folder.appendingPathComponent("slides.tex")
            try generator.write(DocumentTemplate.named("article"), to: article.path)
            try generator.write(DocumentTemplate.named("slides"), to: slides.path)

            let paths = try generator.content(figureStem: "x").pathCount
            #expect(paths == Int(PathCounter.count(model.graph, from: generator.variable, to: generator.loss)))
            #expect(try Support.compile(article) >= 1)
            #expect(try Support.compile(slides) == paths + 3,
                    "slides: the title, the whole graph, one frame per path and the whole sum")
            let text = try String(contentsOf: article, encoding: .utf8)
            #expect(text.contains("Worked numbers") == withValues)
            if let numbers {
                #expect(text.contains("$\(numbers.loss)$"), "the article shows the loss \(numbers.loss)")
                #expect(text.contains("the three computations agree"))
            }
        }
    }

    static let variants: [ModelOptions] = [
        ModelOptions(model: .goodfellow, length: 3, detail: true, outputLoss: .squared, reduction: .mean,
                     startsAtZero: true, parameterCopies: true),
        ModelOptions(model: .pytorch, length: 2, detail: true, lossPlacement: .last, biases: false,
                     parameterCopies: true),
        ModelOptions(model: .cs187, length: 3, activation: .sigmoid, detail: true, lossPlacement: .last),
    ]

    @Test(arguments: variants, [TimeIndexStyle.subscript_, .bracketed])
    func optionVariantsCompile(options: ModelOptions, timeStyle: TimeIndexStyle) throws {
        let folder = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let generator = try DocumentGenerator(model: Model(options), timeStyle: timeStyle)
        for name in ["article", "slides"] {
            let file = folder.appendingPathComponent("\(name).tex")
            try generator.write(DocumentTemplate.named(name), to: file.path)
            let pages = try Support.compile(file)
            if name == "slides" { #expect(try pages == generator.content(figureStem: "v").pathCount + 3) }
        }
    }

    /// The slides' title is set with its math: `N = 3` stays on one line, however the title
    /// wraps; the article's figure uses edge labels for parameters (every bias in its node).
    @Test(arguments: [BundledModel.cs187, .goodfellow, .pytorch])
    func slideTitleKeepsNEqualsThreeTogether(preset: BundledModel) throws {
        let folder = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let generator = try DocumentGenerator(model: Model(ModelOptions(model: preset, length: 3)))
        let slides = folder.appendingPathComponent("slides.tex")
        try generator.write(DocumentTemplate.named("slides"), to: slides.path)
        #expect(try String(contentsOf: slides, encoding: .utf8).contains("\\mbox{$N = 3$}"))
        _ = try Support.compile(slides)
        let title = try Support.run(Support.tool("pdftotext"), ["-f", "1", "-l", "1",
                                                                 folder.appendingPathComponent("slides.pdf").path, "-"])
        let lines = title.output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.contains { $0.replacingOccurrences(of: " ", with: "").contains("N=3") }, "\(lines)")
        #expect(!lines.contains { $0.hasSuffix("N") || $0.hasSuffix("=") || $0.hasPrefix("=") }, "\(lines)")

        let article = folder.appendingPathComponent("article.tex")
        try generator.write(DocumentTemplate.named("article"), to: article.path)
        let figure = try String(contentsOf: folder.appendingPathComponent("article-graph.tikz"), encoding: .utf8)
        #expect(!figure.contains("rnn param,"), "no parameter nodes in the labels style")
        #expect(figure.contains("\\node[rnn edge label]"))
    }
}
