import RNNGraphCore

/// All paths from one variable to another, produced one at a time in a fixed order.
///
/// Order: paths are grouped by the last edge into the target, in the target's
/// argument order (for `L = Σ_t …` that is the step where the path reaches the
/// loss); within a group, recursively by the argument order of each node, so
/// a direct edge (`U → h_2`) comes before a longer way round (`U → h_1 → h_2`).
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

    /// Paths from `source` to `target` in `graph`, or only those through at most `maximumLag` recurrent steps.
    public init(_ graph: ComputationGraph, from source: NodeID, to target: NodeID, maximumLag: Int? = nil) {
        self.graph = graph
        self.source = source
        self.target = target
        self.maximumLag = maximumLag
        onWay = PathEnumerator.between(graph, source, target)
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
        let onWay: [Bool]
        let maximumLag: Int
        var stack: [(node: NodeID, next: Int, lag: Int)]
        var finished: Bool

        public mutating func next() -> [NodeID]? {
            next { stack in stack.reversed().map(\.node) }
        }

        /// The next path as its edges, from the target down to the source.
        mutating func nextEdges() -> [Edge]? {
            next { stack in stack.dropLast().map { Edge(head: $0.node, argument: $0.next - 1) } }
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
                var k = top.next
                var lag = top.lag
                while k < parents.count {
                    if onWay[parents[k].index] {
                        lag = top.lag + (graph.isRecurrentStep(from: parents[k], to: top.node) ? 1 : 0)
                        if lag <= maximumLag { break }
                    }
                    k += 1
                }
                if k == parents.count {
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].next = k + 1
                stack.append((parents[k], 0, lag))
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
        return Iterator(graph: graph, source: source, onWay: onWay, maximumLag: maximumLag ?? Int.max,
                        stack: reachable ? [(target, 0, 0)] : [], finished: !reachable)
    }
}
