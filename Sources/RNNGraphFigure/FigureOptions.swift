import RNNGraphCore
import RNNGraphPaths

/// A set of edges drawn in one colour, with a caption for the legend.
public struct Highlight: Hashable, Sendable {
    /// The edges, as (tail, head) pairs of the full graph.
    public var edges: [Edge]
    /// Legend caption, such as `term 3`.
    public var caption: String

    /// One edge of a highlight.
    public struct Edge: Hashable, Sendable {
        public let from: NodeID
        public let to: NodeID
        public init(_ from: NodeID, _ to: NodeID) { self.from = from; self.to = to }
    }

    /// Creates a highlight.
    public init(edges: [Edge], caption: String) {
        self.edges = edges
        self.caption = caption
    }
}

/// How parameters are drawn.
public enum ParameterStyle: String, Hashable, Sendable, CaseIterable {
    /// One node per parameter, an edge to every use, in the parameter's colour.
    case nodes
    /// No parameter nodes: each edge `v → w` is labelled with the parameters that
    /// multiply `v` in `w`'s equation (Goodfellow's Fig. 10.3), an element-wise one
    /// with its `⊙`; a bias, and any parameter multiplying no drawn variable, is
    /// written inside the node that reads it (`+b_f`), so that every parameter shows.
    case labels
    /// No parameters at all.
    case hidden
    /// Every operation of every definition as a small node of its own between the
    /// variables (`×`, `+`, `tanh`, `σ`, `⊙`, …, like an autograd graph), parameters
    /// as nodes feeding their products (see `OperationsGraph`).
    case operations
}

/// What a figure shows and how.
public struct FigureOptions: Hashable, Sendable {
    /// Variables to keep (canonical or short names); empty keeps all.
    public var show: [String]
    /// Time-index style of labels; `nil` takes the model text's.
    public var timeStyle: TimeIndexStyle?
    /// Paths or edge sets to draw in colour, each with its own colour.
    public var highlights: [Highlight]
    /// Extra text under a variable's name (a value or a gradient), by variable.
    public var annotations: [NodeID: String]
    /// Draw a legend of kinds and colours.
    public var legend: Bool
    /// How parameters are drawn; `nil` draws them as edge labels, or as nodes when
    /// a path is highlighted (it may start at a parameter) or a parameter is annotated.
    public var parameters: ParameterStyle?

    /// Defaults: every variable, the model text's notation, a legend, nothing highlighted.
    public init(show: [String] = [], timeStyle: TimeIndexStyle? = nil, highlights: [Highlight] = [],
                annotations: [NodeID: String] = [:], legend: Bool = true, parameters: ParameterStyle? = nil) {
        self.parameters = parameters
        self.show = show
        self.timeStyle = timeStyle
        self.highlights = highlights
        self.annotations = annotations
        self.legend = legend
    }
}
