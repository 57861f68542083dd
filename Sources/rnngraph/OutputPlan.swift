import Foundation
import RNNGraphDocs
import RNNGraphKit

/// Every file and stream a run will write, checked together before any work
/// and before the first byte is written: each name and its folder, collisions
/// between outputs and with the run's inputs, standard output claimed at most
/// once, and no binary output to a terminal.
struct OutputPlan {
    /// One destination: the option that names it and its path (`-` for standard output).
    struct Output {
        let option: String
        let path: String
        /// PDF or PNG bytes, refused on a terminal.
        let isBinary: Bool
    }

    /// One file the run reads, which no output may replace.
    struct Input {
        let description: String
        let path: String
    }

    /// The document's template, loaded once here and used to write it.
    let documentTemplate: DocumentTemplate?
    /// Whether the numbers report (table or JSON) goes to standard output: in the numbers
    /// modes, unless another output claims it.
    let writesReport: Bool

    /// The plan of the outputs of `request`, made from `command`'s options; throws for the first problem found.
    init(_ command: RunOptions, request: Request) throws {
        var outputs: [Output] = []
        for output in command.figure.outputs {
            outputs.append(Output(option: "--\(output.format.rawValue)", path: output.path,
                                  isBinary: output.format == .pdf || output.format == .png))
        }
        if let html = command.figure.html {
            outputs.append(Output(option: "--html", path: html, isBinary: false))
        }
        if let lagPlot = command.numbers.lagPlot {
            outputs.append(Output(option: "--lag-plot", path: lagPlot, isBinary: false))
        }
        let derivation = command.derivation
        if let latexOut = derivation.latexOut {
            outputs.append(Output(option: "--latex-out", path: latexOut, isBinary: false))
        }
        if derivation.paths || derivation.count || (derivation.latex && derivation.latexOut == nil) {
            let option = derivation.paths ? "--paths" : derivation.count ? "--count" : "--latex"
            outputs.append(Output(option: option, path: "-", isBinary: false))
        }
        if let code = command.code.destination {
            outputs.append(Output(option: command.code.codeOut == nil ? "--code" : "--code-out", path: code, isBinary: false))
        }
        var inputs: [Input] = []
        if BundledModels.text(named: command.model.model) == nil, FileManager.default.fileExists(atPath: command.model.model) {
            inputs.append(Input(description: "the model file", path: command.model.model))
        }
        if let values = command.numbers.values, values != "-" {
            inputs.append(Input(description: "the values file", path: values))
        }
        if let document = command.document.document {
            outputs.append(Output(option: "--document", path: document, isBinary: false))
            let name = command.document.templateName(for: document)
            if DocumentTemplate.fileName(ofBuiltIn: name) == nil {
                inputs.append(Input(description: "the template", path: name))
            }
            if let folder = command.document.templates {
                for builtIn in DocumentTemplate.builtInNames {
                    let file = URL(fileURLWithPath: folder).appendingPathComponent(
                        DocumentTemplate.fileName(ofBuiltIn: builtIn)!).path
                    inputs.append(Input(description: "a template of --templates", path: file))
                }
            }
        }
        // The numbers table (or JSON) of --values goes to standard output unless an output claims it.
        writesReport = [.numbers, .jacobian].contains(request.mode)
            && !outputs.contains(where: { OutputFile.isStandardOutput($0.path) })
        if writesReport { outputs.append(Output(option: "--values", path: "-", isBinary: false)) }
        try Self.check(outputs, inputs)
        if let document = command.document.document {
            let template = try DocumentTemplate.named(command.document.templateName(for: document),
                                                      templatesFolder: command.document.templates)
            try Self.check(outputs, againstFiguresOf: document, template: template)
            documentTemplate = template
        } else {
            documentTemplate = nil
        }
    }

    /// Checks each output's name and what it names, standard output, and
    /// collisions, all compared by ``OutputFile/identity(of:)``: links, `..`
    /// and hard links resolved.
    private static func check(_ outputs: [Output], _ inputs: [Input]) throws {
        for output in outputs where output.path.isEmpty {
            throw RNNGraphError.output("\(output.option) names an empty path; give a file name")
        }
        for output in outputs { try OutputFile.check(output.path) }
        let toStandardOutput = outputs.filter { OutputFile.isStandardOutput($0.path) }
        if toStandardOutput.count > 1 {
            let options = toStandardOutput.map(\.option)
            let both = options.count == 2 ? "both" : "all"
            throw RNNGraphError.usage("\(options.dropLast().joined(separator: ", ")) and \(options.last!) \(both) write "
                                      + "to standard output; send all but one of them to a file")
        }
        if let binary = toStandardOutput.first(where: \.isBinary), CheckedWriter.standardOutput.isTerminal {
            throw RNNGraphError.usage("\(binary.option) \(binary.path) would write binary data to the terminal; "
                                      + "redirect standard output or give a file name")
        }
        var claimed: [String: Output] = [:]
        for output in outputs {
            let key = OutputFile.identity(of: output.path)
            if let other = claimed[key] {
                if let file = [output, other].first(where: { !OutputFile.isStandardOutput($0.path) }),
                   let standard = [output, other].first(where: { OutputFile.isStandardOutput($0.path) }) {
                    throw RNNGraphError.output("\(file.option) \(file.path) is the file standard output goes to, "
                                               + "which \(standard.option) writes; give each output its own file")
                }
                throw RNNGraphError.output("\(other.option) and \(output.option) both write \(output.path); "
                                           + "give each output its own file")
            }
            claimed[key] = output
        }
        for input in inputs {
            if let output = claimed[OutputFile.identity(of: input.path)] {
                throw RNNGraphError.output("\(output.option) \(output.path) would overwrite \(input.description) "
                                           + "\(input.path); choose another output path")
            }
        }
    }

    /// Refuses an output over a figure the document at `document` writes next to itself.
    private static func check(_ outputs: [Output], againstFiguresOf document: String,
                              template: DocumentTemplate) throws {
        let folder = URL(fileURLWithPath: document).deletingLastPathComponent()
        for output in outputs where output.option != "--document" {
            let name = URL(fileURLWithPath: output.path).lastPathComponent
            let figure = folder.appendingPathComponent(name).path
            guard OutputFile.identity(of: figure) == OutputFile.identity(of: output.path),
                  DocumentGenerator.writesFigure(named: name, template: template, document: document) else { continue }
            throw RNNGraphError.output("\(output.option) \(output.path) would overwrite the figure "
                                       + "\(name) that --document \(document) writes; choose another name")
        }
    }
}
