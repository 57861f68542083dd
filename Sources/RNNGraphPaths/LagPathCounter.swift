import BigInt
import RNNGraphCore

/// Counts paths by how many recurrent steps they take (their lag,
/// `ComputationGraph/isRecurrentStep(from:to:)`), without enumerating them:
/// dynamic programming over the graph with one count per lag.
public enum LagPathCounter {
    /// The most entries (variables × lags) the count keeps; above it the count is refused.
    /// Measured in a debug build on a 2-core machine: 6·10⁵ (cs187, N = 10⁵, K = 1) take 12 s.
    public static let maximumWork = 2_000_000

    /// - Throws: `RNNGraphError/usage(_:)` when counting paths of a graph of `variables`
    ///   variables by lag up to `maximumLag` would keep more than ``maximumWork`` counts.
    public static func checkWork(variables: Int, maximumLag: Int) throws {
        let work = Double(variables) * Double(max(0, maximumLag) + 1)
        guard work > Double(maximumWork) else { return }
        throw RNNGraphError.usage("counting paths by lag would keep \(Int(work)) "
                                  + "counts (variables × lags), above the limit of \(maximumWork); use a shorter sequence or a smaller truncation")
    }

    /// `counts[k]`: the number of paths from `source` to `target` through exactly `k`
    /// recurrent steps, for k = 0 … `maximumLag`; paths through more are left out.
    /// Call ``checkWork(variables:maximumLag:)`` first for large graphs.
    public static func counts(_ graph: ComputationGraph, from source: NodeID, to target: NodeID,
                              maximumLag: Int) -> [BigUInt] {
        let lags = max(0, maximumLag) + 1
        guard source <= target else { return Array(repeating: 0, count: lags) }
        let span = target.index - source.index + 1
        var table = [[BigUInt]](repeating: [], count: span)
        table[0] = Array(repeating: 0, count: lags)
        table[0][0] = 1
        for position in (source.index + 1)..<(target.index + 1) {
            var row = [BigUInt](repeating: 0, count: lags)
            let child = NodeID(position)
            for parent in graph.variables[position].parents where parent >= source {
                let from = table[parent.index - source.index]
                let shift = graph.isRecurrentStep(from: parent, to: child) ? 1 : 0
                for k in 0..<(lags - shift) where from[k] != 0 { row[k + shift] += from[k] }
            }
            table[position - source.index] = row
        }
        return table[span - 1]
    }
}
