import BigInt
import RNNGraphCore

/// Counts paths between two variables without enumerating them: one pass of
/// dynamic programming over the graph, exact at any size (machine integers
/// while they suffice, big integers after an overflow).
public enum PathCounter {
    /// The number of distinct paths from `source` to `target`.
    public static func count(_ graph: ComputationGraph, from source: NodeID, to target: NodeID) -> BigUInt {
        guard source <= target else { return 0 }
        if let small = count(graph, source, target, as: UInt64.self) { return BigUInt(small) }
        return count(graph, source, target, as: BigUInt.self) ?? 0
    }

    /// counts[n] = Σ counts[parent] over the nodes between source and target, in topological order;
    /// `nil` when the count overflows `Number`.
    private static func count<Number: PathCount>(_ graph: ComputationGraph, _ source: NodeID, _ target: NodeID,
                                                 as _: Number.Type) -> Number? {
        let base = source.index
        var counts = [Number](repeating: 0, count: target.index - base + 1)
        counts[0] = 1
        var overflow = false
        if target.index > base {
            for position in (base + 1)...target.index {
                var total = counts[position - base]
                for parent in graph.variables[position].parents where parent.index >= base {
                    total = Number.sum(total, counts[parent.index - base], overflow: &overflow)
                }
                counts[position - base] = total
            }
        }
        return overflow ? nil : counts[target.index - base]
    }
}
