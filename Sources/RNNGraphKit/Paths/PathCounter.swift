import BigInt

/// Counts paths between two variables without enumerating them: one pass of
/// dynamic programming over the graph, exact at any size (machine integers
/// while they suffice, big integers after an overflow).
public enum PathCounter {
    /// The number of distinct paths from `source` to `target`.
    public static func count(_ graph: ComputationGraph, from source: NodeID, to target: NodeID) -> BigUInt {
        guard source <= target else { return 0 }
        if let small = countFixedWidth(graph, source, target) { return BigUInt(small) }
        var counts = [BigUInt](repeating: 0, count: target.index - source.index + 1)
        counts[0] = 1
        accumulate(graph, source, target, into: &counts, add: { $0 + $1 })
        return counts[target.index - source.index]
    }

    private static func countFixedWidth(_ graph: ComputationGraph, _ source: NodeID, _ target: NodeID) -> UInt64? {
        var counts = [UInt64](repeating: 0, count: target.index - source.index + 1)
        counts[0] = 1
        var overflow = false
        accumulate(graph, source, target, into: &counts) { a, b in
            let (sum, over) = a.addingReportingOverflow(b)
            if over { overflow = true }
            return sum
        }
        return overflow ? nil : counts[target.index - source.index]
    }

    /// counts[n] = Σ counts[parent] over the nodes between source and target, in topological order.
    private static func accumulate<Number>(_ graph: ComputationGraph, _ source: NodeID, _ target: NodeID,
                                           into counts: inout [Number], add: (Number, Number) -> Number) {
        let base = source.index
        guard target.index > base else { return }
        for position in (base + 1)...target.index {
            var total = counts[position - base]
            for parent in graph.variables[position].parents where parent.index >= base {
                total = add(total, counts[parent.index - base])
            }
            counts[position - base] = total
        }
    }
}
