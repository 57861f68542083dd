import RNNGraphCore
import RNNGraphPaths

/// A drawing of a graph, independent of any renderer: nodes, edges and
/// Graphviz attributes in a fixed order.
///
/// ``DOTPrinter`` writes it as DOT text; the rendering module builds the same
/// figure through Graphviz's C API. Both read the same attributes, so the DOT
/// file and the picture always agree.
public struct Figure: Hashable, Sendable {
    /// A Graphviz attribute. HTML-like values (labels) are written `<…>` instead of quoted.
    public struct Attribute: Hashable, Sendable {
        /// Attribute name, such as `fillcolor`.
        public let name: String
        /// Attribute value.
        public let value: String
        /// Whether ``value`` is an HTML-like label.
        public let isHTML: Bool

        /// Creates a plain attribute.
        public init(_ name: String, _ value: String, html: Bool = false) {
            self.name = name
            self.value = value
            self.isHTML = html
        }
    }

    /// A drawn node.
    public struct Node: Hashable, Sendable {
        /// Identifier, unique within the figure (the variable's canonical name).
        public let id: String
        /// Attributes in output order (the label first).
        public var attributes: [Attribute]
        /// The label as LaTeX (math in `$…$`), for TikZ output.
        public var latex: String = ""
        /// The text written beside the node (a value or a gradient), empty when none.
        public var annotation: String = ""
        /// Parameters written inside the node under its name (a bias `+b`), in order.
        public var marks: [Mark] = []
    }

    /// A parameter written inside a node: its text as LaTeX math and its colour.
    public struct Mark: Hashable, Sendable {
        /// The text as LaTeX math, without dollars, such as `+\mathbf{b}_{f}`.
        public let latex: String
        /// The parameter's colour as xcolor reads it: its name (see ``Figure/colorNames``),
        /// or the name mixed with black (`rnnb!84!black`) where the node's fill needs a darker one.
        public let color: String
    }

    /// One entry of the legend: a swatch of a kind's fill, or a highlight's caption in its colour.
    public struct LegendEntry: Hashable, Sendable {
        /// The words shown, such as `hidden state` or `term 3`.
        public let caption: String
        /// The fill of the swatch, `#RRGGBB`, or nil for none.
        public let fill: String?
        /// The colour of the border and the words, `#RRGGBB`, or nil for black.
        public let color: String?
    }

    /// A colour with a name a LaTeX author can redefine, such as `rnnWhi` for `W_hi`'s colour.
    public struct NamedColor: Hashable, Sendable {
        /// The xcolor name (letters and digits).
        public let name: String
        /// The colour, `#RRGGBB`.
        public let hex: String
    }

    /// A drawn edge.
    public struct Edge: Hashable, Sendable {
        /// Identifier of the tail node.
        public let from: String
        /// Identifier of the head node.
        public let to: String
        /// Attributes in output order.
        public var attributes: [Attribute]
        /// The edge's label as LaTeX, empty when it has none, for TikZ output.
        public var latex: String = ""
    }

    /// Graph-wide attributes.
    public var graphAttributes: [Attribute]
    /// Defaults for every node.
    public var nodeDefaults: [Attribute]
    /// Defaults for every edge.
    public var edgeDefaults: [Attribute]
    /// Nodes in drawing order.
    public var nodes: [Node]
    /// Edges in drawing order.
    public var edges: [Edge]
    /// Names of the figure's parameter colours, for TikZ (`\\definecolor`), in parameter order.
    public var colorNames: [NamedColor] = []
    /// The legend, in reading order; empty when the figure has none. Graphviz draws it
    /// from the graph's `label`, which is made from these entries.
    public var legend: [LegendEntry] = []
}

extension Figure {
    /// A pinned position in whole points, as `FigureLayout` writes it.
    static func pos(_ x: Double, _ y: Double) -> String {
        "\(Int(x.rounded())),\(Int(y.rounded()))!"
    }
}

extension Figure.Node {
    /// The pinned position of the node, if it has one.
    public var position: (x: Double, y: Double)? {
        guard let text = attributes.last(where: { $0.name == "pos" })?.value else { return nil }
        // The form the layout writes, `x,y!` in ASCII, read without copying (a figure has hundreds).
        let bytes = text.utf8
        if bytes.last == UInt8(ascii: "!"), bytes.allSatisfy({ $0 < 0x80 }),
           let comma = bytes.firstIndex(of: UInt8(ascii: ",")),
           bytes.lastIndex(of: UInt8(ascii: ",")) == comma,
           bytes.firstIndex(of: UInt8(ascii: "!")) == bytes.index(before: bytes.endIndex),
           case let (xs, ys) = (text[..<comma], text[text.index(after: comma)..<text.index(before: text.endIndex)]),
           let x = Self.wholeNumber(xs) ?? Double(xs), let y = Self.wholeNumber(ys) ?? Double(ys) {
            return (x, y)
        }
        let parts = text.filter { $0 != "!" }.split(separator: ",").compactMap { Double($0) }
        return parts.count == 2 ? (parts[0], parts[1]) : nil
    }

    /// A coordinate in whole points, as the layout writes them, read as an integer (cheaper than
    /// `Double(_:)`); nil for any other text, and for a negative zero, which only `Double(_:)` keeps.
    private static func wholeNumber(_ text: Substring) -> Double? {
        guard let value = Int(text), abs(value) <= 1 << 53, value != 0 || text.first != "-" else { return nil }
        return Double(value)
    }
}
