import ArgumentParser

extension RNNGraphCommand {
    /// Cross-option rules, checked by the argument parser before any work: an
    /// option that the requested run would silently ignore is an error.
    func validate() throws {
        if let show = figure.show, figure.shownNames.isEmpty {
            throw ValidationError("--show '\(show)' names no variable; list names such as U,h1,o1,L or leave --show out")
        }
        if let width = figure.tikzWidth {
            guard figure.tikz != nil else {
                throw ValidationError("--tikz-width scales the TikZ picture: add --tikz FILE or leave --tikz-width out")
            }
            guard !width.isEmpty, !width.contains(where: { "{}%#\n\r".contains($0) }) else {
                throw ValidationError("--tikz-width '\(width)' is not a TeX dimension; give one such as 0.8\\linewidth or 12cm")
            }
        }
        if document.document != nil {
            let d = derivation
            let ignored = [(d.latex, "--latex"), (d.paths, "--paths"), (d.count, "--count"),
                           (d.latexOut != nil, "--latex-out"), (d.highlight != nil, "--highlight"),
                           (d.wrt != nil, "--wrt"), (d.form != .expanded, "--form"), (d.local != .symbolic, "--local"),
                           (d.arguments, "--arguments"), (d.standalone, "--standalone"), (d.of != nil, "--of"),
                           (d.truncate != nil, "--truncate"), (numbers.lags, "--lags"), (numbers.lagPlot != nil, "--lag-plot")]
            if let option = ignored.first(where: \.0)?.1 {
                throw ValidationError("\(option) does not apply to --document: the document derives ∂L/∂ of the "
                                      + "model's first parameter in every form; leave \(option) out")
            }
        }
        if figure.html != nil {
            let d = derivation
            let ignored = [(!figure.outputs.isEmpty, "a figure output"), (d.latex, "--latex"), (d.paths, "--paths"),
                           (d.count, "--count"), (d.latexOut != nil, "--latex-out"), (d.highlight != nil, "--highlight"),
                           (d.form != .expanded, "--form"), (d.local != .symbolic, "--local"),
                           (d.truncate != nil, "--truncate"), (figure.show != nil, "--show"), (figure.cell, "--cell"),
                           (figure.parameters != nil, "--parameters"), (numbers.json, "--json"),
                           (numbers.annotate != nil, "--annotate"), (numbers.lags, "--lags"),
                           (numbers.lagPlot != nil, "--lag-plot"), (document.document != nil, "--document")]
            if let option = ignored.first(where: \.0)?.1 {
                throw ValidationError("\(option) does not apply to --html: the page holds the figure with parameters "
                                      + "as nodes and every form, symbolic and closed; leave \(option) out")
            }
        }
        if figure.cell {
            let ignored = [(model.length != nil, "--length"), (figure.show != nil, "--show"),
                           (derivation.highlight != nil, "--highlight"), (figure.parameters != nil, "--parameters"),
                           (numbers.values != nil, "--values"), (document.document != nil, "--document")]
            if let option = ignored.first(where: \.0)?.1 {
                throw ValidationError("\(option) does not apply to --cell: the cell view draws every operation of one "
                                      + "step with its parameters, whatever the length; leave \(option) out")
            }
            if figure.outputs.isEmpty {
                throw ValidationError("--cell draws a figure: add an output such as --svg cell.svg or --pdf cell.pdf")
            }
        }
        if numbers.values != nil, !derivation.latex, derivation.latexOut == nil, derivation.wrt != nil,
           numbers.annotate != nil || !figure.outputs.isEmpty {
            throw ValidationError("--wrt with --values prints one Jacobian, not a figure: leave --wrt out to "
                                  + "annotate the figure with every gradient")
        }
    }
}
