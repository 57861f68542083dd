import RNNGraphCore

/// All paths from one variable to another, produced one at a time in a fixed order.
///
/// Order: paths are grouped by the last edge into the target; within a group,
/// recursively in the same way at each node. At every node the edges are
/// taken nearest-source first — by the fewest edges from the source to the
/// tail, then in the node's argument order — so a direct edge (`U → h_2`)
/// comes before a longer way round (`U → h_1 → h_2`) however the equation
/// orders its terms (`U x_t + V h_{t-1}` or `W h_{t-1} + U x_t`), and for
/// `L = Σ_t …` the groups follow the step where the path reaches the loss.
/// Nothing is materialized: memory is proportional to the longest path.
public struct PathEnumerator: Sequence, Sendable {
    /// The graph searched.
    public let graph: ComputationGraph
    /// First variable of every path.
    public let source: NodeID
    /// Last variable of every path.
    public let target: NodeID
    /// The most recurrent steps a path may take (`ComputationGraph/isRecurrentStep(from:to:)`),
    /// `nil` for every path: truncated backpropagation through time keeps paths up to this lag.
    public let maximumLag: Int?
    /// `true` for every variable that lies on some path from `source` to `target`.
    package let onWay: [Bool]
    /// For every variable on the way, the positions of its parents in the order the walk takes them.
    let order: [[Int]]

    /// Paths from `source` to `target` in `graph`, or only those through at most `maximumLag` recurrent steps.
    public init(_ graph: ComputationGraph, from source: NodeID, to target: NodeID, maximumLag: Int? = nil) {
        self.graph = graph
        self.source = source
        self.target = target
        self.maximumLag = maximumLag
        onWay = PathEnumerator.between(graph, source, target)
        order = PathEnumerator.nearestFirst(graph, source, target, onWay)
    }

    /// Each on-way variable's parent positions, the parents on the way fewest edges from `source` first
    /// (a stable sort: ties keep the argument order).
    static func nearestFirst(_ graph: ComputationGraph, _ source: NodeID, _ target: NodeID, _ onWay: [Bool]) -> [[Int]] {
        var order = Array(repeating: [Int](), count: graph.count)
        guard source <= target, onWay[target.index] else { return order }
        var distance = Array(repeating: Int.max, count: graph.count)
        distance[source.index] = 0
        for position in source.index...target.index where onWay[position] {
            let parents = graph.variables[position].parents
            for parent in parents where onWay[parent.index] && distance[parent.index] != .max {
                distance[position] = Swift.min(distance[position], distance[parent.index] + 1)
            }
            guard position != source.index else { continue }
            order[position] = parents.indices.filter { onWay[parents[$0].index] }
                .enumerated().sorted { a, b in
                    let (x, y) = (distance[parents[a.element].index], distance[parents[b.element].index])
                    return x != y ? x < y : a.offset < b.offset
                }.map(\.element)
        }
        return order
    }

    /// `true` for every variable that lies on some path from `source` to `target`.
    static func between(_ graph: ComputationGraph, _ source: NodeID, _ target: NodeID) -> [Bool] {
        var fromSource = Array(repeating: false, count: graph.count)
        guard source <= target else { return fromSource }
        fromSource[source.index] = true
        for position in source.index...target.index where fromSource[position] {
            for child in graph.children[position] where child <= target { fromSource[child.index] = true }
        }
        var toTarget = Array(repeating: false, count: graph.count)
        toTarget[target.index] = fromSource[target.index]
        for position in stride(from: target.index, through: source.index, by: -1) where toTarget[position] {
            for parent in graph.variables[position].parents where fromSource[parent.index] {
                toTarget[parent.index] = true
            }
        }
        return toTarget
    }

    /// Walks backwards from the target: a stack of (node, next parent to try).
    public struct Iterator: IteratorProtocol {
        let graph: ComputationGraph
        let source: NodeID
        let order: [[Int]]
        let maximumLag: Int
        var stack: [(node: NodeID, next: Int, lag: Int)]
        var finished: Bool

        public mutating func next() -> [NodeID]? {
            next { stack in stack.reversed().map(\.node) }
        }

        /// The next path as its edges, from the target down to the source.
        mutating func nextEdges() -> [Edge]? {
            let order = self.order
            return next { stack in stack.dropLast().map { Edge(head: $0.node, argument: order[$0.node.index][$0.next - 1]) } }
        }

        /// Walks on to the next path and reads it off the stack (target first) with `read`.
        private mutating func next<Path>(_ read: ([(node: NodeID, next: Int, lag: Int)]) -> Path) -> Path? {
            while !finished {
                guard let top = stack.last else { finished = true; return nil }
                if top.node == source {
                    let path = read(stack)
                    stack.removeLast()
                    return path
                }
                let parents = graph.variables[top.node.index].parents
                let taken = order[top.node.index]
                var k = top.next
                var lag = top.lag
                while k < taken.count {
                    lag = top.lag + (graph.isRecurrentStep(from: parents[taken[k]], to: top.node) ? 1 : 0)
                    if lag <= maximumLag { break }
                    k += 1
                }
                if k == taken.count {
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].next = k + 1
                stack.append((parents[taken[k]], 0, lag))
            }
            return nil
        }
    }

    /// One edge of a path: its head and the position of its tail among the head's parents,
    /// which locates data kept per edge without searching the parents.
    public struct Edge: Hashable, Sendable {
        /// The variable the edge points to.
        public let head: NodeID
        /// The position of the edge's tail in the head's `Variable/parents`.
        public let argument: Int
    }

    /// The same paths, in the same order, each as its edges from the target down to the source.
    public struct EdgeLists: Sequence, Sendable {
        let paths: PathEnumerator

        /// Walks the paths as ``PathEnumerator/Iterator`` does.
        public struct Iterator: IteratorProtocol {
            var paths: PathEnumerator.Iterator
            /// The next path's edges, from the target down.
            public mutating func next() -> [Edge]? { paths.nextEdges() }
        }

        /// An iterator from the first path.
        public func makeIterator() -> Iterator { Iterator(paths: paths.makeIterator()) }
    }

    /// The paths as edge lists (``EdgeLists``).
    public var edgeLists: EdgeLists { EdgeLists(paths: self) }

    public func makeIterator() -> Iterator {
        let reachable = onWay.indices.contains(target.index) && onWay[target.index]
        return Iterator(graph: graph, source: source, order: order, maximumLag: maximumLag ?? Int.max,
                        stack: reachable ? [(target, 0, 0)] : [], finished: !reachable)
    }
}
