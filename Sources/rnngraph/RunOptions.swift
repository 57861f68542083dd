import ArgumentParser
import Foundation
import RNNGraphDocs
import RNNGraphKit
import RNNGraphRender

/// The options of `rnngraph`, which the command and each of its subcommands take.
struct RunOptions: ParsableArguments {
    @OptionGroup(title: "Model") var model: ModelArguments
    @OptionGroup(title: "Figure") var figure: FigureArguments
    @OptionGroup(title: "Chain rule") var derivation: DerivationArguments
    @OptionGroup(title: "Numbers") var numbers: ValuesArguments
    @OptionGroup(title: "Document") var document: DocumentArguments
    @OptionGroup(title: "Code") var code: CodeArguments
}

extension RunOptions {
    /// Runs what the options ask for: one request, resolved from them and checked against the
    /// option rules before any work.
    func perform() throws {
        try perform(try Request(self))
    }

    /// Runs `request`, resolved from these options.
    func perform(_ request: Request) throws {
        switch request {
        case .printModel:
            try OutputFile.write(try model.modelText(), to: "-")
        case .printRoles:
            try OutputFile.write(try model.rolesTable(), to: "-")
        case .code(let target, let destination):
            try checked(request) { _ in try code.write(target, to: destination, model: model) }
        case .explorer(let page, let values, let names):
            try checked(request) { _ in try writeExplorer(to: page, values: values, names: names) }
        case .document(let file, let values, let figures):
            try checked(request) { plan in
                try document.write(file, template: plan.documentTemplate, model: model, figure: figure, figures: figures,
                                   values: values, numbers: numbers)
            }
        case .workedSolution(let values, let destination, let names):
            try checked(request) { _ in
                try derivation.writeWorkedSolution(values: values, to: destination, names: names, model: model,
                                                   figure: figure, numbers: numbers)
            }
        case .jacobian(let values, let names):
            try checked(request) { _ in try numbers.writeJacobian(values, names: names, model: model) }
        case .numbers(let values, let names, let figures, let lagPlot):
            try checked(request) { plan in
                try numbers.writeReport(values, of: names, figures: figures, lagPlot: lagPlot,
                                        toStandardOutput: plan.writesReport, model: model, figure: figure,
                                        truncate: derivation.truncate)
            }
        case .draw(let figures, let view, let text, let names):
            try checked(request) { _ in try draw(figures, view: view, text: text, names: names) }
        }
    }

    /// Checks the model's warnings (--strict refuses them) and every output of `request` before
    /// any work, runs `body`, and shows the warnings once it has succeeded.
    private func checked(_ request: Request, _ body: (OutputPlan) throws -> Void) throws {
        let warnings = try model.warnings()
        // Every output is checked before any work and before the first byte is written.
        let plan = try OutputPlan(self, request: request)
        try body(plan)
        for warning in warnings { try? CheckedWriter.standardError.write("rnngraph: \(EchoedText.sanitize(warning))\n") }
    }

    /// Writes `figures` of the graph (or of one step, as a cell) and the chain rule's `text`.
    private func draw(_ figures: [FigureOutput], view: Request.FigureView, text: Request.DerivationText?,
                      names: NamedQuantities) throws {
        let options = try model.options()
        // Refuse a figure too large to lay out or write before unrolling the model.
        // A short sequence is unrolled first, and counted and drawn from the one graph.
        let unrolled = figures.isEmpty ? nil : try figure.unrolledForCounting(options)
        if !figures.isEmpty {
            let nodes = try unrolled.map { try figure.estimatedNodes(options, variables: $0.graph.count) }
                ?? figure.estimatedNodes(options)
            for output in figures { try GraphvizRenderer.checkSize(nodes: nodes, format: output.format) }
        }
        let derivation = text != nil || self.derivation.highlight != nil
            ? self.derivation.naming(try names.resolved(for: options)) : self.derivation
        if let text { try derivation.check(options, text: text) }
        // Figures are rendered in memory first: a bad --show or --highlight fails before any text is written.
        var rendered: [(data: Data, path: String)] = []
        if !figures.isEmpty {
            let built = try unrolled ?? Model(options)
            let drawing = view == .cell
                ? try Figure(cellOf: built, timeStyle: figure.timeStyle, legend: !figure.noLegend)
                : try Figure(built, options: FigureOptions(
                    show: figure.shownNames, timeStyle: figure.timeStyle, highlights: derivation.highlights(built),
                    legend: !figure.noLegend, parameters: figure.parameters))
            for output in figures {
                rendered.append((try GraphvizRenderer.render(drawing, format: output.format,
                                                       tikzWidth: figure.tikzWidth ?? TikZPrinter.defaultWidth), output.path))
            }
        }
        // Every output is committed together: all or none.
        let transaction = OutputTransaction()
        var note: String?
        if let text { note = try derivation.run(options, text: text, timeStyle: figure.timeStyle, in: transaction) }
        for file in rendered { try transaction.write(file.data, to: file.path) }
        try transaction.commit()
        if let note { RNNGraphCommand.report(note, as: "note") }
    }

    /// Writes the explorer page of the model and the derivation to `path`.
    /// With a values file, the numbers are shown at the values' length.
    private func writeExplorer(to path: String, values: String?, names: NamedQuantities) throws {
        let loaded = try values.map { try numbers.load($0, model: model) }
        let options = try loaded?.0.options ?? model.options()
        try GraphvizRenderer.checkSize(nodes: try figure.estimatedNodes(options), format: .svg)
        let resolved = try names.resolved(for: options)
        let content = try ExplorerContent(options: options, of: resolved.of, wrt: resolved.wrt,
                                          modelText: try model.modelText(), timeStyle: figure.timeStyle ?? .subscript_,
                                          values: loaded?.1)
        let transaction = OutputTransaction()
        try transaction.write(Data(try ExplorerPage.html(content).utf8), to: path)
        try transaction.commit()
    }
}
