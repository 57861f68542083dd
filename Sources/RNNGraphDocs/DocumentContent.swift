import RNNGraphKit

/// Everything a document template renders, as ready strings and arrays.
///
/// Templates name these fields (Mustache reads them by reflection); nothing
/// in a template computes. Text meant for prose comes as ``DocumentText``
/// (plain and LaTeX-escaped); fields named `…LaTeX`, `latex`, `term` or
/// `body` are math-mode LaTeX without surrounding `$`/`\[`.
public struct DocumentContent: Sendable {
    /// Title of the document, such as `Backpropagation through time: cs187, N = 3`.
    public var title: DocumentText
    /// The model family (`cs187`, `goodfellow`, `pytorch`).
    public var modelName: DocumentText
    /// The options the model was built with, in words.
    public var optionsSummary: DocumentText
    /// The model's defining equations, one LaTeX line each (`h_{1} = …`), in graph order.
    public var equations: [String]
    /// LaTeX of the loss (`L`).
    public var lossLaTeX: String
    /// LaTeX of the variable differentiated with respect to (`\mathbf{U}`).
    public var variableLaTeX: String
    /// Plain name of that variable (`U`).
    public var variableText: String
    /// File name of the whole graph as PDF (for LaTeX documents), next to the document.
    public var figurePDF: String
    /// File name of the whole graph as SVG (for Markdown documents), next to the document.
    public var figureSVG: String
    /// File name of the whole graph as a TikZ picture (`\input` in LaTeX documents, so that its
    /// labels are set in the document's fonts), next to the document.
    public var figureTikZ: String
    /// The derivation of the loss with respect to the variable, once per form.
    public var derivations: [DerivationDisplay]
    /// Number of paths (and of terms of the expanded sum).
    public var pathCount: Int
    /// The paths from the variable to the loss, in term order.
    public var paths: [PathRow]
    /// One slide per path: the graph with that path highlighted, beside its term.
    public var frames: [PathFrame]
    /// Worked numbers, when values were given.
    public var numbers: WorkedNumbers?

    /// Creates content from ready fields.
    public init(title: DocumentText, modelName: DocumentText, optionsSummary: DocumentText, equations: [String],
                lossLaTeX: String, variableLaTeX: String, variableText: String, figurePDF: String,
                figureSVG: String, figureTikZ: String, derivations: [DerivationDisplay], paths: [PathRow],
                frames: [PathFrame], numbers: WorkedNumbers?) {
        self.title = title
        self.modelName = modelName
        self.optionsSummary = optionsSummary
        self.equations = equations
        self.lossLaTeX = lossLaTeX
        self.variableLaTeX = variableLaTeX
        self.variableText = variableText
        self.figurePDF = figurePDF
        self.figureSVG = figureSVG
        self.figureTikZ = figureTikZ
        self.derivations = derivations
        self.pathCount = paths.count
        self.paths = paths
        self.frames = frames
        self.numbers = numbers
    }
}

/// A piece of prose, plain and escaped for LaTeX text mode.
public struct DocumentText: Sendable, Hashable {
    /// The text as given (Markdown, plain output).
    public let plain: String
    /// The text with LaTeX's special characters escaped.
    public let latex: String

    /// Text whose LaTeX spelling is given (math in `$…$` where the plain text has symbols).
    public init(plain: String, latex: String) {
        self.plain = plain
        self.latex = latex
    }

    /// Wraps plain text and derives its LaTeX spelling.
    public init(_ plain: String) {
        self.plain = plain
        self.latex = MarkupText.latex(plain)
    }
}

/// One form of the derivation, ready to display.
public struct DerivationDisplay: Sendable, Hashable {
    /// Identifier of the form: `expanded`, `compact`, `merged` or `recursive`.
    public var form: String
    /// A heading for the form, such as `Expanded: one product per path`.
    public var title: DocumentText
    /// The lines of the display as the body of an `aligned`/`align*`
    /// environment: `&` before the relation, lines separated by `\\`.
    public var body: String

    /// Creates a display.
    public init(form: String, title: DocumentText, body: String) {
        self.form = form
        self.title = title
        self.body = body
    }
}

/// One path from the variable to the loss and its term of the sum.
public struct PathRow: Sendable, Hashable {
    /// 1-based number, the same as the term's position in the expanded sum.
    public var number: Int
    /// The path in Unicode text: `U → h₁ → h₂ → o₂ → L`.
    public var text: String
    /// The path in LaTeX math: `\mathbf{U} \to h_{1} \to …`.
    public var latex: String
    /// The term: the product of local partials along the path, from the loss down.
    public var term: String

    /// Creates a row.
    public init(number: Int, text: String, latex: String, term: String) {
        self.number = number
        self.text = text
        self.latex = latex
        self.term = term
    }
}

/// One slide of the walk through the chain rule.
public struct PathFrame: Sendable, Hashable {
    /// The path's number.
    public var number: Int
    /// File name of the figure with this path highlighted (PDF), next to the document.
    public var figure: String
    /// File name of the whole graph with this path highlighted, as a TikZ picture, next to the document.
    public var figureTikZ: String
    /// The path in LaTeX math.
    public var latex: String
    /// The path's term.
    public var term: String

    /// Creates a frame.
    public init(number: Int, figure: String, figureTikZ: String, latex: String, term: String) {
        self.number = number
        self.figure = figure
        self.figureTikZ = figureTikZ
        self.latex = latex
        self.term = term
    }
}

/// Concrete numbers for a worked example.
public struct WorkedNumbers: Sendable, Hashable {
    /// Given and computed values, in graph order.
    public var values: [NumberRow]
    /// The loss's value.
    public var loss: String
    /// Gradients of the loss, one row per variable.
    public var gradients: [NumberRow]
    /// The backward pass: the adjoint of every computed variable (the δ values),
    /// from the loss down, one row each.
    public var adjoints: [NumberRow]
    /// The contributions to the gradients by lag as a pgfplots `tikzpicture` (empty when none is positive).
    public var lagPlot: String
    /// How well the three gradient computations (path sums, reverse
    /// accumulation, finite differences) agree, as one line of prose.
    public var agreement: DocumentText

    /// Creates worked numbers.
    public init(values: [NumberRow], loss: String, gradients: [NumberRow], adjoints: [NumberRow] = [],
                lagPlot: String = "", agreement: DocumentText) {
        self.values = values
        self.loss = loss
        self.gradients = gradients
        self.adjoints = adjoints
        self.lagPlot = lagPlot
        self.agreement = agreement
    }
}

/// A named number: `name` is LaTeX math (`h_{1}`), `value` its printed value.
public struct NumberRow: Sendable, Hashable {
    /// LaTeX math naming the quantity.
    public var name: String
    /// The value as printed (a number, vector or matrix in LaTeX math).
    public var value: String

    /// Creates a row.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// The field names templates may use, by scope, for the strict check.
extension DocumentContent {
    static let templateScope = TemplateScope([
        "title": .record(text), "modelName": .record(text), "optionsSummary": .record(text),
        "equations": .list(.leaf), "lossLaTeX": .leaf, "variableLaTeX": .leaf, "variableText": .leaf,
        "figurePDF": .leaf, "figureSVG": .leaf, "figureTikZ": .leaf,
        "derivations": .list(.record(["form": .leaf, "title": .record(text), "body": .leaf])),
        "pathCount": .leaf,
        "paths": .list(.record(["number": .leaf, "text": .leaf, "latex": .leaf, "term": .leaf])),
        "frames": .list(.record(["number": .leaf, "figure": .leaf, "figureTikZ": .leaf, "latex": .leaf, "term": .leaf])),
        "numbers": .record([
            "values": .list(.record(row)), "loss": .leaf, "gradients": .list(.record(row)),
            "adjoints": .list(.record(row)), "lagPlot": .leaf, "agreement": .record(text),
        ]),
    ])
    private static let text = TemplateScope(["plain": .leaf, "latex": .leaf])
    private static let row = TemplateScope(["name": .leaf, "value": .leaf])
}
