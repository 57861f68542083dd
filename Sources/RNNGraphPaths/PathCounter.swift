import BigInt
import RNNGraphCore

/// Counts paths between two variables without enumerating them: one pass of
/// dynamic programming over the graph, exact at any size (machine integers
/// while they suffice, big integers after an overflow).
public enum PathCounter {
    /// The number of distinct paths from `source` to `target`, however long counting it takes.
    public static func count(_ graph: ComputationGraph, from source: NodeID, to target: NodeID) -> BigUInt {
        guard source <= target else { return 0 }
        if let small = count(graph, source, target, as: UInt64.self).count { return BigUInt(small) }
        return count(graph, source, target, as: BigUInt.self).count ?? 0
    }

    /// The number of distinct paths from `source` to `target` in a graph unrolled at sequence length `length`.
    /// - Throws: `RNNGraphError/usage(_:)` with the ``CountEstimate`` when counting exactly would take
    ///   more than about a second.
    public static func checkedCount(_ graph: ComputationGraph, from source: NodeID, to target: NodeID,
                                    length: Int) throws -> BigUInt {
        guard source <= target else { return 0 }
        if let small = count(graph, source, target, as: UInt64.self).count { return BigUInt(small) }
        try estimate(graph, from: source, to: target).check(length: length)
        return count(graph, source, target, as: BigUInt.self).count ?? 0
    }

    /// The size of the count from `source` to `target` and the work of counting it exactly,
    /// in time linear in the graph.
    public static func estimate(_ graph: ComputationGraph, from source: NodeID, to target: NodeID) -> CountEstimate {
        guard source <= target else { return CountEstimate(log10: -.infinity, work: 0) }
        let (count, work) = count(graph, source, target, as: ApproximateCount.self)
        return CountEstimate(log10: count?.log10 ?? -.infinity, work: work)
    }

    /// counts[n] = Σ counts[parent] over the nodes between source and target, in topological order;
    /// `nil` when the count overflows `Number` (found at the first overflow), and the words an exact
    /// count touches (`PathCount.cost(of:)`).
    private static func count<Number: PathCount>(_ graph: ComputationGraph, _ source: NodeID, _ target: NodeID,
                                                 as _: Number.Type) -> (count: Number?, work: Double) {
        let base = source.index
        var counts = [Number](repeating: 0, count: target.index - base + 1)
        counts[0] = 1
        var overflow = false
        var work = 0.0
        if target.index > base {
            for position in (base + 1)...target.index {
                var total: Number = 0
                var added = 0
                for parent in graph.variables[position].parents where parent.index >= base {
                    Number.add(counts[parent.index - base], to: &total, overflow: &overflow)
                    added += 1
                }
                if overflow { return (nil, work) }
                work += Double(added) * Number.cost(of: total)
                counts[position - base] = total
            }
        }
        return (counts[target.index - base], work)
    }
}
