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
    private let onWay: [Bool]

    /// Paths from `source` to `target` in `graph`.
    public init(_ graph: ComputationGraph, from source: NodeID, to target: NodeID) {
        self.graph = graph
        self.source = source
        self.target = target
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
        var stack: [(node: NodeID, next: Int)]
        var finished: Bool

        public mutating func next() -> [NodeID]? {
            while !finished {
                guard let top = stack.last else { finished = true; return nil }
                if top.node == source {
                    let path = stack.reversed().map(\.node)
                    stack.removeLast()
                    return path
                }
                let parents = graph.variables[top.node.index].parents
                var k = top.next
                while k < parents.count && !onWay[parents[k].index] { k += 1 }
                if k == parents.count {
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].next = k + 1
                stack.append((parents[k], 0))
            }
            return nil
        }
    }

    public func makeIterator() -> Iterator {
        let reachable = onWay.indices.contains(target.index) && onWay[target.index]
        return Iterator(graph: graph, source: source, onWay: onWay,
                        stack: reachable ? [(target, 0)] : [], finished: !reachable)
    }
}
