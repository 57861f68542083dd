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

    /// Writes the document `document` through `template` (the one ``OutputPlan`` loaded and
    /// checked the outputs against), then `figures` of the same model. With the values file
    /// `values` the model's N follows from it when --length is absent, and the document carries
    /// the worked numbers.
    /// - Throws: ``RNNGraphError/failure(_:)`` after writing, when the gradients disagree.
    func write(_ document: String, template chosen: DocumentTemplate?, model: ModelArguments, figure: FigureArguments,
               figures: [FigureOutput], values path: String?, numbers values: ValuesArguments) throws {
        guard let chosen else { preconditionFailure("the output plan loads the template of every --document") }
        // Refuse an oversized document before unrolling the model (and before reading any values).
        if path == nil { try DocumentGenerator.checkSize(try model.options()) }
        let built: Model
        let report: NumericReport?
        if let path {
            let evaluated = try values.evaluate(path, model: model, of: NamedQuantities())
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
        let rendered = try figures.map { output in
            (data: try GraphvizRenderer.render(drawing, format: output.format), path: output.path)
        }
        // The document, its figures and the figure outputs are committed together: all or none.
        let transaction = OutputTransaction()
        try generator.write(chosen, to: document, in: transaction)
        for file in rendered { try transaction.write(file.data, to: file.path) }
        try transaction.commit()
        if let report { try ValuesArguments.requireAgreement(report) }
    }
}
