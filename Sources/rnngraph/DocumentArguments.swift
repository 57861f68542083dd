import ArgumentParser
import RNNGraphDocs
import RNNGraphKit

/// Options that ask for a complete document rendered through a template.
struct DocumentArguments: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Write a document (and the figures it references, next to it).", valueName: "file"))
    var document: String?

    @Option(help: ArgumentHelp(
        "Template: article, slides, section or the path of a template file "
        + "(default: section for a .md document, article otherwise).", valueName: "name|path"))
    var template: String?

    @Option(help: ArgumentHelp(
        "Folder of your own article.tex, section.md and slides.tex, used instead of the shipped ones.",
        valueName: "dir"))
    var templates: String?

    /// Writes the requested document; returns whether one was requested.
    func write(_ options: ModelOptions, timeStyle: TimeIndexStyle?) throws -> Bool {
        guard let document else {
            if template != nil || templates != nil {
                throw RNNGraphError.usage("--template and --templates need --document FILE")
            }
            return false
        }
        try OutputFile.check(document)
        let name = template ?? (document.hasSuffix(".md") ? "section" : "article")
        let chosen = try DocumentTemplate.named(name, templatesFolder: templates)
        let generator = try DocumentGenerator(model: Model(options), timeStyle: timeStyle)
        try generator.write(chosen, to: document)
        return true
    }
}
