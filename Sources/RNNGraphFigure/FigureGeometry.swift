import RNNGraphCore
import RNNGraphPaths

/// Where a renderer put a figure's nodes and edges, in points (y upwards):
/// what ``TikZPrinter`` needs to redraw the same picture.
public struct FigureGeometry: Hashable, Sendable {
    /// A laid-out node: its centre and size.
    public struct Node: Hashable, Sendable {
        /// The node's id in the ``Figure``.
        public let id: String
        /// The centre.
        public let x: Double, y: Double
        /// The drawn size.
        public let width: Double, height: Double
        /// The centre of the text written beside the node (its annotation), if it has one.
        public let labelCentre: Point?
        /// A node centred at (`x`, `y`), `width` by `height` points, its annotation centred at `labelCentre`.
        public init(id: String, x: Double, y: Double, width: Double, height: Double, labelCentre: Point? = nil) {
            self.id = id
            self.x = x
            self.y = y
            self.width = width
            self.height = height
            self.labelCentre = labelCentre
        }
    }

    /// A laid-out edge: cubic Bézier control points (1 + 3k of them), the arrow's
    /// tip, and the centre of its label if it has one.
    public struct Edge: Hashable, Sendable {
        /// Ids of the tail and head nodes.
        public let from: String, to: String
        /// The Bézier control points: a start, then three per segment.
        public let points: [Point]
        /// Where the arrowhead ends, if the edge has one.
        public let arrowTip: Point?
        /// The centre of the edge's label, if it has one.
        public let labelCentre: Point?
        /// An edge from `from` to `to` along `points`.
        public init(from: String, to: String, points: [Point], arrowTip: Point?, labelCentre: Point?) {
            self.from = from
            self.to = to
            self.points = points
            self.arrowTip = arrowTip
            self.labelCentre = labelCentre
        }
    }

    /// A point in points.
    public struct Point: Hashable, Sendable {
        /// The coordinates.
        public let x: Double, y: Double
        /// The point (`x`, `y`).
        public init(_ x: Double, _ y: Double) { self.x = x; self.y = y }
    }

    /// Nodes in the figure's order.
    public var nodes: [Node]
    /// Edges in the figure's order (invisible ones left out).
    public var edges: [Edge]

    /// A geometry of `nodes` and `edges`.
    public init(nodes: [Node], edges: [Edge]) {
        self.nodes = nodes
        self.edges = edges
    }

    /// Reads a Graphviz point list such as `e,10,20 1,2 3,4 5,6 7,8` (an edge's `pos`).
    public static func parseSpline(_ text: String) -> (points: [Point], tip: Point?) {
        var points: [Point] = []
        var tip: Point?
        for part in text.split(separator: " ") {
            let fields = part.split(separator: ",")
            if fields.first == "e", fields.count == 3, let x = Double(fields[1]), let y = Double(fields[2]) {
                tip = Point(x, y)
            } else if fields.first == "s" {
                continue
            } else if fields.count == 2, let x = Double(fields[0]), let y = Double(fields[1]) {
                points.append(Point(x, y))
            }
        }
        return (points, tip)
    }
}
