import ArgumentParser
import RNNGraphDocs
import RNNGraphKit
import RNNGraphRender

/// Options that ask for a complete document rendered through a template.
struct DocumentArguments: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Write a document (and the figures it references, next to it); with --values it shows the worked numbers.",
        valueName: "file"), completion: .file(extensions: ["tex", "md"]))
    var document: String?

    @Option(help: ArgumentHelp(
        "Template: article, slides, section or the path of a template file "
        + "(default: section for a .md document, article otherwise).", valueName: "name|path"),
        completion: NameOrFileCompletion.kind(names: ["article", "slides", "section"], extensions: ["tex", "md"]))
    var template: String?

    @Option(help: ArgumentHelp(
        "Folder of your own article.tex, section.md and slides.tex, used instead of the shipped ones.",
        valueName: "dir"), completion: .directory)
    var templates: String?

    /// The template named by --template, or the default for `document`:
    /// section for a `.md` document, article otherwise.
    func templateName(for document: String) -> String {
        template ?? (document.hasSuffix(".md") ? "section" : "article")
    }

    /// Writes the requested document, then any figure outputs of the same model;
    /// returns whether a document was requested. With --values the model's N
    /// follows from the values file when --length is absent, and the document
    /// carries the worked numbers instead of the numbers table being printed.
    /// - Throws: ``RNNGraphError/failure(_:)`` after writing, when the gradients disagree.
    /// `template` is the one ``OutputPlan`` loaded and checked the outputs against.
    func write(model: ModelArguments, figure: FigureArguments, values: ValuesArguments,
               template chosen: DocumentTemplate?) throws -> Bool {
        guard let document, let chosen else {
            if template != nil || templates != nil {
                throw RNNGraphError.usage("--template and --templates need --document FILE")
            }
            return false
        }
        let stray = [(values.json, "--json"), (values.annotate != nil, "--annotate")]
            .first { $0.0 }
        if let stray {
            throw RNNGraphError.usage("\(stray.1) does not apply to --document: the document shows the loss's "
                                      + "gradients in a table of its own")
        }
        if values.values == nil, values.tolerance != nil {
            throw RNNGraphError.usage("--tolerance needs --values FILE")
        }
        try values.checkTolerance()

        // Refuse an oversized document before unrolling the model (and before reading any values).
        if values.values == nil { try DocumentGenerator.checkSize(try model.options()) }
        let built: Model
        let report: NumericReport?
        if let path = values.values {
            let evaluated = try values.evaluate(path, model: model, of: nil)
            (built, report) = (evaluated.0, evaluated.1)
        } else {
            (built, report) = (try Model(model.options()), nil)
        }
        let timeStyle = figure.timeStyle ?? built.options.defaultTimeStyle
        let numbers = report.map { WorkedNumbers($0, timeStyle: timeStyle) }
        let generator = try DocumentGenerator(model: built, timeStyle: timeStyle, numbers: numbers)
        // The figures first, in memory: a bad --show fails before the document is written.
        let drawing = try Figure(built, options: FigureOptions(
            show: figure.shownNames, timeStyle: figure.timeStyle, legend: !figure.noLegend, parameters: figure.parameters))
        let rendered = try figure.outputs.map { output in
            (data: try GraphvizRenderer.render(drawing, format: output.format), path: output.path)
        }
        // The document, its figures and the figure outputs are committed together: all or none.
        let transaction = OutputTransaction()
        try generator.write(chosen, to: document, in: transaction)
        for file in rendered { try transaction.write(file.data, to: file.path) }
        try transaction.commit()
        if let report { try ValuesArguments.requireAgreement(report) }
        return true
    }
}
