import RNNGraphCore

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
        package let representative: (from: NodeID, to: NodeID)
        /// Every instance in the representative graph (tail, head), in time order.
        package let instances: [(from: NodeID, to: NodeID)]
        /// Every instance in ``RolledGraph/longer`` (tail, head), in time order.
        package let longerInstances: [(from: NodeID, to: NodeID)]

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
    /// For each node family, its first and last time, when timed (`h`: 0 and `N`).
    public let times: [(lower: IndexExpression, upper: IndexExpression)?]
    /// The edge families, in order of first appearance (by head, then argument order).
    public let edges: [Edge]
    /// The unrolled graph that supplies representative edges.
    public let representative: ComputationGraph
    /// The length at which ``representative`` was unrolled.
    public let representativeLength: Int
    /// The same model unrolled one step longer: what changes between the two is what grows with N.
    package let longer: ComputationGraph

    /// The two lengths the model is unrolled at to read its ranges.
    static let lengths = (6, 7)

    /// Rolls up the model described by `options` (its length is ignored).
    /// - Throws: `RNNGraphError/usage(_:)` when the unrolled graphs are not
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
        let rolledError = RNNGraphError.usage("the model's steps are not repetitions of one step, so it has no rolled form")
        self.times = try zip(families.times, familiesB.times).map { a, b in
            guard let lowA = a.first, let highA = a.last, let lowB = b.first, let highB = b.last else { return nil }
            guard a == Array(lowA...highA), b == Array(lowB...highB),
                  let lower = Self.fit(lowA, lowB, Self.lengths.0),
                  let upper = Self.fit(highA, highB, Self.lengths.0) else { throw rolledError }
            return (lower, upper)
        }
        var edges: [Edge] = []
        for (edge, other) in zip(families.edges, familiesB.edges) {
            var range: (IndexExpression, IndexExpression)?
            if let lowA = edge.times.first, let highA = edge.times.last,
               let lowB = other.times.first, let highB = other.times.last {
                guard edge.times == Array(lowA...highA), other.times == Array(lowB...highB),
                      let lower = Self.fit(lowA, lowB, Self.lengths.0),
                      let upper = Self.fit(highA, highB, Self.lengths.0) else { throw rolledError }
                range = (lower, upper)
            }
            let middle = edge.instances[edge.instances.count / 2]
            edges.append(Edge(from: edge.from, to: edge.to, offset: edge.offset, range: range, representative: middle,
                              instances: edge.instances, longerInstances: other.instances))
        }
        self.nodes = families.nodes
        self.edges = edges
        self.representative = a
        self.representativeLength = Self.lengths.0
        self.longer = b
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

    private static func families(_ graph: ComputationGraph) -> (nodes: [Node], times: [[Int]], edges: [EdgeFamily]) {
        var nodes: [Node] = []
        var times: [[Int]] = []
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
                times.append([])
            }
            if let t = v.time { times[familyOf[familyOf.count - 1]].append(t) }
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
        return (nodes, times.map { $0.sorted() }, edges)
    }

    /// Position of the family `variable` belongs to.
    public func family(of variable: Variable) -> Int? { family(of: IndexedVariable(variable)) }

    /// Position of the family of formula variable `variable`.
    public func family(of variable: IndexedVariable) -> Int? {
        nodes.firstIndex { $0.symbol.ascii == variable.symbol.ascii && $0.isTimed == (variable.time != nil)
            && $0.isCopy == variable.isCopy }
    }

    /// The times family `k` has at sequence length `length`; `nil` when it is untimed or has none at that length.
    public func timeRange(of k: Int, length: Int) -> ClosedRange<Int>? {
        guard let range = times[k], let lower = range.lower.value(length: length),
              let upper = range.upper.value(length: length), lower <= upper else { return nil }
        return lower...upper
    }

    /// The variable `name` (`h_3`, `h3`, `h_{3}`, `h_{-1}` or `U`) denotes at sequence length `length`, if the model has it.
    /// A step after the last (`g_4` at N = 3, a backward state's initial value) is named from N
    /// (`g_{N+1}`), so that the forms valid for every N name it so; `g_N` and `g_{N+1}` are read too.
    public func variable(named written: String, length: Int) -> IndexedVariable? {
        let name = Symbol.unbraced(written)
        func find(_ base: Substring, _ time: Int?) -> IndexedVariable? {
            for (k, node) in nodes.enumerated() where node.symbol.ascii == base && node.isTimed == (time != nil) {
                if let time, timeRange(of: k, length: length)?.contains(time) != true { continue }
                return IndexedVariable(symbol: node.symbol, time: time.map { .constant($0) }, isCopy: node.isCopy)
                    .countedFromEnd(length: length)
            }
            return nil
        }
        if let v = find(name[...], nil) { return v }
        // `g_N`, `g_{N+1}`, `h_{N-1}`: a step counted from the last.
        if let end = name.range(of: "_N", options: .backwards) {
            let offset = name[end.upperBound...]
            if offset.isEmpty { return find(name[..<end.lowerBound], length) }
            if let k = Int(offset), offset.first == "+" || offset.first == "-" {
                return find(name[..<end.lowerBound], length + k)
            }
        }
        // `h_3` or `h3`: a base, an optional underscore, then the time without leading zeros.
        let digits = String(name.reversed().prefix { $0.isNumber }.reversed())
        guard !digits.isEmpty, digits.count < name.count, let time = Int(digits), String(time) == digits else {
            return nil
        }
        let base = name.dropLast(digits.count)
        // `h_-1`: an initial state before step 0.
        if base.hasSuffix("_-") { return find(base.dropLast(2), -time) }
        return find(base.hasSuffix("_") ? base.dropLast() : base, time)
    }

    /// The loss, when the model has one and it is shared by all steps.
    public var loss: IndexedVariable? {
        representative.loss.flatMap { $0.time == nil ? IndexedVariable($0) : nil }
    }

    /// The number of variables of the model unrolled at `length`.
    public func variableCount(length: Int) -> Int {
        nodes.indices.reduce(0) { total, k in
            total + (nodes[k].isTimed ? timeRange(of: k, length: length)?.count ?? 0 : 1)
        }
    }

    /// The valid names at sequence length `length`, as `ComputationGraph/nameSummary` writes them.
    public func nameSummary(length: Int) -> String {
        var summary = NameSummary()
        for (k, node) in nodes.enumerated() {
            let range = timeRange(of: k, length: length)
            if node.isTimed && range == nil { continue }
            summary.add(node.symbol.ascii, key: node.key, times: range)
        }
        return summary.text
    }

    /// Edge families entering node `k`, in order.
    package func incoming(_ k: Int) -> [Int] { edges.indices.filter { edges[$0].to == k } }
}
