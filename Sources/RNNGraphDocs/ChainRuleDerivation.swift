import RNNGraphKit

/// The derivation from the symbolic calculus of `RNNGraphKit`: `Derivation`
/// printed by `LaTeXPrinter` and `EquationPrinter`, the same math that
/// `rnngraph --latex` prints.
///
/// - equations: one per family of the rolled graph, with time written `t`
///   (`EquationPrinter.stepEquations(_:)`); for a model with no rolled graph,
///   one per defined variable of the unrolled graph;
/// - `expanded`: one product per path, each term numbered like the paths;
/// - `compact`: the lab's shape Σ + Σ(Σ(Π)), valid for every N;
/// - `merged`: the compact form as one double sum;
/// - `recursive`: backpropagation through time with `δ`.
///
/// A form the calculus cannot give for the model (a recurrence with no single
/// compact shape, paths through more than one recurrence) is left out; the
/// expanded form is always there.
public struct ChainRuleDerivation: DerivationSource {
    /// Estimated width, in em, of one line of a display before it is broken.
    public let lineWidth: Double

    /// The symbolic source; displays break their lines at `lineWidth` em
    /// (30 fits the article's and the Markdown section's text width).
    public init(lineWidth: Double = 30) { self.lineWidth = lineWidth }

    /// The model's equations, one per family with time written `t`.
    public func equations(for request: DerivationRequest) throws -> [String] {
        let printer = EquationPrinter(settings: settings(request))
        if let steps = try? printer.stepEquations(request.model), !steps.isEmpty { return steps }
        let graph = request.model.graph
        return graph.variables.compactMap { printer.equation(for: $0, in: graph) }
    }

    /// The expanded, compact (split and merged) and recursive forms, in that order.
    public func displays(for request: DerivationRequest) throws -> [DerivationDisplay] {
        let d = try derivation(request)
        let printer = LaTeXPrinter(settings: settings(request))
        var result: [DerivationDisplay] = []
        func add(_ form: String, _ title: String, required: Bool = false,
                 _ write: (inout String) throws -> Void) throws {
            var out = ""
            do {
                try write(&out)
            } catch is RNNGraphError where !required {
                return  // the calculus has no such form for this model
            }
            result.append(DerivationDisplay(form: form, title: DocumentText(title), body: Self.body(out)))
        }
        try add("expanded", "Expanded: one product per path", required: true) {
            try printer.writeExpanded(d, limit: DocumentGenerator.maximumPaths, to: &$0)
        }
        try add("compact", "Compact: valid for every N") { try printer.writeCompact(d, shape: .split, to: &$0) }
        try add("merged", "Compact, merged: one double sum") { try printer.writeCompact(d, shape: .merged, to: &$0) }
        try add("recursive", "Recursive: backpropagation through time") { try printer.writeRecursive(d, to: &$0) }
        return result
    }

    /// The product of the local partials along `path`, from the loss down to the variable.
    public func term(along path: [NodeID], for request: DerivationRequest) throws -> String {
        let d = try derivation(request)
        let factors = stride(from: path.count - 1, to: 0, by: -1).map { k in d.localPartial(path[k], path[k - 1]) }
        return LaTeXPrinter(settings: settings(request)).latex(Formula.multiply(factors))
    }

    private func settings(_ request: DerivationRequest) -> LaTeXSettings {
        LaTeXSettings(timeStyle: request.timeStyle, lineWidth: lineWidth)
    }

    private func derivation(_ request: DerivationRequest) throws -> Derivation {
        let graph = request.model.graph
        let d = try Derivation(model: request.model, of: graph[request.loss].name, wrt: graph[request.variable].name,
                               local: .symbolic)
        guard d.of.id == request.loss, d.wrt.id == request.variable else {
            throw RNNGraphError.usage("the names of \(graph[request.loss].name) and \(graph[request.variable].name) "
                                      + "do not identify them in the graph")
        }
        return d
    }

    /// The lines of an `align*` display the printer wrote, without the environment.
    static func body(_ display: String) -> String {
        var text = Substring(display)
        let begin = "\\begin{align*}\n", end = "\\end{align*}\n"
        if text.hasPrefix(begin) { text = text.dropFirst(begin.count) }
        if text.hasSuffix(end) { text = text.dropLast(end.count) }
        while text.last == "\n" { text = text.dropLast() }
        return String(text)
    }
}
