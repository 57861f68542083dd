/// The rolled graph of a model: one node per time-indexed family of variables
/// (`h` for `h_0 … h_N`), one edge per family of edges with the time offset
/// between its ends (`h → h` with offset 1 is the recurrence `h_{t-1} → h_t`),
/// and for each edge the range of times at which it exists, affine in `N`.
///
/// It is recovered from the unrolled graph itself: the model is unrolled at
/// two lengths, the variables are grouped by symbol, and each range bound is
/// read as a constant (same at both lengths) or as `N + c` (one larger).
/// Nothing in it knows what a recurrent network is.
public struct RolledGraph: Sendable {
    /// A family of variables.
    public struct Node: Hashable, Sendable {
        /// The shared symbol.
        public let symbol: Symbol
        /// Whether the family has a time index.
        public let isTimed: Bool
        /// Whether the family is a per-step copy of a parameter.
        public let isCopy: Bool
        var key: String { "\(symbol.ascii)|\(isTimed)|\(isCopy)" }
    }

    /// A family of edges.
    public struct Edge: Hashable, Sendable {
        /// Position of the tail in ``RolledGraph/nodes``.
        public let from: Int
        /// Position of the head in ``RolledGraph/nodes``.
        public let to: Int
        /// Head time minus tail time when both are timed.
        public let offset: Int?
        /// First and last anchor time (the head's time when timed, else the tail's), when timed.
        public let range: (lower: IndexExpression, upper: IndexExpression)?
        /// One instance in the representative graph (tail, head).
        let representative: (from: NodeID, to: NodeID)

        /// Edges are equal when they join the same families with the same offset.
        public static func == (a: Edge, b: Edge) -> Bool {
            a.from == b.from && a.to == b.to && a.offset == b.offset
        }
        /// Hashes the families and the offset.
        public func hash(into hasher: inout Hasher) {
            hasher.combine(from)
            hasher.combine(to)
            hasher.combine(offset)
        }
    }

    /// The node families, in order of first appearance.
    public let nodes: [Node]
    /// The edge families, in order of first appearance (by head, then argument order).
    public let edges: [Edge]
    /// The unrolled graph that supplies representative edges.
    public let representative: ComputationGraph
    /// The length at which ``representative`` was unrolled.
    public let representativeLength: Int

    /// The two lengths the model is unrolled at to read its ranges.
    static let lengths = (6, 7)

    /// Rolls up the model described by `options` (its length is ignored).
    /// - Throws: ``RNNGraphError/usage(_:)`` when the unrolled graphs are not
    ///   repetitions of one step.
    public init(options: ModelOptions) throws {
        var small = options
        small.length = Self.lengths.0
        var large = options
        large.length = Self.lengths.1
        let a = try Model(small).graph
        let b = try Model(large).graph
        let families = Self.families(a)
        let familiesB = Self.families(b)
        guard families.nodes.map(\.key) == familiesB.nodes.map(\.key),
              families.edges.map(\.key) == familiesB.edges.map(\.key) else {
            throw RNNGraphError.usage("the model's steps are not repetitions of one step, so it has no rolled form")
        }
        var edges: [Edge] = []
        for (edge, other) in zip(families.edges, familiesB.edges) {
            var range: (IndexExpression, IndexExpression)?
            if let lowA = edge.times.first, let highA = edge.times.last,
               let lowB = other.times.first, let highB = other.times.last {
                guard edge.times == Array(lowA...highA), other.times == Array(lowB...highB),
                      let lower = Self.fit(lowA, lowB, Self.lengths.0),
                      let upper = Self.fit(highA, highB, Self.lengths.0) else {
                    throw RNNGraphError.usage("the model's steps are not repetitions of one step, so it has no rolled form")
                }
                range = (lower, upper)
            }
            let middle = edge.instances[edge.instances.count / 2]
            edges.append(Edge(from: edge.from, to: edge.to, offset: edge.offset, range: range, representative: middle))
        }
        self.nodes = families.nodes
        self.edges = edges
        self.representative = a
        self.representativeLength = Self.lengths.0
    }

    /// `c` if the value is the same at both lengths, `N + c` if it grows with the length.
    private static func fit(_ a: Int, _ b: Int, _ length: Int) -> IndexExpression? {
        if a == b { return .constant(a) }
        if b == a + 1 { return .length(a - length) }
        return nil
    }

    private struct EdgeFamily {
        let from: Int
        let to: Int
        let offset: Int?
        var times: [Int]
        var instances: [(from: NodeID, to: NodeID)]
        var key: String { "\(from)>\(to)@\(offset.map(String.init) ?? "-")" }
    }

    private static func node(_ v: Variable) -> Node {
        Node(symbol: v.symbol, isTimed: v.time != nil, isCopy: v.kind == .parameterCopy)
    }

    private static func families(_ graph: ComputationGraph) -> (nodes: [Node], edges: [EdgeFamily]) {
        var nodes: [Node] = []
        var nodePosition: [String: Int] = [:]
        var familyOf: [Int] = []
        for v in graph.variables {
            let n = node(v)
            if let k = nodePosition[n.key] {
                familyOf.append(k)
            } else {
                nodePosition[n.key] = nodes.count
                familyOf.append(nodes.count)
                nodes.append(n)
            }
        }
        var edges: [EdgeFamily] = []
        var edgePosition: [String: Int] = [:]
        for (from, to) in graph.edges {
            let tail = graph[from], head = graph[to]
            var offset: Int?
            if let t1 = tail.time, let t2 = head.time { offset = t2 - t1 }
            let anchor = head.time ?? tail.time
            let family = EdgeFamily(from: familyOf[from.index], to: familyOf[to.index], offset: offset,
                                    times: [], instances: [])
            let k: Int
            if let existing = edgePosition[family.key] {
                k = existing
            } else {
                k = edges.count
                edgePosition[family.key] = k
                edges.append(family)
            }
            if let anchor { edges[k].times.append(anchor) }
            edges[k].instances.append((from, to))
        }
        for k in edges.indices { edges[k].times.sort() }
        return (nodes, edges)
    }

    /// Position of the family `variable` belongs to.
    public func family(of variable: Variable) -> Int? {
        let key = Self.node(variable).key
        return nodes.firstIndex { $0.key == key }
    }

    /// Edge families entering node `k`, in order.
    func incoming(_ k: Int) -> [Int] { edges.indices.filter { edges[$0].to == k } }
}
